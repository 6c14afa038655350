// SPDX-License-Identifier: Apache-2.0
// Waivers and the one-line summary on top of the hardware screen.
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../../../electron/api/generated/api-types.js';
import { applyWaivers, summarizeChecks } from '../../../../../electron/backend/hardware/evaluate/index.js';

const c = (id: string, state: CheckResult['state'], blocking = state === 'fail'): CheckResult => ({ id, group: 'CPU', title: id, state, required: 'r', found: 'f', why: 'w', fix: 'x', blocking });
const passes = (n: number) => Array.from({ length: n }, (_, i) => c(`p${i}`, 'pass'));

describe('summarizeChecks', () => {
  it.each<[string, CheckResult[], Record<string, string>, string]>([
    ['all pass', passes(19), {}, 'All 19 checks passed'],
    ['warnings', [...passes(3), c('a', 'warn'), c('b', 'warn')], {}, 'Ready, with 2 warnings'],
    ['one failure', [...passes(3), c('a', 'fail')], {}, '1 failure blocks the install'],
    ['failures', [c('a', 'fail'), c('b', 'fail'), c('c', 'fail'), c('d', 'warn')], {}, '3 failures block the install'],
    ['waived', [...passes(2), c('a', 'fail')], { a: 'accepted for the lab' }, '1 failure waived, ready'],
    ['waived + warn', [c('a', 'fail'), c('b', 'warn')], { a: 'accepted for the lab' }, '1 failure waived, ready, with 1 warning'],
    ['partly waived', [c('a', 'fail'), c('b', 'fail')], { a: 'accepted for the lab' }, '1 failure blocks the install'],
    ['blocking error', [c('a', 'error', true)], {}, '1 check could not run and blocks the install'],
    ['fail + errors', [c('a', 'fail'), c('b', 'error', true), c('e', 'error', true)], {}, '1 failure and 2 checks that could not run block the install'],
    ['non-blocking error', [c('a', 'pass'), c('b', 'error', false)], {}, 'Ready, with 1 check that could not run'],
    ['warn + error', [c('a', 'warn'), c('b', 'error', false)], {}, 'Ready, with 1 warning and 1 check that could not run'],
    ['waived error', [c('a', 'error', true)], { a: 'sensor not readable on this box' }, '1 failure waived, ready'],
    ['waiver on a pass is ignored', [c('a', 'pass')], { a: 'not needed any more' }, 'The only check passed'],
    ['nothing', [], {}, 'No checks ran'],
  ])('%s', (_name, checks, waivers, text) => {
    expect(summarizeChecks(checks, waivers)).toBe(text);
  });

  it('checks without a blocking flag (older producers) count their fails as blocking', () => {
    const old = { ...c('a', 'fail') };
    delete old.blocking;
    expect(summarizeChecks([old], {})).toBe('1 failure blocks the install');
  });
});

describe('applyWaivers', () => {
  it('waives fails and errors with the reason, leaves the rest, and is idempotent', () => {
    const checks = [c('a', 'fail'), c('b', 'error', true), c('c', 'warn'), c('d', 'pass')];
    const waivers = { a: 'reason a is long enough', b: 'reason b is long enough', c: 'reason c', d: 'reason d' };
    const once = applyWaivers(checks, waivers);
    expect(once.map((x) => [x.id, x.state, x.waiver, x.blocking])).toEqual([
      ['a', 'waived', 'reason a is long enough', false],
      ['b', 'waived', 'reason b is long enough', false],
      ['c', 'warn', undefined, false],
      ['d', 'pass', undefined, false],
    ]);
    expect(applyWaivers(once, waivers)).toEqual(once);
    // Keys like "constructor" or "__proto__" are not waivers.
    expect(applyWaivers([c('constructor', 'fail')], {})[0]!.state).toBe('fail');
  });
});
