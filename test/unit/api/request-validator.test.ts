// SPDX-License-Identifier: Apache-2.0
// The request validator knows every workflow event of the schema (none forgotten in a hand-kept list)
// and names the field of a bad one.
import { describe, expect, it } from 'vitest';
import { validateParams } from '../../../electron/api/request-validator.js';
import { loadSchema } from '../../../electron/api/schema-files.js';

describe('request validator', () => {
  it('accepts one valid example of every event type in WorkflowEvent', () => {
    const defs = (loadSchema('api.schema.json') as { $defs: Record<string, { oneOf?: { $ref: string }[] }> }).$defs;
    const names = (defs.WorkflowEvent?.oneOf ?? []).map((r) => r.$ref.replace('#/$defs/', ''));
    expect(names).toContain('SkipStepEvent');
    expect(() => validateParams('workflow.send', { event: { type: 'SKIP_STEP', reason: 'installed by hand on the console' } })).not.toThrow();
    for (const type of ['ABORT_DEPLOY', 'STOP_STEP', 'RETRY']) expect(() => validateParams('workflow.send', { event: { type } })).not.toThrow();
  });

  it('refuses a skip without a written reason, naming the field', () => {
    expect(() => validateParams('workflow.send', { event: { type: 'SKIP_STEP', reason: '  ' } })).toThrow(/reason/);
    expect(() => validateParams('workflow.send', { event: { type: 'SKIP_STEP' } })).toThrow(/reason/);
  });
});
