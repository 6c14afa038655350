// SPDX-License-Identifier: Apache-2.0
// Waivers and the one-line summary on top of the hardware screen. A waiver (check id -> written
// reason) turns a failed or unverifiable check into `waived`; passes and warnings need none.
import type { CheckResult } from '../../../api/generated/api-types.js';
import { plural } from './units.js';

/** True when a check in this state can be waived. */
export function isWaivable(check: CheckResult): boolean {
  return check.state === 'fail' || check.state === 'error';
}

/** The checks with recorded waivers applied (idempotent: already waived checks stay as they are). */
export function applyWaivers(checks: readonly CheckResult[], waivers: Record<string, string>): CheckResult[] {
  return checks.map((c) => {
    const reason = Object.hasOwn(waivers, c.id) ? waivers[c.id] : undefined;
    if (reason === undefined || !isWaivable(c)) return c;
    return { ...c, state: 'waived', waiver: reason, blocking: false };
  });
}

/** Counts per outcome after waivers; `blocking` follows each check's own flag. */
export function countChecks(checks: readonly CheckResult[], waivers: Record<string, string>) {
  const applied = applyWaivers(checks, waivers);
  const blockingFails = applied.filter((c) => c.state === 'fail' && c.blocking !== false).length;
  const blockingErrors = applied.filter((c) => c.state === 'error' && c.blocking === true).length;
  return {
    total: applied.length,
    pass: applied.filter((c) => c.state === 'pass').length,
    // A fail marked non-blocking cannot come from evaluateProfile, but count it as a warning if it does.
    warn: applied.filter((c) => c.state === 'warn' || (c.state === 'fail' && c.blocking === false)).length,
    fail: blockingFails,
    error: applied.filter((c) => c.state === 'error').length,
    unverified: applied.filter((c) => c.state === 'error' && c.blocking !== true).length,
    waived: applied.filter((c) => c.state === 'waived').length,
    blocking: blockingFails + blockingErrors,
    blockingErrors,
  };
}

/**
 * One line: "3 failures block the install", "1 check could not run and blocks the install",
 * "1 failure waived, ready", "Ready, with 2 warnings", "All 19 checks passed".
 */
export function summarizeChecks(checks: readonly CheckResult[], waivers: Record<string, string>): string {
  const n = countChecks(checks, waivers);
  if (n.total === 0) return 'No checks ran';
  if (n.blocking > 0) {
    const fails = plural(n.fail, 'failure', 'failures');
    const errs = plural(n.blockingErrors, 'check', 'checks');
    if (n.blockingErrors === 0) return `${fails} ${n.fail === 1 ? 'blocks' : 'block'} the install`;
    if (n.fail === 0) return `${errs} could not run and ${n.blockingErrors === 1 ? 'blocks' : 'block'} the install`;
    return `${fails} and ${errs} that could not run block the install`;
  }
  const extras = [
    n.warn ? plural(n.warn, 'warning', 'warnings') : '',
    n.unverified ? `${plural(n.unverified, 'check', 'checks')} that could not run` : '',
  ].filter(Boolean);
  const withExtras = extras.length ? `, with ${extras.join(' and ')}` : '';
  if (n.waived > 0) return `${plural(n.waived, 'failure', 'failures')} waived, ready${withExtras}`;
  if (extras.length) return `Ready${withExtras}`;
  return n.total === 1 ? 'The only check passed' : `All ${n.total} checks passed`;
}
