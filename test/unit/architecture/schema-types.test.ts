// SPDX-License-Identifier: Apache-2.0
// Types are derived from schemas/, never written twice: the generated files must be current,
// and every schema must compile in strict ajv.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_EVENTS, API_METHODS } from '../../../electron/api/contract.js';
import { loadSchema, schemaRegistry } from '../../../electron/api/schema-registry.js';

describe('schemas are the source of truth', () => {
  it('generated TypeScript types match the schemas', () => {
    expect(() => execFileSync(process.execPath, ['scripts/gen-types.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('precompiled validators match the schemas', () => {
    expect(() => execFileSync(process.execPath, ['scripts/gen-validators.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('every schema compiles in strict mode', () => {
    const ajv = schemaRegistry();
    for (const f of readdirSync('schemas').filter((f) => f.endsWith('.schema.json'))) {
      const s = loadSchema(f);
      expect(ajv.getSchema(s.$id as string), f).toBeDefined();
    }
  });

  it('the method and event lists match the contract schema', () => {
    const api = loadSchema('api.schema.json');
    expect([...API_METHODS].sort()).toEqual(Object.keys(api['x-requests'] as object).sort());
    expect([...API_EVENTS].sort()).toEqual(Object.keys(api['x-events'] as object).sort());
  });
});
