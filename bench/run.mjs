// SPDX-License-Identifier: Apache-2.0
// Runs every bench/*.bench.mjs in turn; each prints its own table with the anchor beside it.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
for (const f of readdirSync(dir).filter((f) => f.endsWith('.bench.mjs')).sort()) {
  if (only && !f.includes(only)) continue;
  console.log(`\n## ${f}`);
  await import(pathToFileURL(path.join(dir, f)).href);
}
