// SPDX-License-Identifier: Apache-2.0
// What of a hardware report may leave the app in a copied report: only the fields the
// hardware-report schema declares (whatever else a broken or hostile probe put in is dropped),
// never a string under a secret-looking key, and no string longer than a screenful.
import { loadSchema } from '../../../api/schema-files.js';

type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; oneOf?: Schema[]; anyOf?: Schema[] };

// `passwordless` (a boolean) stays: only string values under such keys are dropped.
const SECRET_KEY = /pass(word|phrase)?|secret|token|private.?key|credential|api.?key/i;
const MAX_STRING = 2000;

let defs: Record<string, Schema> | null = null;

function resolve(s: Schema | undefined): Schema | undefined {
  if (!s?.$ref) return s;
  defs ??= (loadSchema('hardware-report.schema.json').$defs ?? {}) as Record<string, Schema>;
  return resolve(defs[s.$ref.replace('#/$defs/', '')]);
}

/** The object-shaped branch of a schema (itself, or the object case of a nullable oneOf). */
function objectBranch(s: Schema | undefined): Schema | undefined {
  if (s?.properties) return s;
  return [...(s?.oneOf ?? []), ...(s?.anyOf ?? [])].map(resolve).find((b) => b?.properties);
}

function pick(value: unknown, schema: Schema | undefined): unknown {
  const s = resolve(schema);
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (Array.isArray(value)) return s?.items ? value.map((v) => pick(v, s.items)) : undefined;
  const obj = objectBranch(s);
  if (!obj?.properties || typeof value !== 'object') return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(obj.properties)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || (SECRET_KEY.test(key) && typeof v === 'string')) continue;
    const picked = pick(v, sub);
    if (picked !== undefined) out[key] = picked;
  }
  return out;
}

/** A copy of `report` with only schema-declared, non-secret fields. */
export function sanitizeReport(report: unknown): unknown {
  return pick(report, { $ref: '#/$defs/HardwareReport' });
}
