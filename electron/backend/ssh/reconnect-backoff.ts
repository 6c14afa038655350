// SPDX-License-Identifier: Apache-2.0
// How long to wait before each reconnect attempt: exponential, capped, jittered.

/** When to retry after a drop, and when to give up. */
export interface ReconnectPolicy {
  /** Wait before the first attempt (before jitter). */
  initialMs: number;
  /** Upper bound of any wait. */
  maxMs: number;
  /** After this many failed attempts the session is `lost`. */
  maxAttempts: number;
}

/** Defaults: first retry after about half a second, never more than 30 s apart, give up after ~5 minutes. */
export const DEFAULT_RECONNECT: ReconnectPolicy = { initialMs: 500, maxMs: 30_000, maxAttempts: 15 };

/**
 * Delay before attempt `attempt` (1-based): initialMs·2^(attempt-1), capped at maxMs, then "equal jitter"
 * (between half and all of it), so many installers that lost the same switch do not retry in lockstep.
 */
export function backoffDelay(attempt: number, policy: ReconnectPolicy, random: () => number = Math.random): number {
  const exp = policy.initialMs * 2 ** Math.max(0, Math.min(attempt - 1, 30));
  const base = Math.min(policy.maxMs, exp);
  return Math.round(base / 2 + random() * (base / 2));
}
