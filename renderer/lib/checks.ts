// SPDX-License-Identifier: Apache-2.0
// Grouping, counting and wording of hardware check results. A state is always shown as an icon
// and a word, never as colour alone.
import type { CheckResult, CheckState } from '../../electron/api/contract.js';

/** The word shown for each check state. */
export const CHECK_STATE_WORD: Record<CheckState, string> = {
  pass: 'Pass',
  warn: 'Warning',
  fail: 'Failed',
  error: 'Check error',
  waived: 'Waived',
};

/** Checks grouped by `group`, groups and checks in the order the backend sent them. */
export function groupChecks(checks: readonly CheckResult[]): { group: string; checks: CheckResult[] }[] {
  const groups = new Map<string, CheckResult[]>();
  for (const c of checks) {
    const list = groups.get(c.group) ?? [];
    list.push(c);
    groups.set(c.group, list);
  }
  return [...groups.entries()].map(([group, list]) => ({ group, checks: list }));
}

/** How many checks are in each state. */
export function countChecks(checks: readonly CheckResult[]): Record<CheckState, number> {
  const counts: Record<CheckState, number> = { pass: 0, warn: 0, fail: 0, error: 0, waived: 0 };
  for (const c of checks) counts[c.state]++;
  return counts;
}

/** One sentence summing up the results ("14 passed, 1 failed, 2 warnings"). */
export function summarizeChecks(checks: readonly CheckResult[]): string {
  const n = countChecks(checks);
  const parts: string[] = [];
  if (n.fail > 0) parts.push(`${n.fail} failed`);
  if (n.error > 0) parts.push(`${n.error} could not run`);
  if (n.warn > 0) parts.push(`${n.warn} warning${n.warn === 1 ? '' : 's'}`);
  if (n.waived > 0) parts.push(`${n.waived} waived`);
  parts.push(`${n.pass} passed`);
  return `${checks.length} check${checks.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/** Whether a check needs the operator's attention (its details are shown open). */
export function needsAttention(state: CheckState): boolean {
  return state !== 'pass';
}

/** Whether a check can be waived: only failures and checks that could not run. */
export function canWaive(state: CheckState): boolean {
  return state === 'fail' || state === 'error';
}

/** The minimum length of a written waiver reason. */
export const MIN_WAIVER_REASON = 10;

/** Whether a waiver reason is long enough once surrounding blanks are trimmed. */
export function isWaiverReasonValid(reason: string): boolean {
  return reason.trim().length >= MIN_WAIVER_REASON;
}
