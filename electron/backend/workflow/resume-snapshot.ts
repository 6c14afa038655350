// SPDX-License-Identifier: Apache-2.0
// Prepares a persisted snapshot for restoring: a step that was busy when the app stopped
// (connecting, probing, verifying, deploying) is restored as failed with an "interrupted"
// error and a Retry, instead of silently re-running with stale inputs.
import type { ErrorInfo, StepId } from '../../api/contract.js';
import type { InstallerContext } from './installer-types.js';
import type { SnapshotEnvelope } from './snapshot-store.js';
import { evaluateHardware, profileById } from '../hardware/hardware-evaluation.js';

const BUSY: Record<string, { step: StepId; to: string; doing: string; next: string }> = {
  'target.connecting': { step: 'target', to: 'failed', doing: 'connecting to the server', next: 'Press Retry to connect again.' },
  'hardware.probing': { step: 'hardware', to: 'failed', doing: 'probing the hardware', next: 'Press Retry to probe again.' },
  'hardware.wiping': {
    step: 'hardware',
    to: 'failed',
    doing: 'wiping a disk',
    next: 'The disk may be partly wiped. Press Retry to probe again and see its state before doing anything else.',
  },
  'bundle.verifying': { step: 'bundle', to: 'failed', doing: 'verifying the air-gap bundle', next: 'Press Verify to check the bundle again.' },
  'review.rendering': { step: 'review', to: 'failed', doing: 'rendering the configuration', next: 'Press Render again to render the configuration.' },
  // The review's file list lives in memory only: after a restart, render again before a deploy.
  'review.ready': { step: 'review', to: 'failed', doing: 'reviewing the rendered configuration', next: 'Press Render again to render and review the configuration before the deploy.' },
  'deploy.running': { step: 'deploy', to: 'failed', doing: 'deploying', next: 'Press Retry to continue the deployment.' },
};

/** Returns a copy of the persisted snapshot that is safe to restore into this backend run. */
export function prepareForResume(
  env: SnapshotEnvelope,
  demoTarget: InstallerContext['demoTarget'],
  now: Date = new Date(),
): SnapshotEnvelope['snapshot'] {
  const snapshot = structuredClone(env.snapshot);
  const ctx = snapshot.context as unknown as InstallerContext;
  // The embedded demo server listens on a new port each run: point a demo target at it.
  ctx.demoTarget = demoTarget;
  if (ctx.target?.isDemo && demoTarget) {
    ctx.target = { ...ctx.target, ...demoTarget };
    if (ctx.endpoint) ctx.endpoint = { ...demoTarget };
  }
  const value = snapshot.value as Record<string, unknown> | string;
  if (typeof value === 'object' && value !== null) {
    const [step, sub] = Object.entries(value)[0] ?? [];
    const busy = typeof sub === 'string' ? BUSY[`${step}.${sub}`] : undefined;
    if (busy && step) {
      snapshot.value = { [step]: busy.to };
      const error: ErrorInfo = {
        step: busy.step,
        title: 'Interrupted',
        message: `The installer stopped while ${busy.doing} (saved ${env.savedAt}). What happened after that is not known here.`,
        lastLines: [],
        nextAction: busy.next,
        at: now.toISOString(),
      };
      ctx.error = error;
      if (busy.step === 'review') ctx.render = { status: 'failed', files: 0, leaks: 0, error };
      if (busy.step === 'deploy') ctx.deploy = { ...ctx.deploy, status: 'failed', current: null };
    }
  }
  // Profiles may have changed since the snapshot (an app update): evaluate the saved report again,
  // so checks, blocking states and wipe commands are this version's.
  const report = ctx.hardware?.report;
  if (report) {
    const profile = profileById(ctx.hardware.profileId);
    ctx.hardware = { profileId: profile.id, report };
    ctx.checks = evaluateHardware(report, profile.id);
  }
  // Invoked actors are never restored: they would restart with the inputs of the old run.
  snapshot.children = {};
  return snapshot;
}
