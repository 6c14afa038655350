// SPDX-License-Identifier: Apache-2.0
// The bundle manifest contract: a good manifest passes, bad ones are refused with the field named,
// and no listed path can leave the bundle directory.
import { describe, expect, it } from 'vitest';
import { loadSchema } from '../../../../electron/api/schema-registry.js';
import { BundleError } from '../../../../electron/backend/airgap/bundle-errors.js';
import { BUNDLE_FILE_KINDS, parseBundleManifest, resolveInBundle, unsafePathReason, validateBundleManifest, type BundleManifest } from '../../../../electron/backend/airgap/bundle-manifest.js';
import { guessKind, guessTypes } from '../../../../electron/backend/airgap/create-bundle.js';

const SHA = 'a'.repeat(64);

function good(): BundleManifest {
  return {
    format: 'ciab-bundle',
    version: 1,
    name: 'scs-2025.1-full',
    created: '2026-11-01T10:00:00Z',
    types: ['sandbox', 'edge'],
    versions: { openstack: '2025.1', ceph: 'reef', manager: '9.2.0', k3s: 'v1.34.1+k3s1' },
    files: [
      { path: 'registry/registry-2025.1-full.tar.bz2', size: 10, sha256: SHA, kind: 'registry-data' },
      { path: 'apt/ubuntu-noble.tar.bz2', size: 0, sha256: SHA, kind: 'apt-mirror' },
    ],
  };
}

function refusal(value: unknown): BundleError {
  try {
    validateBundleManifest(value);
  } catch (err) {
    expect(err).toBeInstanceOf(BundleError);
    return err as BundleError;
  }
  throw new Error('the manifest was accepted');
}

describe('bundle manifest', () => {
  it('accepts a complete manifest', () => {
    expect(validateBundleManifest(good()).name).toBe('scs-2025.1-full');
    expect(parseBundleManifest(Buffer.from(JSON.stringify(good()))).files).toHaveLength(2);
  });

  it('the TypeScript types list the same fields and kinds as the schema', () => {
    const defs = loadSchema('bundle-manifest.schema.json').$defs as Record<string, { properties: Record<string, { enum?: string[] }>; required?: string[] }>;
    expect(Object.keys(defs.BundleManifest!.properties).sort()).toEqual(Object.keys(good()).sort());
    expect(Object.keys(defs.BundleFile!.properties).sort()).toEqual(Object.keys(good().files[0]!).sort());
    expect(Object.keys(defs.BundleVersions!.properties).sort()).toEqual(Object.keys(good().versions).sort());
    expect(defs.BundleFile!.properties.kind!.enum).toEqual([...BUNDLE_FILE_KINDS]);
  });

  it.each([
    ['../etc/passwd', 'manifest.json/files/0/path'],
    ['a/../../b', 'manifest.json/files/0/path'],
    ['/etc/shadow', 'manifest.json/files/0/path'],
    ['a\\..\\b', 'manifest.json/files/0/path'],
    ['a//b', 'manifest.json/files/0/path'],
    ['./a', 'manifest.json/files/0/path'],
    ['..', 'manifest.json/files/0/path'],
  ])('refuses the path %j, naming %s', (p, field) => {
    const m = good();
    m.files[0]!.path = p;
    const err = refusal(m);
    expect(err.field).toBe(field);
    expect(err.message).toContain(field);
    expect(err.message).toContain(JSON.stringify(p));
  });

  it('refuses paths naming the manifest itself and duplicates (the schema cannot see those)', () => {
    const m = good();
    m.files[1]!.path = 'manifest.json.sig';
    expect(refusal(m).message).toMatch(/files\/1\/path names the manifest/);
    const d = good();
    d.files[1]!.path = d.files[0]!.path;
    expect(refusal(d).message).toMatch(/files\/1\/path lists .* a second time/);
  });

  it.each([
    [(m: Record<string, unknown>) => delete m.created, 'manifest.json/created is required'],
    [(m: Record<string, unknown>) => (m.version = 2), 'manifest.json/version'],
    [(m: Record<string, unknown>) => (m.types = []), 'manifest.json/types'],
    [(m: Record<string, unknown>) => (m.types = ['openstack']), 'manifest.json/types/0 must be one of'],
    [(m: Record<string, unknown>) => (m.extra = 1), 'manifest.json/extra is not a known field'],
    [(m: BundleManifest) => (m.files[1]!.sha256 = 'XYZ'), 'manifest.json/files/1/sha256 must be 64 lower-case hex digits'],
    [(m: BundleManifest) => (m.files[0]!.size = -1), 'manifest.json/files/0/size'],
    [(m: BundleManifest) => (m.files[0]!.kind = 'tarball' as never), 'manifest.json/files/0/kind must be one of "apt-mirror"'],
    [(m: BundleManifest) => (m.versions = { nova: '1' } as never), 'manifest.json/versions/nova is not a known field'],
  ] as [(m: never) => unknown, string][])('names the field when invalid (%#)', (mutate, expected) => {
    const m = good();
    mutate(m as never);
    expect(refusal(m).message).toContain(expected);
  });

  it('refuses bytes that are not JSON, saying so', () => {
    expect(() => parseBundleManifest(Buffer.from('{"format":'))).toThrow(/manifest.json is not valid JSON/);
  });

  it('resolves only paths inside the bundle', () => {
    expect(resolveInBundle('/b', 'x/y.img')).toBe('/b/x/y.img');
    expect(() => resolveInBundle('/b', '../y')).toThrow(BundleError);
    expect(unsafePathReason('C:/x')).toMatch(/absolute/);
    expect(unsafePathReason('ok/file.tar')).toBeNull();
  });

  it('guesses kinds and types from paths', () => {
    expect(guessKind('k3s/k3s-airgap-images-amd64.tar.zst')).toBe('k3s-images');
    expect(guessKind('k3s/k3s')).toBe('k3s-binary');
    expect(guessKind('registry-2025.1-full.tar.bz2')).toBe('registry-data');
    expect(guessKind('ubuntu-noble.tar.bz2')).toBe('apt-mirror');
    expect(guessKind('images/octavia-export-2025.1.img')).toBe('amphora-image');
    expect(guessKind('images/ubuntu-24.04.qcow2')).toBe('os-image');
    expect(guessKind('configuration/environments/configuration.yml')).toBe('configuration');
    expect(guessKind('README')).toBe('other');
    expect(guessTypes(['k3s-binary', 'k3s-images'])).toEqual(['kubernetes']);
    expect(guessTypes(['registry-data', 'apt-mirror'])).toEqual(['sandbox', 'edge']);
  });
});
