// SPDX-License-Identifier: Apache-2.0
// Validates a site configuration against schemas/site.schema.json and reports every problem
// with the field it belongs to (a JSON pointer), for inline display as the operator types.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsImport from 'ajv-formats';
import { loadSchema } from '../../api/schema-registry.js';

const addFormats = addFormatsImport as unknown as (ajv: Ajv2020) => Ajv2020;

export interface SiteValidation {
  valid: boolean;
  errors: { field: string; message: string }[];
}

let validator: ValidateFunction | null = null;

function siteValidator(): ValidateFunction {
  if (validator) return validator;
  // A separate instance with allErrors: the form shows every field's problem at once.
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  validator = ajv.compile(loadSchema('site.schema.json'));
  return validator;
}

const FRIENDLY: Record<string, string> = {
  '/name:pattern': 'Use lower-case letters, digits and dashes; start with a letter, end with a letter or digit.',
};

/** The human label of a field pointer ("/name" → "Site name"), from the schema's titles. */
export function siteFieldLabel(pointer: string): string {
  const schema = loadSchema('site.schema.json') as { properties?: Record<string, { title?: string }> };
  const key = pointer.split('/').filter(Boolean)[0];
  return (key && schema.properties?.[key]?.title) || pointer;
}

/** Checks a site configuration; every error names its field. */
export function validateSite(config: unknown): SiteValidation {
  const v = siteValidator();
  if (v(config)) return { valid: true, errors: [] };
  const errors = (v.errors ?? []).map((e) => {
    let field = e.instancePath || '/';
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'required') {
      const missing = String((e.params as { missingProperty?: string }).missingProperty);
      field = `${e.instancePath}/${missing}`;
      message = 'is required';
    } else if (e.keyword === 'additionalProperties') {
      field = `${e.instancePath}/${String((e.params as { additionalProperty?: string }).additionalProperty)}`;
      message = 'is not a known field of a site configuration';
    } else if (e.keyword === 'minLength' || e.keyword === 'maxLength') {
      const limit = (e.params as { limit?: number }).limit;
      message = e.keyword === 'minLength' ? `must be at least ${limit} characters long` : `must be at most ${limit} characters long`;
    } else if (e.keyword === 'enum') {
      message = `must be one of: ${((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')}`;
    }
    return { field, message: FRIENDLY[`${field}:${e.keyword}`] ?? message };
  });
  return { valid: false, errors };
}
