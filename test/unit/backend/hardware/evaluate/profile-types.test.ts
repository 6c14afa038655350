// SPDX-License-Identifier: Apache-2.0
// The profile types are derived from schemas/hardware-profile.schema.json, never written by hand:
// this test regenerates them and fails when the checked-in file is stale.
// Update with: UPDATE_PROFILE_TYPES=1 npx vitest run test/unit/backend/hardware/evaluate/profile-types.test.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { compile } from 'json-schema-to-typescript';
import { describe, expect, it } from 'vitest';

const SCHEMA = 'schemas/hardware-profile.schema.json';
const OUT = 'electron/backend/hardware/evaluate/generated-profile-types.ts';
const BANNER = [
  '// SPDX-License-Identifier: Apache-2.0',
  `// Generated from ${SCHEMA} by test/unit/backend/hardware/evaluate/profile-types.test.ts`,
  '// (UPDATE_PROFILE_TYPES=1 npx vitest run <that file>); do not edit by hand.',
  '/* eslint-disable @typescript-eslint/no-empty-object-type */',
  '',
].join('\n');

/** Same wrapper as scripts/gen-types.mjs: every $def becomes an exported type. */
async function generate(): Promise<string> {
  const schema = JSON.parse(readFileSync(SCHEMA, 'utf8')) as { $defs: Record<string, object> };
  const wrapper = {
    title: 'HardwareProfileDefinitions',
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(Object.keys(schema.$defs).map((k) => [k, { $ref: `#/$defs/${k}` }])),
    $defs: Object.fromEntries(Object.entries(schema.$defs).map(([k, v]) => [k, { ...v, title: k }])),
  };
  const ts = await compile(wrapper as never, 'HardwareProfileDefinitions', {
    bannerComment: '',
    additionalProperties: false,
    unreachableDefinitions: true,
    style: { singleQuote: true },
  });
  return BANNER + ts;
}

describe('generated profile types', () => {
  it('match schemas/hardware-profile.schema.json', async () => {
    const fresh = await generate();
    if (process.env.UPDATE_PROFILE_TYPES) writeFileSync(OUT, fresh);
    const current = readFileSync(OUT, 'utf8');
    expect(current === fresh, `${OUT} is stale: UPDATE_PROFILE_TYPES=1 npx vitest run test/unit/backend/hardware/evaluate/profile-types.test.ts`).toBe(true);
  });
});
