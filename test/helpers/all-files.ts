// SPDX-License-Identifier: Apache-2.0
// Every file under a directory, for tests that look for a canary in everything the app wrote.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Absolute paths of every file below `dir`. */
export function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });
}
