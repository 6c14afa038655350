// SPDX-License-Identifier: Apache-2.0
// Deploy output batching for the renderer: per step attempt, by window or size, with a bounded tail.
import { describe, expect, it, vi } from 'vitest';
import { DeployOutputStream, TAIL_CHARS } from '../../../../electron/backend/deploy/deploy-output.js';
import { BATCH_BYTES } from '../../../../electron/backend/deploy/output-batcher.js';

describe('deploy output stream', () => {
  it('joins contiguous output of one attempt into one event per window', async () => {
    const sent = vi.fn();
    const s = new DeployOutputStream(sent);
    s.push('a/1', 1, 0, 'abc');
    s.push('a/1', 1, 3, 'def');
    expect(sent).not.toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 40));
    expect(sent.mock.calls).toEqual([[{ key: 'a/1', attempt: 1, offset: 0, data: 'abcdef' }]]);
  });

  it('sends at once when a batch is full or the attempt changes', () => {
    const sent = vi.fn();
    const s = new DeployOutputStream(sent);
    s.push('a/1', 1, 0, 'x'.repeat(BATCH_BYTES));
    expect(sent).toHaveBeenCalledTimes(1);
    s.push('a/1', 1, BATCH_BYTES, 'tail');
    s.push('a/1', 2, 0, 'next attempt');
    expect(sent).toHaveBeenCalledTimes(2);
    expect(sent.mock.calls[1]?.[0]).toEqual({ key: 'a/1', attempt: 1, offset: BATCH_BYTES, data: 'tail' });
    s.flush();
    expect(sent.mock.calls[2]?.[0]).toMatchObject({ attempt: 2, offset: 0 });
  });

  it('keeps a bounded tail for a screen that opens late, and says when it dropped some', () => {
    const s = new DeployOutputStream(() => undefined);
    const chunk = 'y'.repeat(BATCH_BYTES);
    const n = Math.ceil(TAIL_CHARS / BATCH_BYTES) + 3;
    for (let i = 0; i < n; i++) s.push('a/1', 1, i * BATCH_BYTES, chunk);
    const log = s.log();
    expect(log.truncated).toBe(true);
    expect(log.chunks.reduce((t, c) => t + c.data.length, 0)).toBeLessThanOrEqual(TAIL_CHARS);
    expect(log.chunks.at(-1)?.offset).toBe((n - 1) * BATCH_BYTES);
    s.reset();
    expect(s.log()).toEqual({ chunks: [], truncated: false });
  });
});
