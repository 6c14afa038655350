// SPDX-License-Identifier: Apache-2.0
// Shared by the benchmarks: the repository root, a median, and building a TypeScript entry into out/bench.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

/** The repository root. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The middle value (the upper one of an even count). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Bundles a TypeScript entry (dependencies external) into out/bench/<name>.mjs and imports it. */
export async function build(entry, name) {
  const outfile = path.join(root, 'out', 'bench', `${name}.mjs`);
  await esbuild.build({ entryPoints: [path.join(root, entry)], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'error' });
  return import(pathToFileURL(outfile).href);
}
