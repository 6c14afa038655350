// SPDX-License-Identifier: Apache-2.0
// The bundle manifest (schemas/bundle-manifest.schema.json): reads manifest.json, validates it
// with ajv (errors name the field) and refuses paths that could leave the bundle directory.
import path from 'node:path';
import { describeAjvError, loadSchema, schemaRegistry } from '../../api/schema-registry.js';
import { BundleError } from './bundle-errors.js';

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.json.sig';
export const SIGNATURE_NAMESPACE = 'ciab-bundle';
const SCHEMA_ID = 'https://ciab-installer.invalid/schemas/bundle-manifest.schema.json';

export const BUNDLE_FILE_KINDS = ['apt-mirror', 'registry-data', 'k3s-binary', 'k3s-images', 'os-image', 'amphora-image', 'configuration', 'other'] as const;
export type BundleFileKind = (typeof BUNDLE_FILE_KINDS)[number];

// Derived from the schema by scripts/gen-types.mjs, never written twice.
import type { BundleManifest } from '../../api/generated/bundle-manifest-types.js';
export type { BundleFile, BundleManifest, BundleVersions } from '../../api/generated/bundle-manifest-types.js';

/** Why a manifest-relative path is unsafe, or null when it stays inside the bundle. */
export function unsafePathReason(p: string): string | null {
  if (p.length === 0) return 'is empty';
  if (p.includes('\0')) return 'contains a NUL byte';
  if (p.includes('\\')) return 'contains a backslash (use / separators)';
  if (p.startsWith('/') || path.win32.isAbsolute(p)) return 'is absolute (it must be relative to the bundle root)';
  const parts = p.split('/');
  if (parts.some((s) => s === '..')) return 'contains a .. segment (it must stay inside the bundle)';
  if (parts.some((s) => s === '.' || s === '')) return 'contains an empty or . segment';
  if (p === MANIFEST_FILE || p === SIGNATURE_FILE) return 'names the manifest or its signature, which are not listed';
  return null;
}

function xMessage(field: string): string | undefined {
  const defs = (loadSchema('bundle-manifest.schema.json').$defs ?? {}) as Record<string, { properties?: Record<string, { 'x-message'?: string }> }>;
  const last = field.split('/').pop() ?? '';
  return defs.BundleFile?.properties?.[last]?.['x-message'];
}

function atPointer(value: unknown, pointer: string): unknown {
  let v = value;
  for (const seg of pointer.split('/').slice(1)) v = (v as Record<string, unknown> | undefined)?.[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
  return v;
}

/** Validates a parsed manifest; throws a BundleError naming the field (e.g. manifest.json/files/2/path). */
export function validateBundleManifest(value: unknown, where = MANIFEST_FILE): BundleManifest {
  const validate = schemaRegistry().getSchema(SCHEMA_ID);
  if (!validate) throw new Error(`schema ${SCHEMA_ID} is not registered`);
  const next = 'The manifest is damaged or was written by another tool; rebuild it with `ciab bundle create` or get the bundle again.';
  if (!validate(value)) {
    const err = validate.errors?.[0];
    const d = describeAjvError(validate.errors, where);
    const custom = err?.keyword === 'pattern' ? xMessage(d.field) : undefined;
    const message = custom ? `${d.field} ${custom}` : d.message;
    const data = err?.keyword === 'pattern' ? atPointer(value, err.instancePath) : undefined;
    const shown = typeof data === 'string' ? ` (found ${JSON.stringify(data)})` : '';
    throw new BundleError(`${message}${shown}`, where, next, d.field);
  }
  const manifest = value as BundleManifest;
  const seen = new Set<string>();
  for (const [i, f] of manifest.files.entries()) {
    const field = `${where}/files/${i}/path`;
    const reason = unsafePathReason(f.path);
    if (reason) throw new BundleError(`${field} ${reason} (found ${JSON.stringify(f.path)})`, where, next, field);
    if (seen.has(f.path)) throw new BundleError(`${field} lists ${JSON.stringify(f.path)} a second time`, where, next, field);
    seen.add(f.path);
  }
  return manifest;
}

/** Parses and validates manifest bytes (the exact bytes whose signature was checked). */
export function parseBundleManifest(bytes: Buffer | string, where = MANIFEST_FILE): BundleManifest {
  let value: unknown;
  try {
    value = JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8'));
  } catch (err) {
    throw new BundleError(`${where} is not valid JSON: ${(err as Error).message}`, where, 'The bundle is damaged; copy it again from the source medium.');
  }
  return validateBundleManifest(value, where);
}

/** Resolves a manifest path inside the bundle directory; throws if it would leave it. */
export function resolveInBundle(dir: string, rel: string): string {
  const root = path.resolve(dir);
  const full = path.resolve(root, ...rel.split('/'));
  if (unsafePathReason(rel) || !full.startsWith(root + path.sep)) {
    throw new BundleError(`${rel} is not a path inside the bundle`, rel, 'Rebuild the manifest with `ciab bundle create`.');
  }
  return full;
}
