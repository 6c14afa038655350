// SPDX-License-Identifier: Apache-2.0
import { describe, expect, test } from 'vitest';
import { BoundedLog } from '../../../renderer/lib/log-buffer.js';

describe('BoundedLog', () => {
  test('keeps only the newest lines and counts what it dropped', () => {
    const log = new BoundedLog<number>(3);
    log.push(1, 2);
    expect(log.snapshot()).toEqual([1, 2]);
    log.push(3, 4, 5);
    expect(log.snapshot()).toEqual([3, 4, 5]);
    expect(log.dropped).toBe(2);
  });

  test('a long deploy stays bounded', () => {
    const log = new BoundedLog<string>(2000);
    for (let i = 0; i < 100_000; i++) log.push(`line ${i}`);
    expect(log.snapshot()).toHaveLength(2000);
    expect(log.snapshot()[0]).toBe('line 98000');
    expect(log.dropped).toBe(98_000);
  });

  test('snapshots are copies, revisions change on every push and clear', () => {
    const log = new BoundedLog<number>(5);
    const r0 = log.revision;
    log.push(1);
    const snap = log.snapshot();
    log.push(2);
    expect(snap).toEqual([1]);
    expect(log.revision).toBeGreaterThan(r0);
    log.push();
    const r2 = log.revision;
    log.clear();
    expect(log.snapshot()).toEqual([]);
    expect(log.dropped).toBe(0);
    expect(log.revision).toBe(r2 + 1);
  });
});
