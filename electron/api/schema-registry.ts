// SPDX-License-Identifier: Apache-2.0
// Loads the JSON Schemas in schemas/ into one ajv instance: the single place where the
// backend turns a schema into a validator.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { loadSchema } from './schema-files.js';

export { loadSchema, schemasDir } from './schema-files.js';
export { describeAjvError } from './ajv-errors.js';
import addFormatsImport from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = addFormatsImport as unknown as (ajv: Ajv2020) => Ajv2020;

let shared: Ajv2020 | null = null;

/** The shared ajv instance with every schema in schemas/ registered by its $id. */
export function schemaRegistry(): Ajv2020 {
  if (shared) return shared;
  const ajv = new Ajv2020({ allErrors: false, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addKeyword('x-requests');
  ajv.addKeyword('x-events');
  ajv.addKeyword('x-message');
  for (const name of ['api.schema.json', 'bundle-manifest.schema.json', 'journal.schema.json', 'site.schema.json', 'workflow-snapshot.schema.json', 'hardware-report.schema.json', 'hardware-profile.schema.json', 'public-endpoints.schema.json', 'site-secrets.schema.json', 'playbook.schema.json']) {
    ajv.addSchema(loadSchema(name));
  }
  shared = ajv;
  return ajv;
}

/** A validator for one $def of a registered schema, e.g. ('api.schema.json', 'WorkflowView'). */
export function defValidator(file: string, def: string): ValidateFunction {
  const ajv = schemaRegistry();
  const id = `https://ciab-installer.invalid/schemas/${file}#/$defs/${def}`;
  const v = ajv.getSchema(id);
  if (!v) throw new Error(`No schema ${id}`);
  return v;
}
