// SPDX-License-Identifier: Apache-2.0
// Reconnect delays: doubling from initialMs, capped at maxMs, jittered between half and all of the step.
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RECONNECT } from '../../../../electron/backend/ssh/reconnect-backoff.js';

const policy = { initialMs: 500, maxMs: 30_000, maxAttempts: 10 };

describe('backoffDelay', () => {
  it('doubles per attempt up to the cap (upper end of the jitter)', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20, 1000].map((n) => backoffDelay(n, policy, () => 1))).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('never waits less than half the step (lower end of the jitter)', () => {
    expect([1, 2, 7].map((n) => backoffDelay(n, policy, () => 0))).toEqual([250, 500, 15_000]);
  });

  it('spreads real random delays within the band', () => {
    const delays = Array.from({ length: 200 }, () => backoffDelay(3, policy));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(2000);
    expect(new Set(delays).size).toBeGreaterThan(20);
  });

  it('has defaults that give up after minutes, not seconds or hours', () => {
    let total = 0;
    for (let i = 1; i <= DEFAULT_RECONNECT.maxAttempts; i++) total += backoffDelay(i, DEFAULT_RECONNECT, () => 1);
    expect(total).toBeGreaterThan(60_000);
    expect(total).toBeLessThan(15 * 60_000);
  });
});
