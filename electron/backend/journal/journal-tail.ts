// SPDX-License-Identifier: Apache-2.0
// Finds the last time offset of a journal by reading only its tail, so resuming a multi-GB
// journal costs the same as resuming a small one.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** The `t` of the last complete event line in the last `window` bytes, or 0 when there is none. */
export function lastJournalOffset(file: string, window = 64 * 1024): number {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - window);
    const buf = Buffer.alloc(size - start);
    readSync(fd, buf, 0, buf.length, start);
    const lines = buf.toString('utf8').split('\n').reverse();
    for (const line of lines) {
      try {
        const v = JSON.parse(line) as { t?: unknown };
        if (typeof v.t === 'number') return v.t;
      } catch {
        // a torn or partial line: keep looking further up
      }
    }
    return 0;
  } finally {
    closeSync(fd);
  }
}
