// SPDX-License-Identifier: Apache-2.0
// The test model of the installer workflow: the events an operator or a service can produce,
// including the done/error events of every invoked actor, for graph traversal.
import type { CheckResult } from '../../../../electron/api/contract.js';
import { evaluateHardware } from '../../../../electron/backend/hardware/hardware-evaluation.js';
import { dirtyServer, makeReport } from '../hardware/evaluate/make-report.js';
import { minimalSite } from '../../../helpers/site-fixtures.js';
import type { InstallerContext, InstallerEvent } from '../../../../electron/backend/workflow/installer-types.js';

export const FP = 'SHA256:' + 'A'.repeat(43);
export const OTHER_FP = 'SHA256:' + 'B'.repeat(43);
export const DEMO = { host: '127.0.0.1', port: 2222, username: 'ciab' };

const check = (id: string, state: CheckResult['state']): CheckResult => ({
  id,
  group: 'OS',
  title: id,
  state,
  required: 'x',
  found: 'y',
  why: 'w',
  fix: 'f',
});
/** Checks in the shape the view shows; used by view tests. */
export const CHECKS_FAIL = [check('os.release', 'fail'), check('os.kernel', 'pass')];
export const REPORT_OK = makeReport();
/** A server with too little to offer and an old LVM disk /dev/sdb (which a check offers to wipe). */
export const REPORT_FAIL = dirtyServer();
/** A check that REPORT_FAIL fails under the default profile. */
export const FAILING_CHECK = evaluateHardware(REPORT_FAIL, 'ciab-sandbox').find((c) => c.blocking)!.id;
const facts = { hostname: 'ciab-demo-01', os: 'Ubuntu 24.04.1 LTS', kernel: '6.8.0-48-generic' };
const errInfo = { step: 'deploy' as const, title: 'Step failed', message: 'boom', lastLines: ['fatal: x'], nextAction: 'retry', at: '2026-01-01T00:00:00.000Z' };

const stepFailure = { key: 'osism-ciab/a', title: 'A', command: 'osism apply a', attempt: 1, exitCode: 2, timedOut: false, message: 'Exited with code 2 (attempt 1).', lastLines: ['fatal: x'], hints: [] };

type AnyEvent = InstallerEvent | { type: string; [k: string]: unknown };

/** Every event worth trying in every state (the machine ignores the ones that do not apply). */
export const MODEL_EVENTS: AnyEvent[] = [
  { type: 'START_INSTALL' },
  { type: 'START_DEMO' },
  { type: 'OPEN_REPLAY' },
  { type: 'SET_TARGET', target: { ...DEMO, auth: 'none' } },
  { type: 'SET_TARGET', target: { host: '192.0.2.10', port: 22, username: 'ubuntu', auth: 'agent' } },
  { type: 'CONNECT' },
  { type: 'xstate.done.actor.connect', output: { hostKey: { algorithm: 'ssh-ed25519', fingerprint: FP, status: 'unknown' }, facts: null } },
  { type: 'xstate.done.actor.connect', output: { hostKey: { algorithm: 'ssh-ed25519', fingerprint: FP, status: 'pinned' }, facts } },
  { type: 'xstate.done.actor.connect', output: { hostKey: { algorithm: 'ssh-ed25519', fingerprint: OTHER_FP, status: 'mismatch', expectedFingerprint: FP }, facts: null } },
  { type: 'xstate.error.actor.connect', error: new Error('ECONNREFUSED') },
  { type: 'ACCEPT_HOST_KEY', fingerprint: FP },
  { type: 'ACCEPT_HOST_KEY', fingerprint: OTHER_FP },
  { type: 'REJECT_HOST_KEY' },
  { type: 'DISMISS_ERROR' },
  { type: 'RETRY' },
  { type: 'NEXT' },
  { type: 'BACK' },
  { type: 'CANCEL' },
  { type: 'PROBE' },
  { type: 'xstate.done.actor.probe', output: { report: REPORT_OK } },
  { type: 'xstate.done.actor.probe', output: { report: REPORT_FAIL } },
  { type: 'xstate.error.actor.probe', error: new Error('probe failed') },
  { type: 'WAIVE', checkId: FAILING_CHECK, reason: 'lab machine, accepted by the site owner' },
  { type: 'UNWAIVE', checkId: FAILING_CHECK },
  { type: 'SET_PROFILE', profileId: 'lab' },
  { type: 'WIPE_DISK', disk: '/dev/sdb', confirm: '/dev/sdb' },
  { type: 'xstate.done.actor.wipe', output: { wiped: '/dev/sdb' } },
  { type: 'xstate.error.actor.wipe', error: new Error('wipefs: /dev/sdb: device busy') },
  { type: 'SET_SITE', site: minimalSite('site-a') },
  { type: 'SET_SITE', site: { name: 'Bad Name', type: 'sandbox' } },
  { type: 'SET_BUNDLE', path: '/media/bundle' },
  { type: 'VERIFY_BUNDLE' },
  { type: 'xstate.done.actor.verifyBundle', output: { verified: true } },
  { type: 'xstate.error.actor.verifyBundle', error: new Error('manifest.json missing') },
  { type: 'xstate.done.actor.renderSite', output: { status: 'ready', files: 42, leaks: 0, changed: 42, digest: 'x', error: null } },
  { type: 'xstate.done.actor.renderSite', output: { status: 'ready', files: 42, leaks: 2, changed: 42, digest: 'y', error: null } },
  { type: 'xstate.error.actor.renderSite', error: new Error('The local registry needs a password') },
  { type: 'START_DEPLOY' },
  { type: 'DEPLOY_PLAN', phases: [{ id: 'p', playbook: 'osism-ciab', title: 'Phase', steps: [{ key: 'osism-ciab/a', title: 'A', expectedS: 10 }] }] },
  { type: 'DEPLOY_STEP', key: 'osism-ciab/a', state: { status: 'running', attempt: 1, durationMs: null }, at: '2026-01-01T00:00:00.000Z' },
  { type: 'DEPLOY_DONE' },
  { type: 'DEPLOY_FAILED', error: errInfo },
  { type: 'DEPLOY_STEP_FAILED', failure: stepFailure, error: errInfo },
  { type: 'SKIP_STEP', reason: 'done by hand on the console' },
  { type: 'ABORT_DEPLOY' },
  { type: 'STOP_STEP' },
  { type: 'GOTO', step: 'target' },
  { type: 'GOTO', step: 'hardware' },
  { type: 'GOTO', step: 'site' },
  { type: 'GOTO', step: 'bundle' },
  { type: 'GOTO', step: 'review' },
  { type: 'NEW_INSTALL' },
];

/** The parts of the context that change what the machine can do next. */
export function abstractState(value: unknown, ctx: InstallerContext): string {
  return JSON.stringify({
    value,
    target: ctx.target === null ? null : ctx.target.isDemo,
    hostKey: ctx.hostKey?.status ?? null,
    checks: ctx.checks.length === 0 ? 'none' : ctx.checks.some((c) => c.state === 'fail') ? 'fail' : 'ok',
    waived: Object.keys(ctx.waivers).length,
    profile: ctx.hardware.profileId,
    site: ctx.site.valid,
    bundle: [ctx.bundle.path !== null, ctx.bundle.verified],
    visited: ctx.visited.length,
    error: ctx.error !== null,
    deploy: [ctx.deploy.status, ctx.deploy.failure !== null],
  });
}
