// SPDX-License-Identifier: Apache-2.0
// Loads playbooks/site/secrets.yaml (which secrets a site gets, by rendered file) and checks it
// against schemas/site-secrets.schema.json plus the rules a schema cannot say (copies, services).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { validateSiteSecretsCatalog } from '../../../api/generated/site-validators.js';
import { parseDocument } from 'yaml';
import { loadSchema, schemasDir } from '../../../api/schema-files.js';
import type { ResolvedSite, SiteConfig } from '../site-types.js';

export type CiabType = SiteConfig['type'];
export type SecretKind = 'password' | 'hex' | 'uuid' | 'fernet' | 'ssh_key' | 'copy';

/** One secret as the catalog declares it. */
export interface SecretSpec {
  name: string;
  kind: SecretKind;
  description?: string;
  types?: CiabType[];
  service?: string;
  length?: number;
  bytes?: number;
  /** For kind copy: '<file path>#<name>'. */
  of?: string;
}

/** The secrets of one rendered file. */
export interface SecretFileSpec {
  path: string;
  description?: string;
  types?: CiabType[];
  secrets: SecretSpec[];
}

export interface SecretCatalog {
  files: SecretFileSpec[];
}

/** A catalog file that is not valid; the message names the file and the entry. */
export class SecretCatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretCatalogError';
  }
}

const ALL_TYPES: CiabType[] = ['sandbox', 'edge', 'kubernetes'];

let cached: SecretCatalog | null = null;

// Precompiled by scripts/gen-validators.mjs: compiling the schema here cost the first render ~20 ms.
function catalogValidator(): ValidateFunction {
  return validateSiteSecretsCatalog;
}

/** Where playbooks/site/secrets.yaml lives (next to schemas/, in the source tree and when bundled). */
export function secretCatalogPath(): string {
  return path.join(path.dirname(schemasDir()), 'playbooks', 'site', 'secrets.yaml');
}

// "/files/1/secrets/5/length" → "files[1] (environments/kolla/secrets.yml) secrets[5] (nova_ssh_key) length".
function where(data: unknown, pointer: string): string {
  const segs = pointer.split('/').filter(Boolean);
  const out: string[] = [];
  let node: unknown = data;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    node = (node as Record<string, unknown> | undefined)?.[seg];
    if (/^\d+$/.test(seg) && out.length > 0) {
      const label = (node as { path?: unknown; name?: unknown } | undefined)?.path ?? (node as { name?: unknown } | undefined)?.name;
      out[out.length - 1] += `[${seg}]${typeof label === 'string' ? ` (${label})` : ''}`;
    } else {
      out.push(seg);
    }
  }
  return out.join(' ') || 'top level';
}

function describe(data: unknown, e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return `${where(data, e.instancePath)}: missing field "${String(p.missingProperty)}"`;
  if (e.keyword === 'unevaluatedProperties' || e.keyword === 'additionalProperties') {
    return `${where(data, e.instancePath)}: unknown field "${String(p.unevaluatedProperty ?? p.additionalProperty)}"`;
  }
  if (e.keyword === 'false schema') return `${where(data, e.instancePath)}: not allowed for this kind`;
  if (e.keyword === 'enum') return `${where(data, e.instancePath)}: must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return `${where(data, e.instancePath)}: ${e.message ?? 'is invalid'}`;
}

// Rules across entries: unique names, known services, copies of existing non-copy secrets.
function checkRules(catalog: SecretCatalog): string[] {
  const problems: string[] = [];
  const services = Object.keys(((loadSchema('site.schema.json').properties as Record<string, { properties?: object }>).services?.properties ?? {}) as object);
  const byKey = new Map<string, { file: SecretFileSpec; spec: SecretSpec }>();
  const paths = new Set<string>();
  catalog.files.forEach((file, fi) => {
    if (paths.has(file.path)) problems.push(`files[${fi}] (${file.path}): the file is listed twice`);
    paths.add(file.path);
    file.secrets.forEach((spec, si) => {
      const at = `files[${fi}] (${file.path}) secrets[${si}] (${spec.name})`;
      const key = `${file.path}#${spec.name}`;
      if (byKey.has(key)) problems.push(`${at}: the name is used twice in this file`);
      byKey.set(key, { file, spec });
      if (spec.service !== undefined && !services.includes(spec.service)) problems.push(`${at}: service "${spec.service}" is not a services.* flag of the site schema (${services.join(', ')})`);
      const outside = (spec.types ?? []).filter((t) => !(file.types ?? ALL_TYPES).includes(t));
      if (outside.length > 0) problems.push(`${at}: types ${outside.join(', ')} are not types of the file`);
    });
  });
  catalog.files.forEach((file, fi) =>
    file.secrets.forEach((spec, si) => {
      if (spec.kind !== 'copy') return;
      const at = `files[${fi}] (${file.path}) secrets[${si}] (${spec.name})`;
      const target = byKey.get(spec.of!);
      if (!target) problems.push(`${at}: copies "${spec.of}", which the catalog does not declare`);
      else if (target.spec.kind === 'copy') problems.push(`${at}: copies "${spec.of}", which is itself a copy`);
    }),
  );
  return problems;
}

/** Parses and checks catalog text; `file` names it in errors. */
export function parseSecretCatalog(text: string, file: string): SecretCatalog {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) throw new SecretCatalogError(`${file}: not valid YAML: ${doc.errors[0]!.message}`);
  const data: unknown = doc.toJS();
  const validate = catalogValidator();
  if (!validate(data)) {
    const problems = (validate.errors ?? []).filter((e) => e.keyword !== 'if').map((e) => describe(data, e));
    throw new SecretCatalogError(`${file}: ${[...new Set(problems)].join('; ')}`);
  }
  const catalog = data as SecretCatalog;
  const problems = checkRules(catalog);
  if (problems.length > 0) throw new SecretCatalogError(`${file}: ${problems.join('; ')}`);
  return catalog;
}

/** The installer's catalog (read and checked once). */
export function secretCatalog(): SecretCatalog {
  if (cached) return cached;
  const file = secretCatalogPath();
  cached = parseSecretCatalog(readFileSync(file, 'utf8'), file);
  return cached;
}

/** True when `spec` in `file` is generated for a site of this type with these services. */
export function secretApplies(file: SecretFileSpec, spec: SecretSpec, site: Pick<ResolvedSite, 'type' | 'services'>): boolean {
  if (!(file.types ?? ALL_TYPES).includes(site.type)) return false;
  if (!(spec.types ?? ALL_TYPES).includes(site.type)) return false;
  return spec.service === undefined || (site.services as unknown as Record<string, boolean | undefined>)[spec.service] === true;
}
