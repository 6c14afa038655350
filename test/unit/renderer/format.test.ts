// SPDX-License-Identifier: Apache-2.0
import { describe, expect, test } from 'vitest';
import { formatAgo, formatBytes, formatClock, formatDateTime, formatElapsed, formatSeconds, formatTarget, formatTime, toPercent } from '../../../renderer/lib/format.js';

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
    expect(formatTime(iso)).toBe('07:03');
    expect(formatTime('nope')).toBe('--:--');
  });

  test('short durations in words: tenths under 10 s, whole seconds, then minutes', () => {
    expect([0, 49, 50, 412, 9_949, 12_300, 59_400, 65_000, 180_000, -5, Number.NaN].map(formatSeconds)).toEqual(['under 0.1 s', 'under 0.1 s', '0.1 s', '0.4 s', '9.9 s', '12 s', '59 s', '1 min 5 s', '3 min', 'under 0.1 s', 'under 0.1 s']);
  });

  test('sizes in the decimal units disk vendors print', () => {
    expect([512, 480_103_981_056, 1_000_204_886_016, 16_000_000_000, 1_920_383_410_176, -1].map(formatBytes)).toEqual(['512 B', '480 GB', '1.0 TB', '16 GB', '1.9 TB', '—']);
  });

  test('targets read like ssh arguments; port 22 is implied', () => {
    expect(formatTarget({ host: '10.0.0.5', port: 22, username: 'ubuntu' })).toBe('ubuntu@10.0.0.5');
    expect(formatTarget({ host: '127.0.0.1', port: 2222, username: 'ciab' })).toBe('ciab@127.0.0.1:2222');
    // No user: an ~/.ssh/config alias or the local user name supplies it.
    expect(formatTarget({ host: 'fra1-ciab', port: 22, username: '' })).toBe('fra1-ciab');
    expect(formatTarget({ host: 'fd00::5', port: 2200 })).toBe('[fd00::5]:2200');
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
