// SPDX-License-Identifier: Apache-2.0
// Validates profile and catalogue files against schemas/hardware-profile.schema.json with an ajv
// instance of our own (the shared registry need not know this schema), and turns the first
// problem into a ProfileError naming file, line and field.
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { validateCheckCatalogue, validateHardwareProfile } from '../../../api/generated/profile-validators.js';
import { loadSchema } from '../../../api/schema-files.js';
import { fieldName, ProfileError } from './profile-error.js';
import type { YamlFile } from './yaml-file.js';

const SCHEMA_FILE = 'hardware-profile.schema.json';

/** The validator of one $def of the profile schema, precompiled by scripts/gen-validators.mjs
 *  (compiling it at start would cost ~150 ms per `ciab probe`). */
export function profileSchemaValidator(def: 'HardwareProfile' | 'CheckCatalogue'): ValidateFunction {
  return def === 'HardwareProfile' ? validateHardwareProfile : validateCheckCatalogue;
}

/** The kinds the schema knows, for "unknown kind" messages. */
export function knownKinds(): string[] {
  const defs = loadSchema(SCHEMA_FILE).$defs as { CheckKind: { enum: string[] } };
  return defs.CheckKind.enum;
}

/** One ajv error as a sentence about the field; `segments` is where it points in the file. */
function describe(e: ErrorObject): { segments: string[]; problem: string } {
  const segments = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const shown = JSON.stringify(e.data);
  switch (e.keyword) {
    case 'required':
      return { segments: [...segments, String((e.params as { missingProperty: string }).missingProperty)], problem: 'is required' };
    case 'additionalProperties':
      return { segments: [...segments, String((e.params as { additionalProperty: string }).additionalProperty)], problem: 'is not a known field' };
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map((a) => String(a));
      if (e.schemaPath.includes('CheckKind')) return { segments, problem: `${shown} is not a check kind of the catalogue (known: ${allowed.join(', ')})` };
      return { segments, problem: `is ${shown}, must be one of ${allowed.join(', ')}` };
    }
    case 'oneOf':
      // Only TextOrVariants uses oneOf: say what the two forms are rather than why each failed.
      return { segments, problem: `must be a text, or texts by case with a "default" one (found ${shown})` };
    default:
      return { segments, problem: `${e.message ?? 'is invalid'} (found ${shown && shown.length > 60 ? `${shown.slice(0, 57)}...` : shown})` };
  }
}

/** Validates a parsed file against a $def; throws a ProfileError for the first problem. */
export function assertValid<T>(yaml: YamlFile, def: 'HardwareProfile' | 'CheckCatalogue'): T {
  const validate = profileSchemaValidator(def);
  if (validate(yaml.data)) return yaml.data as T;
  const errors = validate.errors!;
  // A oneOf failure comes after its branches' errors; the oneOf one says more to a reader.
  const oneOf = errors.find((e) => e.keyword === 'oneOf' && e.instancePath === errors[0]!.instancePath);
  const { segments, problem } = describe(oneOf ?? errors[0]!);
  const checks = yaml.data && typeof yaml.data === 'object' ? (yaml.data as { checks?: unknown }).checks : undefined;
  const kindAt = (i: number) => {
    const kind = Array.isArray(checks) ? (checks[i] as { kind?: unknown } | undefined)?.kind : undefined;
    return typeof kind === 'string' ? kind : undefined;
  };
  throw new ProfileError(yaml.file, fieldName(segments, kindAt), yaml.lineOf(segments), problem);
}
