// SPDX-License-Identifier: Apache-2.0
// Loads the JSON Schemas in schemas/ into one ajv instance: the single place where the
// backend turns a schema into a validator.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Ajv2020, type ValidateFunction, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsImport from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = addFormatsImport as unknown as (ajv: Ajv2020) => Ajv2020;

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

let shared: Ajv2020 | null = null;

/** The shared ajv instance with every schema in schemas/ registered by its $id. */
export function schemaRegistry(): Ajv2020 {
  if (shared) return shared;
  const ajv = new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addKeyword('x-requests');
  ajv.addKeyword('x-events');
  for (const name of ['api.schema.json', 'journal.schema.json', 'site.schema.json', 'workflow-snapshot.schema.json', 'hardware-report.schema.json']) {
    ajv.addSchema(loadSchema(name));
  }
  shared = ajv;
  return ajv;
}

/** Reads and parses one schema file from schemas/. */
export function loadSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(schemasDir(), name), 'utf8')) as Record<string, unknown>;
}

/** A validator for one $def of a registered schema, e.g. ('api.schema.json', 'WorkflowView'). */
export function defValidator(file: string, def: string): ValidateFunction {
  const ajv = schemaRegistry();
  const id = `https://ciab-installer.invalid/schemas/${file}#/$defs/${def}`;
  const v = ajv.getSchema(id);
  if (!v) throw new Error(`No schema ${id}`);
  return v;
}

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
