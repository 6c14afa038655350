// SPDX-License-Identifier: Apache-2.0
// Finds and reads the JSON Schemas in schemas/ — without loading ajv, so hot paths that only
// need a file (the probe script, profiles, precompiled validators) stay light.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Finds schemas/ both in the source tree and next to a bundled out/ directory. */
export function schemasDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.resolve(here, '../../schemas'), path.resolve(here, '../schemas'), path.resolve(here, '../../../schemas')]) {
    try {
      readFileSync(path.join(candidate, 'api.schema.json'));
      return candidate;
    } catch {
      // try the next layout
    }
  }
  throw new Error(`schemas/ not found near ${here}`);
}

/** Reads and parses one schema file from schemas/. */
export function loadSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(schemasDir(), name), 'utf8')) as Record<string, unknown>;
}
