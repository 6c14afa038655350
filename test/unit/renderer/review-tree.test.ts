// SPDX-License-Identifier: Apache-2.0
// The review's file tree and diff lines.
import { describe, expect, test } from 'vitest';
import { buildTree, diffStat, parseDiff } from '../../../renderer/lib/review-tree.js';
import { REVIEW_FILES } from '../../e2e/fixture-review.js';

describe('review tree', () => {
  test('folders first, each counting the files that changed below it', () => {
    const root = buildTree(REVIEW_FILES);
    expect(root.children.map((c) => c.name)).toEqual(['ciab', 'environments', 'host', 'inventory']);
    const env = root.children[1]!;
    expect(env.kind === 'folder' && env.changes).toBe(2);
    expect(env.kind === 'folder' && env.children.map((c) => c.name)).toEqual(['ceph', 'kolla', 'configuration.yml', 'secrets.yml']);
  });

  test('a unified diff as numbered lines', () => {
    const lines = parseDiff('--- a/f\n+++ b/f\n@@ -2,3 +2,3 @@\n a\n-b\n+c\n d\n\\ No newline at end of file');
    expect(lines.map((l) => [l.kind, l.oldNo ?? null, l.newNo ?? null, l.text])).toEqual([
      ['hunk', null, null, '@@ -2,3 +2,3 @@'],
      ['ctx', 2, 2, 'a'],
      ['del', 3, null, 'b'],
      ['add', null, 3, 'c'],
      ['ctx', 4, 4, 'd'],
      ['meta', null, null, 'No newline at end of file'],
    ]);
    expect(diffStat(lines)).toEqual({ added: 1, removed: 1 });
  });
});
