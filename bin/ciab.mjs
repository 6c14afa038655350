#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
// The `ciab` executable: runs the bundled CLI, building it first on a fresh checkout
// (dependency install scripts are off, see .npmrc, so nothing is built at `npm ci` time).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'out', 'cli', 'ciab.mjs');
// Packaged or installed copies have no sources: run what is there. In a checkout, rebuild when stale.
if (!existsSync(cli) || existsSync(path.join(root, 'electron', 'cli'))) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--cli-only', '--if-stale', '--quiet'], { stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write('ciab: could not build the command line (see above); run `npm ci` and try again\n');
    process.exit(1);
  }
}
await import(pathToFileURL(cli).href);
