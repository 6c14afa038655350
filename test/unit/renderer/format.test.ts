// SPDX-License-Identifier: Apache-2.0
import { describe, expect, test } from 'vitest';
import { formatAgo, formatClock, formatDateTime, formatElapsed, formatTarget, toPercent } from '../../../renderer/lib/format.js';

describe('formatting for the operator', () => {
  test('elapsed time as m:ss or h:mm:ss', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(7_400)).toBe('0:07');
    expect(formatElapsed(723_000)).toBe('12:03');
    expect(formatElapsed(3_723_000)).toBe('1:02:03');
    expect(formatElapsed(-5)).toBe('0:00');
  });

  test('how long ago, in whole units', () => {
    const now = Date.parse('2026-11-22T12:00:00Z');
    expect(formatAgo('2026-11-22T11:59:30Z', now)).toBe('just now');
    expect(formatAgo('2026-11-22T11:59:00Z', now)).toBe('1 minute ago');
    expect(formatAgo('2026-11-22T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatAgo('2026-11-22T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatAgo('2026-11-19T12:00:00Z', now)).toBe('3 days ago');
    expect(formatAgo('not a date', now)).toBe('at an unknown time');
  });

  test('local date-time and clock are zero-padded; bad input does not throw', () => {
    const iso = new Date(2026, 0, 5, 7, 3, 9).toISOString();
    expect(formatDateTime(iso)).toBe('2026-01-05 07:03');
    expect(formatClock(iso)).toBe('07:03:09');
    expect(formatDateTime('nope')).toBe('nope');
    expect(formatClock('nope')).toBe('--:--:--');
  });

  test('targets read like ssh arguments; port 22 is implied', () => {
    expect(formatTarget({ host: '10.0.0.5', port: 22, username: 'ubuntu' })).toBe('ubuntu@10.0.0.5');
    expect(formatTarget({ host: '127.0.0.1', port: 2222, username: 'ciab' })).toBe('ciab@127.0.0.1:2222');
  });

  test('progress is a whole percentage that never overshoots', () => {
    expect(toPercent(0)).toBe(0);
    expect(toPercent(0.426)).toBe(42);
    expect(toPercent(0.999)).toBe(99);
    expect(toPercent(1)).toBe(100);
    expect(toPercent(1.5)).toBe(100);
    expect(toPercent(-1)).toBe(0);
    expect(toPercent(Number.NaN)).toBe(0);
  });
});
