// SPDX-License-Identifier: Apache-2.0
// The target form's local draft (the only workflow-related state the renderer keeps), the checks
// that give instant feedback, and the helper that splits "user@host:port" typed into the address
// field. The backend validates again against the API schema and resolves ~/.ssh/config aliases.
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
  // Prefill with what the operator typed (an alias stays an alias), not where it resolved to.
  const typed = t?.typed;
  if (typed) return { host: typed.host, port: typed.port !== undefined ? String(typed.port) : '', username: typed.username ?? '', auth: typed.auth, keyPath: typed.keyPath ?? '' };
  if (t) return { host: t.host, port: String(t.port), username: t.username, auth: t.auth, keyPath: t.keyPath ?? '' };
  const demo = appInfo?.demoTarget;
  if (view.mode === 'demo' && demo) return { host: demo.host, port: String(demo.port), username: demo.username, auth: 'none', keyPath: '' };
  // The port stays empty: 22, or the Port an ~/.ssh/config alias sets.
  return { host: '', port: '', username: '', auth: 'agent', keyPath: '' };
}

/** What `splitHostInput` took out of the address field; only the parts that were there. */
export interface HostSplit {
  host: string;
  username?: string;
  port?: string;
}

/**
 * Splits what an OpenSSH user types as a destination — `user@host`, `host:port`, `user@host:port`,
 * `[v6]:port`, `ssh://user@host:port` — into the form's fields. A bare IPv6 address or an alias
 * stays as it is.
 */
export function splitHostInput(text: string): HostSplit {
  let rest = text.trim().replace(/^ssh:\/\//i, '').replace(/\/+$/, '');
  const out: HostSplit = { host: rest };
  const at = rest.lastIndexOf('@');
  if (at > 0) {
    out.username = rest.slice(0, at);
    rest = rest.slice(at + 1);
  }
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (bracketed) {
    rest = bracketed[1]!;
    if (bracketed[2] !== undefined) out.port = bracketed[2];
  } else {
    const hostPort = /^([^:]+):(\d+)$/.exec(rest);
    if (hostPort) {
      rest = hostPort[1]!;
      out.port = hostPort[2]!;
    }
  }
  out.host = rest;
  return out;
}

/** The draft with a typed `user@host:port` spread over its fields; null when there was nothing to split. */
export function applyHostSplit(d: TargetDraft): { draft: TargetDraft; moved: string } | null {
  const s = splitHostInput(d.host);
  if (s.username === undefined && s.port === undefined && s.host === d.host) return null;
  const moved: string[] = [];
  if (s.username !== undefined) moved.push(`“${s.username}” to User`);
  if (s.port !== undefined) moved.push(`${s.port} to Port`);
  return {
    draft: { ...d, host: s.host, username: s.username ?? d.username, port: s.port ?? d.port },
    moved: moved.length > 0 ? `Moved ${moved.join(' and ')}.` : '',
  };
}

// The contract's user name pattern (POSIX-ish, as useradd accepts).
const USER_PATTERN = /^[a-z_][a-z0-9_.-]*\$?$/;

/** Field-by-field problems with a draft; an empty object means it can be sent. */
export function validateTargetDraft(d: TargetDraft): Partial<Record<keyof TargetDraft, string>> {
  const errors: Partial<Record<keyof TargetDraft, string>> = {};
  const host = d.host.trim();
  const colons = (host.match(/:/g) ?? []).length;
  if (host === '') errors.host = 'Enter the server’s address or a Host alias from ~/.ssh/config.';
  else if (/[\s@/]/.test(host) || colons === 1) errors.host = 'Only the host name, IP address or alias — put the user name in “User” and the port in “Port”.';
  const port = Number(d.port);
  if (d.port.trim() !== '' && (!/^\d+$/.test(d.port.trim()) || port < 1 || port > 65535)) errors.port = 'A port number from 1 to 65535, or empty for 22 (or the alias’s Port).';
  const user = d.username.trim();
  if (user !== '' && !USER_PATTERN.test(user)) errors.username = 'A Linux user name: lower-case letters, digits, “_”, “-” and “.”, for example ubuntu.';
  if (d.auth === 'key' && d.keyPath.trim() === '') errors.keyPath = 'Enter the path of the private key file, for example ~/.ssh/id_ed25519.';
  return errors;
}

/**
 * The contract's TargetInput for a valid draft. An empty user is left to ~/.ssh/config or the local
 * user name, an empty port to ~/.ssh/config or 22.
 */
export function toTargetInput(d: TargetDraft): TargetInput {
  const input: TargetInput = { host: d.host.trim(), auth: d.auth };
  if (d.port.trim() !== '') input.port = Number(d.port);
  const user = d.username.trim();
  if (user !== '') input.username = user;
  if (d.auth === 'key') input.keyPath = d.keyPath.trim();
  return input;
}

/** The TargetInput the workflow already holds (to re-send it, e.g. "Change target"). */
export function targetInputOf(t: NonNullable<WorkflowView['target']>): TargetInput {
  // What the operator typed (an alias stays an alias, with its ProxyJump); older views lack it.
  if (t.typed) return { ...t.typed };
  const input: TargetInput = { host: t.host, port: t.port, auth: t.auth };
  if (t.username !== '') input.username = t.username;
  if (t.keyPath !== undefined) input.keyPath = t.keyPath;
  return input;
}
