// SPDX-License-Identifier: Apache-2.0
// First-cut bundle step: checks that the chosen bundle directory exists and holds a readable
// manifest.json. Hash and signature verification arrive with the air-gap bundle feature.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export const DEMO_BUNDLE = 'demo://bundle';

/** Resolves when `dir` looks like a bundle; throws an error naming the path and what is wrong. */
export async function checkBundlePath(dir: string, mode: 'install' | 'demo' | null): Promise<{ verified: true }> {
  if (dir === DEMO_BUNDLE) {
    if (mode === 'demo') return { verified: true };
    throw Object.assign(new Error('demo://bundle is the simulated bundle of the demo; a real install needs a real bundle directory.'), {
      nextAction: 'Enter the path of the offline bundle directory (the one that contains manifest.json).',
    });
  }
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) {
    throw Object.assign(new Error(`${dir} is not a directory.`), { nextAction: 'Enter the path of the offline bundle directory (the one that contains manifest.json).' });
  }
  const manifest = path.join(dir, 'manifest.json');
  const text = await readFile(manifest, 'utf8').catch(() => null);
  if (text === null) throw Object.assign(new Error(`${manifest} is missing.`), { nextAction: 'Copy the complete bundle, including manifest.json and manifest.json.sig.' });
  try {
    JSON.parse(text);
  } catch (err) {
    throw Object.assign(new Error(`${manifest} is not valid JSON: ${(err as Error).message}`), { nextAction: 'The bundle is damaged; copy it again from the source medium.' });
  }
  return { verified: true };
}
