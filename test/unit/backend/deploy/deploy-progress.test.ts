// SPDX-License-Identifier: Apache-2.0
// Progress and ETA of a deploy: expected durations, refined by the pace of finished steps.
import { describe, expect, it } from 'vitest';
import { deployView } from '../../../../electron/backend/deploy/deploy-progress.js';
import { emptyDeploy, type DeployContext } from '../../../../electron/backend/workflow/installer-types.js';

const T0 = Date.parse('2026-11-22T10:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

function deploy(over: Partial<DeployContext>): DeployContext {
  return {
    ...emptyDeploy(),
    status: 'running',
    startedAt: at(0),
    phases: [
      { id: 'prep', playbook: 'airgap-prepare', title: 'Prepare', steps: [{ key: 'a/1', title: 'One', expectedS: 100 }, { key: 'a/2', title: 'Two', expectedS: 100 }] },
      { id: 'main', playbook: 'osism-ciab', title: 'Main', steps: [{ key: 'b/1', title: 'Three', expectedS: 200 }] },
    ],
    ...over,
  };
}

describe('deploy progress and ETA', () => {
  it('counts nothing before the first step and everything when done', () => {
    expect(deployView(deploy({}), T0).progress).toBe(0);
    expect(deployView(deploy({}), T0).eta).toEqual({ elapsedS: 0, remainingS: 400 });
    expect(deployView(deploy({ status: 'succeeded' }), T0).progress).toBe(1);
    expect(deployView(deploy({ status: 'succeeded' }), T0).eta).toBeNull();
  });

  it('weights steps by their expected duration, and a running step by its elapsed time (at most 95 %)', () => {
    const d = deploy({ steps: { 'a/1': { status: 'done', attempt: 1, durationMs: 100_000 }, 'a/2': { status: 'running', attempt: 1, durationMs: null } }, current: { key: 'a/2', since: at(100) } });
    const v = deployView(d, T0 + 150_000);
    expect(v.progress).toBeCloseTo(150 / 400, 3);
    expect(v.eta).toEqual({ elapsedS: 150, remainingS: 250 });
    expect(v.phases[0]?.status).toBe('running');
    expect(deployView(d, T0 + 10_000_000).progress).toBeCloseTo((100 + 95) / 400, 2);
  });

  it('scales what is left by the pace of finished steps (twice as slow: twice the time left)', () => {
    const d = deploy({ steps: { 'a/1': { status: 'done', attempt: 1, durationMs: 200_000 } } });
    expect(deployView(d, T0 + 200_000).eta).toEqual({ elapsedS: 200, remainingS: 600 });
  });

  it('never lets one odd step make the estimate absurd (pace clamped to 0.25–4)', () => {
    const d = deploy({ steps: { 'a/1': { status: 'done', attempt: 1, durationMs: 100_000_000 } } });
    expect(deployView(d, T0).eta?.remainingS).toBe(1200);
  });

  it('counts skipped and already-done steps as finished and a failed one marks its phase', () => {
    const d = deploy({
      status: 'failed',
      steps: { 'a/1': { status: 'already-done', attempt: 0, durationMs: null }, 'a/2': { status: 'skipped', attempt: 1, durationMs: null, reason: 'done by hand' }, 'b/1': { status: 'failed', attempt: 2, durationMs: null } },
    });
    const v = deployView(d, T0);
    expect(v.progress).toBe(0.5);
    expect(v.phases.map((p) => p.status)).toEqual(['done', 'failed']);
    expect(v.phases[0]?.steps[1]).toMatchObject({ status: 'skipped', reason: 'done by hand', attempt: 1 });
  });
});
