// SPDX-License-Identifier: Apache-2.0
// One sentence, naming the field, from an ajv error (types only: no ajv at run time).
import type { ErrorObject } from 'ajv/dist/2020.js';

/** Turns the first ajv error into one sentence that names the field. */
export function describeAjvError(errors: ErrorObject[] | null | undefined, root: string): { field: string; message: string } {
  const e = errors?.[0];
  if (!e) return { field: root, message: `${root} is invalid` };
  let field = `${root}${e.instancePath}`;
  let msg = e.message ?? 'is invalid';
  if (e.keyword === 'additionalProperties') {
    const extra = String((e.params as { additionalProperty?: string }).additionalProperty);
    field = `${field}/${extra}`;
    msg = 'is not a known field';
  } else if (e.keyword === 'required') {
    field = `${field}/${String((e.params as { missingProperty?: string }).missingProperty)}`;
    msg = 'is required';
  } else if (e.keyword === 'enum') {
    msg = `must be one of ${((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return { field, message: `${field} ${msg}` };
}
