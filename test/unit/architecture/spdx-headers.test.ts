// SPDX-License-Identifier: Apache-2.0
// Every source file carries the SPDX licence line near its top.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('licence headers', () => {
  it('every tracked or new source file starts with an SPDX line', () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
      .split('\n')
      .filter((f) => /\.(ts|tsx|mjs|cjs|js|css)$/.test(f) && !f.startsWith('node_modules/'));
    expect(files.length).toBeGreaterThan(20);
    const missing = files.filter((f) => {
      try {
        return !readFileSync(f, 'utf8').split('\n').slice(0, 3).join('\n').includes('SPDX-License-Identifier: Apache-2.0');
      } catch {
        return false; // deleted in the working tree
      }
    });
    expect(missing).toEqual([]);
  });
});
