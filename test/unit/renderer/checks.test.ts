// SPDX-License-Identifier: Apache-2.0
import { describe, expect, test } from 'vitest';
import type { CheckResult, CheckState } from '../../../electron/api/contract.js';
import { canWaive, CHECK_STATE_WORD, countChecks, groupChecks, isWaiverReasonValid, needsAttention, summarizeChecks } from '../../../renderer/lib/checks.js';

const c = (id: string, group: string, state: CheckState): CheckResult => ({ id, group, title: id, state, required: 'r', found: 'f', why: 'w', fix: 'x' });

describe('check results', () => {
  const checks = [c('os.release', 'OS', 'pass'), c('hw.mem', 'Hardware', 'fail'), c('os.kernel', 'OS', 'warn'), c('net.ntp', 'Network', 'error'), c('hw.disk', 'Hardware', 'waived')];

  test('grouped in the order the backend sent them', () => {
    expect(groupChecks(checks).map((g) => [g.group, g.checks.map((x) => x.id)])).toEqual([
      ['OS', ['os.release', 'os.kernel']],
      ['Hardware', ['hw.mem', 'hw.disk']],
      ['Network', ['net.ntp']],
    ]);
  });

  test('counted and summed up, problems first', () => {
    expect(countChecks(checks)).toEqual({ pass: 1, warn: 1, fail: 1, error: 1, waived: 1 });
    expect(summarizeChecks(checks)).toBe('5 checks: 1 failed, 1 could not run, 1 warning, 1 waived, 1 passed');
    expect(summarizeChecks([c('a', 'g', 'pass')])).toBe('1 check: 1 passed');
  });

  test('every state has a word, so nothing relies on colour', () => {
    for (const s of ['pass', 'warn', 'fail', 'error', 'waived'] as const) expect(CHECK_STATE_WORD[s]).toMatch(/^[A-Z]/);
  });

  test('only failures and checks that could not run can be waived; all but passes show details', () => {
    expect((['pass', 'warn', 'fail', 'error', 'waived'] as const).filter(canWaive)).toEqual(['fail', 'error']);
    expect((['pass', 'warn', 'fail', 'error', 'waived'] as const).filter(needsAttention)).toEqual(['warn', 'fail', 'error', 'waived']);
  });

  test('a waiver reason needs 10 characters after trimming', () => {
    expect(isWaiverReasonValid('too short')).toBe(false);
    expect(isWaiverReasonValid('   123456789   ')).toBe(false);
    expect(isWaiverReasonValid('1234567890')).toBe(true);
  });
});
