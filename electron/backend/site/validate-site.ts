// SPDX-License-Identifier: Apache-2.0
// Validates a site configuration: first against schemas/site.schema.json, then (when the shape is
// right) the cross-field rules over the resolved site. Every problem names its field (a JSON
// pointer) in words the operator understands, for inline display as they type.
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { validateSiteConfig } from '../../api/generated/site-validators.js';
import { loadSchema } from '../../api/schema-files.js';
import { resolveSite } from './site-defaults.js';
import { checkSiteRules } from './site-rules.js';
import type { ResolvedSite, SiteConfig, SiteError } from './site-types.js';

export interface SiteValidation {
  valid: boolean;
  errors: SiteError[];
  /** The site with defaults applied, when it is valid. */
  resolved?: ResolvedSite;
}

// Precompiled with allErrors by scripts/gen-validators.mjs: the form shows every field's problem at
// once, and the first validation does not pay ~80 ms for compiling the schema.
function siteValidator(): ValidateFunction {
  return validateSiteConfig;
}

type SchemaNode = { title?: string; properties?: Record<string, SchemaNode>; items?: SchemaNode; $ref?: string; 'x-message'?: string };

/** Escapes one JSON pointer segment (RFC 6901): ~ → ~0, / → ~1. */
export function escapePointerSegment(seg: string): string {
  return seg.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The segments of a JSON pointer, unescaped. */
export function pointerSegments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .filter((s, i, all) => s !== '' || all.length > 1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

let schemaRoot: (SchemaNode & { $defs: Record<string, SchemaNode> }) | null = null;

/** Walks the schema along a JSON pointer (following local $refs); null when the path leaves it. */
function schemaAt(pointer: string): SchemaNode | null {
  const root = (schemaRoot ??= loadSchema('site.schema.json') as SchemaNode & { $defs: Record<string, SchemaNode> });
  let node: SchemaNode | undefined = root;
  for (const seg of pointerSegments(pointer)) {
    if (!node) return null;
    if (node.$ref) node = { ...root.$defs[node.$ref.split('/').pop()!], ...node, $ref: undefined };
    node = /^\d+$/.test(seg) ? node.items : node.properties?.[seg];
  }
  if (node?.$ref) node = { ...root.$defs[node.$ref.split('/').pop()!], ...node };
  return node ?? null;
}

/** The human label of a field pointer ("/networks/internal/vip" → "Virtual IP"), from the schema's titles. */
export function siteFieldLabel(pointer: string): string {
  const segs = pointerSegments(pointer).map(escapePointerSegment);
  const last = segs[segs.length - 1];
  const entry = last !== undefined && /^\d+$/.test(last) ? ` #${Number(last) + 1}` : '';
  for (let n = segs.length; n > 0; n--) {
    const title = schemaAt('/' + segs.slice(0, n).join('/'))?.title;
    if (title) return n === segs.length ? title : title + entry;
  }
  return pointer;
}

function describe(e: ErrorObject): SiteError {
  let field = e.instancePath || '/';
  let message = e.message ?? 'is invalid';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      field = `${e.instancePath}/${escapePointerSegment(String(p.missingProperty))}`;
      message = 'is required';
      break;
    case 'additionalProperties':
      field = `${e.instancePath}/${escapePointerSegment(String(p.additionalProperty))}`;
      message = 'is not a known field of a site configuration';
      break;
    case 'minLength':
      message = p.limit === 1 ? 'must not be empty' : `must be at least ${String(p.limit)} characters long`;
      break;
    case 'maxLength':
      message = `must be at most ${String(p.limit)} characters long`;
      break;
    case 'enum':
      message = `must be one of: ${((p.allowedValues as unknown[]) ?? []).join(', ')}`;
      break;
    case 'type':
      message = `must be ${p.type === 'integer' ? 'a whole number' : p.type === 'array' ? 'a list' : p.type === 'object' ? 'a group of fields' : `a ${String(p.type)}`}`;
      break;
    case 'minItems':
      message = p.limit === 1 ? 'needs at least one entry' : `needs at least ${String(p.limit)} entries`;
      break;
    case 'maxItems':
      message = `allows at most ${String(p.limit)} entries`;
      break;
    case 'uniqueItems':
      message = `lists the same value twice (entries ${Number(p.j) + 1} and ${Number(p.i) + 1})`;
      break;
    case 'minimum':
    case 'maximum':
      message = `must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${String(p.limit)}`;
      break;
    case 'pattern':
    case 'format':
    case 'anyOf':
      message = schemaAt(field)?.['x-message'] ?? message;
      break;
  }
  return { field, message };
}

/** Schema errors, one per field and message, without ajv's internal branch noise. */
function schemaErrors(errors: ErrorObject[]): SiteError[] {
  // An anyOf failure reports each branch too; the anyOf line (with the field's own message) suffices.
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const out: SiteError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    if (e.keyword !== 'anyOf' && anyOfPaths.has(e.instancePath)) continue;
    const d = describe(e);
    const key = `${d.field}\u0000${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(d);
    }
  }
  return out;
}

/** Checks a site configuration; every error names its field. Valid sites come back resolved. */
export function validateSite(config: unknown): SiteValidation {
  const v = siteValidator();
  if (!v(config)) return { valid: false, errors: schemaErrors(v.errors ?? []) };
  const resolved = resolveSite(config as SiteConfig);
  const errors = checkSiteRules(resolved);
  return errors.length === 0 ? { valid: true, errors: [], resolved } : { valid: false, errors };
}
