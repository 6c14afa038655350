// SPDX-License-Identifier: Apache-2.0
// Projects a workflow snapshot into the WorkflowView the renderer draws: step rail statuses,
// what the primary action is blocked by, and the failure to keep on screen. Never secrets.
import { deployView } from '../deploy/deploy-progress.js';
import type { SnapshotFrom } from 'xstate';
import type { CheckResult, HardwareView, ResumeOffer, StepId, StepView, WorkflowView } from '../../api/contract.js';
import { profileChoices, summarizeHardware } from '../hardware/hardware-evaluation.js';
import { WIZARD_STEPS, type InstallerContext } from './installer-types.js';
import { unwaivedFailures, type installerMachine } from './installer-machine.js';
import { siteFieldLabel } from '../site/validate-site.js';

type Snapshot = SnapshotFrom<typeof installerMachine>;

const TITLES: Record<StepId, string> = {
  welcome: 'Welcome',
  replay: 'Replay',
  target: 'Target',
  hardware: 'Hardware',
  site: 'Site',
  bundle: 'Air-gap bundle',
  review: 'Review',
  deploy: 'Deploy',
  done: 'Done',
};

/** The dotted state path of a snapshot value, e.g. "target.confirmHostKey". */
export function statePath(value: unknown): string {
  if (typeof value === 'string') return value;
  const [k, v] = Object.entries(value as Record<string, unknown>)[0] ?? ['?', ''];
  const rest = statePath(v);
  return rest ? `${k}.${rest}` : k;
}

const BUSY: Record<string, string> = {
  'target.connecting': 'Connecting to the server…',
  'hardware.probing': 'Probing the hardware…',
  'hardware.wiping': 'Wiping the disk…',
  'bundle.verifying': 'Verifying the air-gap bundle…',
  'review.rendering': 'Rendering the configuration…',
  'deploy.running': 'Deploying…',
};

/** Why NEXT is not possible right now, in words the operator can act on. */
export function nextBlockedReason(state: string, ctx: InstallerContext): string | undefined {
  const step = state.split('.')[0] as StepId;
  switch (step) {
    case 'target':
      return 'Connect to the server and confirm its host key first.';
    case 'hardware': {
      if (state !== 'hardware.ready') return 'Wait for the hardware probe to finish.';
      const failing = unwaivedFailures(ctx);
      if (failing.length === 0) return undefined;
      // Titles, not ids: this sentence is for the operator (ids are in the table and the journal).
      return `${failing.length} check${failing.length > 1 ? 's' : ''} failed (${failing.map((c) => c.title).join(', ')}): fix and probe again, or waive with a reason.`;
    }
    case 'site': {
      const e = ctx.site.errors[0];
      if (!e) return undefined;
      const more = ctx.site.errors.length > 1 ? ` (and ${ctx.site.errors.length - 1} more)` : '';
      // "Site name is required" reads well; a full sentence of advice goes after a colon.
      const joined = /^(is|must) /.test(e.message) ? `${siteFieldLabel(e.field)} ${e.message}` : `${siteFieldLabel(e.field)}: ${e.message}`;
      return `Fix the site configuration: ${joined}${more}`;
    }
    case 'bundle':
      return ctx.bundle.path ? 'Verify the air-gap bundle first.' : 'Choose and verify the air-gap bundle first.';
    case 'review': {
      const r = ctx.render;
      if (r.status === 'rendering' || r.status === 'none') return 'Wait for the configuration to be rendered.';
      if (r.status === 'failed') return 'Rendering the configuration failed: fix the site and render again.';
      if (r.leaks > 0) return `The leak check found ${r.leaks} public endpoint${r.leaks > 1 ? 's' : ''} in the rendered configuration: replace ${r.leaks > 1 ? 'them' : 'it'} with site-local sources, or allow ${r.leaks > 1 ? 'them' : 'it'} in airgap.allow.`;
      return undefined;
    }
    case 'deploy':
      return 'The deployment has not finished.';
    default:
      return undefined;
  }
}

/** Applies recorded waivers to the raw check results for display. */
export function checksWithWaivers(checks: CheckResult[], waivers: Record<string, string>): CheckResult[] {
  return checks.map((c) => (waivers[c.id] !== undefined && (c.state === 'fail' || c.state === 'error') ? { ...c, state: 'waived', waiver: waivers[c.id]! } : c));
}

function stepViews(step: StepId, state: string, canNext: boolean, reason: string | undefined): StepView[] {
  const current = WIZARD_STEPS.indexOf(step);
  return WIZARD_STEPS.map((id, i): StepView => {
    const view: StepView = { id, title: TITLES[id], status: 'todo' };
    if (current < 0) return view;
    if (i < current) view.status = 'done';
    else if (i === current) view.status = /\.(failed|hostKeyMismatch)$/.test(state) ? 'failed' : id === 'done' ? 'done' : 'current';
    else if (i === current + 1 && !canNext && reason) {
      view.status = 'blocked';
      view.blockedReason = reason;
    }
    return view;
  });
}

/** The hardware part of the view: profile choice, probe timing and the one-line summary. */
function hardwareView(ctx: InstallerContext): HardwareView | null {
  if (!ctx.target) return null;
  const r = ctx.hardware.report;
  return {
    profileId: ctx.hardware.profileId,
    profiles: profileChoices(),
    probedAt: r?.probedAt ?? null,
    durationMs: r?.durationMs ?? null,
    summary: r ? summarizeHardware(ctx.checks, ctx.waivers) : null,
  };
}

/** Builds the renderer's view of a snapshot. */
export function toWorkflowView(
  snapshot: Snapshot,
  extra: { resumeOffer: ResumeOffer | null; connection?: WorkflowView['connection'] },
): WorkflowView {
  const ctx = snapshot.context;
  const state = statePath(snapshot.value);
  const step = state.split('.')[0] as StepId;
  const canNext = snapshot.can({ type: 'NEXT' });
  const reason = canNext ? undefined : nextBlockedReason(state, ctx);
  const can: WorkflowView['can'] = { next: canNext, back: snapshot.can({ type: 'BACK' }), cancel: snapshot.can({ type: 'CANCEL' }) };
  if (reason) can.nextBlockedReason = reason;
  const t = ctx.target;
  // Show where the target really is (after ~/.ssh/config) once known; what was typed before that.
  const target = t
    ? {
        host: ctx.endpoint?.host ?? t.host,
        port: ctx.endpoint?.port ?? t.port ?? 22,
        username: ctx.endpoint?.username ?? t.username ?? '',
        auth: t.auth,
        isDemo: t.isDemo,
        ...(t.keyPath ? { keyPath: t.keyPath } : {}),
        typed: {
          host: t.host,
          auth: t.auth,
          ...(t.port !== undefined ? { port: t.port } : {}),
          ...(t.username ? { username: t.username } : {}),
          ...(t.keyPath ? { keyPath: t.keyPath } : {}),
        },
      }
    : null;
  return {
    state,
    step,
    steps: stepViews(step, state, canNext, reason),
    mode: ctx.mode,
    installId: ctx.installId,
    busy: BUSY[state] ?? null,
    target,
    hostKey: ctx.hostKey,
    server: ctx.server,
    checks: checksWithWaivers(ctx.checks, ctx.waivers),
    site: { config: ctx.site.config, valid: ctx.site.valid, errors: ctx.site.errors },
    bundle: { ...ctx.bundle },
    render: { ...ctx.render },
    deploy: deployView(ctx.deploy),
    error: ctx.error,
    resumeOffer: extra.resumeOffer,
    hardware: hardwareView(ctx),
    connection: extra.connection ?? { status: 'none', attempt: 0, since: null },
    can,
  };
}
