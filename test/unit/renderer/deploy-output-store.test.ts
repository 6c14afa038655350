// SPDX-License-Identifier: Apache-2.0
// The deploy output store: de-duplication by (key, attempt, offset) when the deploy.log tail and
// live events overlap, byte offsets for non-ASCII output, ordering, bounds, and notifications.
import { describe, expect, test } from 'vitest';
import type { DeployOutput } from '../../../electron/api/contract.js';
import { attemptId, DeployOutputStore, utf8Length } from '../../../renderer/lib/deploy-output-store.js';

const chunk = (offset: number, data: string, key = 'p/a', attempt = 1): DeployOutput => ({ key, attempt, offset, data });
const text = (s: DeployOutputStore, id = attemptId('p/a', 1)): string => (s.get(id)?.chunks ?? []).map((c) => c.data).join('');

describe('DeployOutputStore', () => {
  test('adds each (key, attempt, offset) once; the tail and live events merge in order', () => {
    const s = new DeployOutputStore();
    expect(s.add(chunk(0, 'abc'))).toBe(true);
    expect(s.add(chunk(3, 'def'))).toBe(true);
    expect(s.add(chunk(3, 'def'))).toBe(false);
    expect(s.add(chunk(0, 'abc'))).toBe(false);
    s.addMany([chunk(0, 'abc'), chunk(3, 'def'), chunk(6, 'gh')]);
    expect(text(s)).toBe('abcdefgh');
    expect(s.getSnapshot().totalBytes).toBe(8);
  });

  test('keeps only the new part of a chunk that overlaps what is held, in bytes', () => {
    const s = new DeployOutputStore();
    s.add(chunk(0, 'grüß'));
    expect(utf8Length('grüß')).toBe(6);
    s.add(chunk(4, 'ßen'));
    expect(text(s)).toBe('grüßen');
    expect(s.get(attemptId('p/a', 1))!.end).toBe(8);
  });

  test('older output arriving after newer is put in front and bumps the generation', () => {
    const s = new DeployOutputStore();
    s.add(chunk(5, 'world'));
    s.add(chunk(0, 'hello'));
    expect(text(s)).toBe('helloworld');
    expect(s.get(attemptId('p/a', 1))!.generation).toBe(1);
  });

  test('attempts are kept apart', () => {
    const s = new DeployOutputStore();
    s.add(chunk(0, 'first', 'p/a', 1));
    s.add(chunk(0, 'second', 'p/a', 2));
    expect(s.getSnapshot().attempts.map((a) => a.id)).toEqual(['p/a#1', 'p/a#2']);
    expect(text(s, 'p/a#2')).toBe('second');
  });

  test('over the bound, whole older attempts go first, then the oldest chunks of the current one', () => {
    const s = new DeployOutputStore(100);
    s.add(chunk(0, 'x'.repeat(60), 'p/a'));
    s.add(chunk(0, 'y'.repeat(30), 'p/b'));
    s.add(chunk(30, 'y'.repeat(30), 'p/b'));
    let snap = s.getSnapshot();
    expect(snap.droppedAttempts).toBe(1);
    expect(snap.attempts.map((a) => a.key)).toEqual(['p/b']);
    for (let i = 2; i < 6; i++) s.add(chunk(i * 30, 'y'.repeat(30), 'p/b'));
    snap = s.getSnapshot();
    expect(snap.totalBytes).toBeLessThanOrEqual(100);
    const b = s.get(attemptId('p/b', 1))!;
    expect(b.base).toBe(3);
    expect(b.droppedBytes).toBe(90);
    // What was dropped on purpose is not taken back when the tail brings it again.
    expect(s.add(chunk(0, 'y'.repeat(30), 'p/b'))).toBe(false);
  });

  test('notifies subscribers on change only, with a stable snapshot in between', () => {
    const s = new DeployOutputStore();
    let calls = 0;
    const off = s.subscribe(() => calls++);
    const before = s.getSnapshot();
    expect(s.getSnapshot()).toBe(before);
    s.add(chunk(0, 'a'));
    s.add(chunk(0, 'a'));
    s.addMany([chunk(0, 'a')], true);
    expect(calls).toBe(2);
    expect(s.getSnapshot().tailTruncated).toBe(true);
    expect(s.getSnapshot()).not.toBe(before);
    off();
    s.add(chunk(1, 'b'));
    expect(calls).toBe(2);
  });
});
