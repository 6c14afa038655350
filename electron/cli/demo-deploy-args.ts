// SPDX-License-Identifier: Apache-2.0
// `--demo-speed N` and `--demo-fault STEP=KIND` (repeatable): how the demo server runs deploy steps,
// for partner demos and end-to-end tests (a failure to show, a hang, a dropped connection).
import type { SimDeployOptions, SimFault } from '../backend/sim/sim-step-runs.js';

const FAULTS: readonly SimFault[] = ['fail-once', 'fail-always', 'hang', 'drop'];

/** The demo server's deploy options from the flags, or an error message naming the flag. */
export function demoDeployArgs(speed: string | undefined, faults: readonly string[] | undefined): { ok: true; value: SimDeployOptions } | { ok: false; error: string } {
  const value: SimDeployOptions = {};
  if (speed !== undefined) {
    const n = Number(speed);
    if (!Number.isFinite(n) || n < 1 || n > 1_000_000) return { ok: false, error: `--demo-speed must be a number from 1 to 1000000 (simulated seconds per second), not ${JSON.stringify(speed)}` };
    value.speed = n;
    // The shortest step (300 ms at the default 60×) shrinks with the speed, so a fast demo is really fast.
    value.minStepMs = Math.max(10, Math.round((300 * 60) / n));
  }
  for (const f of faults ?? []) {
    const m = /^([A-Za-z0-9._-]+)=([a-z-]+)$/.exec(f);
    if (!m || !FAULTS.includes(m[2] as SimFault)) {
      return { ok: false, error: `--demo-fault must look like STEP=KIND with KIND one of ${FAULTS.join(', ')} (e.g. osism-ciab.apply-keystone=fail-once), not ${JSON.stringify(f)}` };
    }
    value.faults = { ...value.faults, [m[1] as string]: m[2] as SimFault };
  }
  return { ok: true, value };
}
