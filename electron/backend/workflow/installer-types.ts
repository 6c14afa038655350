// SPDX-License-Identifier: Apache-2.0
// Context, events and actor contracts of the installer workflow. The context is persisted as
// JSON after every transition, so it holds data only: no sockets, no secrets.
import type { CheckResult, DeployFailure, DeployStepView, ErrorInfo, HostKeyView, RenderSummary, ServerFacts, StepId, TargetInput, WorkflowEvent } from '../../api/contract.js';
import type { Disk, HardwareReport } from '../../api/generated/hardware-report-types.js';

/** Bumped whenever states or context change shape; older persisted snapshots are discarded. */
export const MACHINE_VERSION = 4;

/** The wizard steps in order, as shown on the step rail. */
export const WIZARD_STEPS: readonly StepId[] = ['target', 'hardware', 'site', 'bundle', 'review', 'deploy', 'done'];

export interface TargetContext extends TargetInput {
  isDemo: boolean;
}

export interface SiteContext {
  config: Record<string, unknown> | null;
  valid: boolean;
  errors: { field: string; message: string }[];
}

export interface HardwareContext {
  profileId: string;
  report: HardwareReport | null;
}

export interface InstallerContext {
  mode: 'install' | 'demo' | null;
  installId: string | null;
  target: TargetContext | null;
  /** The fingerprint the operator accepted; the connect actor pins it if it sees exactly this key. */
  acceptFingerprint: string | null;
  hostKey: HostKeyView | null;
  server: ServerFacts | null;
  /** The resolved address of the target once connected. */
  endpoint: Endpoint | null;
  /** The last probe and the profile its checks were evaluated against. */
  hardware: HardwareContext;
  /** Checks of `hardware.report` against `hardware.profileId`, without waivers applied. */
  checks: CheckResult[];
  waivers: Record<string, string>;
  site: SiteContext;
  bundle: { path: string | null; verified: boolean };
  /** The render of the site made on entering the review (details are kept by the render service). */
  render: RenderSummary;
  deploy: DeployContext;
  error: ErrorInfo | null;
  /** Steps the operator has reached; GOTO may only jump back to these. */
  visited: StepId[];
  /** The embedded demo server of this backend run, if any. */
  demoTarget: { host: string; port: number; username: string } | null;
}

/** One step of the plan as the workflow tracks it (no commands: those are resolved from the site again). */
export interface DeployStepOutline {
  key: string;
  title: string;
  expectedS: number;
}

/** The plan's phases and steps, set when the deploy starts. */
export interface DeployPhaseOutline {
  id: string;
  playbook: string;
  title: string;
  steps: DeployStepOutline[];
}

/** Where one step stands. `attempt` is the last attempt started on the server (0: never). */
export interface DeployStepState {
  status: DeployStepView['status'];
  attempt: number;
  durationMs: number | null;
  reason?: string;
}

/** The deploy as the workflow persists it: enough to resume on this laptop after a crash. */
export interface DeployContext {
  status: 'idle' | 'running' | 'failed' | 'succeeded' | 'aborted';
  phases: DeployPhaseOutline[];
  steps: Record<string, DeployStepState>;
  /** The step running now and when it started (ISO), for progress and ETA. */
  current: { key: string; since: string } | null;
  failure: DeployFailure | null;
  startedAt: string | null;
}

/** Input given to the installer machine when an install starts from the welcome screen. */
export interface InstallerInput {
  demoTarget?: { host: string; port: number; username: string } | null;
}

/** Events sent by the backend itself (never by the renderer). */
export type InternalEvent =
  | { type: 'DEPLOY_PLAN'; phases: DeployPhaseOutline[] }
  | { type: 'DEPLOY_STEP'; key: string; state: DeployStepState; at: string }
  | { type: 'DEPLOY_STEP_FAILED'; failure: DeployFailure; error: ErrorInfo }
  | { type: 'DEPLOY_DONE' }
  | { type: 'DEPLOY_FAILED'; error: ErrorInfo };

export type InstallerEvent = WorkflowEvent | InternalEvent;

/** Where a target really is, after ~/.ssh/config (alias, Port, User) is applied. */
export interface Endpoint {
  host: string;
  port: number;
  username: string;
}

/** What the connect actor resolves with. */
export interface ConnectOutput {
  hostKey: HostKeyView;
  facts: ServerFacts | null;
  endpoint?: Endpoint;
}

/** Input to the connect actor. */
export interface ConnectInput {
  target: TargetContext;
  acceptFingerprint: string | null;
}

/** Input to the hardware probe actor. */
export interface ProbeInput {
  target: TargetContext;
  server: ServerFacts | null;
}

/** What the probe actor resolves with. */
export interface ProbeOutput {
  report: HardwareReport;
}

/** Input to the wipe actor: the disk and the exact commands the operator confirmed. */
export interface WipeInput {
  target: TargetContext;
  disk: string;
  commands: string[];
  /** The disk as the operator saw it, for the check right before the wipe. */
  confirmed: Disk | null;
}

/** Input to the render actor: the site as the operator described it. */
export interface RenderInput {
  site: Record<string, unknown> | null;
}

/** Input to the deploy actor. */
export interface DeployInput {
  mode: 'install' | 'demo' | null;
  target: TargetContext | null;
  site: Record<string, unknown> | null;
  /** Steps done, skipped and attempts made so far (resume and retry go on from here). */
  steps: Record<string, DeployStepState>;
  bundlePath: string | null;
}

/** Creates the empty context of a fresh workflow. */
export function initialContext(): InstallerContext {
  return {
    mode: null,
    installId: null,
    target: null,
    acceptFingerprint: null,
    hostKey: null,
    server: null,
    endpoint: null,
    hardware: { profileId: 'ciab-sandbox', report: null },
    checks: [],
    waivers: {},
    site: { config: null, valid: false, errors: [{ field: '/', message: 'Enter the site configuration' }] },
    bundle: { path: null, verified: false },
    render: { status: 'none', files: 0, leaks: 0, error: null },
    deploy: emptyDeploy(),
    error: null,
    visited: [],
    demoTarget: null,
  };
}

/** The deploy before it ever started. */
export function emptyDeploy(): DeployContext {
  return { status: 'idle', phases: [], steps: {}, current: null, failure: null, startedAt: null };
}
