// SPDX-License-Identifier: Apache-2.0
// The target form's local draft (the only workflow-related state the renderer keeps) and the
// checks that give instant feedback; the backend validates again against the API schema.
import type { AppInfo, AuthMethod, TargetInput, WorkflowView } from '../../electron/api/contract.js';

/** What the operator types into the target form; secrets never leave this draft except via secrets.set. */
export interface TargetDraft {
  host: string;
  port: string;
  username: string;
  auth: AuthMethod;
  keyPath: string;
}

/** The form's starting values: what the workflow already has, else the demo server in a demo. */
export function initialTargetDraft(view: WorkflowView, appInfo: AppInfo | null): TargetDraft {
  const t = view.target;
  if (t) return { host: t.host, port: String(t.port), username: t.username, auth: t.auth, keyPath: t.keyPath ?? '' };
  const demo = appInfo?.demoTarget;
  if (view.mode === 'demo' && demo) return { host: demo.host, port: String(demo.port), username: demo.username, auth: 'none', keyPath: '' };
  return { host: '', port: '22', username: '', auth: 'agent', keyPath: '' };
}

/** Field-by-field problems with a draft; an empty object means it can be sent. */
export function validateTargetDraft(d: TargetDraft): Partial<Record<keyof TargetDraft, string>> {
  const errors: Partial<Record<keyof TargetDraft, string>> = {};
  const host = d.host.trim();
  if (host === '') errors.host = 'Enter the server’s address or ~/.ssh/config alias.';
  else if (/[\s@:/]/.test(host)) errors.host = 'Only the host name or IP address — put the user name in “User” and the port in “Port”.';
  const port = Number(d.port);
  if (!/^\d+$/.test(d.port.trim()) || port < 1 || port > 65535) errors.port = 'A port number from 1 to 65535 (SSH uses 22).';
  if (d.username.trim() === '') errors.username = 'Enter the user to log in as, for example ubuntu.';
  if (d.auth === 'key' && d.keyPath.trim() === '') errors.keyPath = 'Enter the path of the private key file, for example ~/.ssh/id_ed25519.';
  return errors;
}

/** The contract's TargetInput for a valid draft. */
export function toTargetInput(d: TargetDraft): TargetInput {
  const input: TargetInput = { host: d.host.trim(), port: Number(d.port), username: d.username.trim(), auth: d.auth };
  if (d.auth === 'key') input.keyPath = d.keyPath.trim();
  return input;
}

/** The TargetInput the workflow already holds (to re-send it, e.g. "Change target"). */
export function targetInputOf(t: NonNullable<WorkflowView['target']>): TargetInput {
  const input: TargetInput = { host: t.host, port: t.port, username: t.username, auth: t.auth };
  if (t.keyPath !== undefined) input.keyPath = t.keyPath;
  return input;
}
