// SPDX-License-Identifier: Apache-2.0
// Packaging cannot run here (it downloads Electron and tool binaries), so electron-builder.yml is
// checked against the JSON Schema electron-builder itself ships, plus the settings we rely on.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
type Config = Record<string, unknown> & {
  linux: { target: string[]; category: string; maintainer: string };
  win: { target: string };
  nsis: Record<string, unknown>;
  mac: { target: string; category: string; hardenedRuntime: boolean };
  extraResources: { from: string; to: string }[];
  asarUnpack: string[];
  files: string[];
  electronFuses: Record<string, boolean>;
};

let validate: ValidateFunction;
let config: Config;

beforeAll(() => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as Record<string, unknown>;
  // The schema is draft-07 with a few non-standard keywords; strict mode would reject those.
  validate = new Ajv({ strict: false, allowUnionTypes: true, allErrors: true }).compile(schema);
  config = parse(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Config;
});

describe('electron-builder.yml', () => {
  it('is valid against app-builder-lib/scheme.json', () => {
    const ok = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('fails validation with an unknown key (the check can fail)', () => {
    expect(validate({ ...config, notAnElectronBuilderKey: true })).toBe(false);
    expect(validate.errors?.some((e) => e.keyword === 'additionalProperties')).toBe(true);
    // And a typo one level down, where a silent mistake would hurt most.
    expect(validate({ ...config, nsis: { ...config.nsis, oneclick: false } })).toBe(false);
  });

  it('builds the promised targets', () => {
    expect(config.appId).toBe('org.scs.ciab-installer');
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb', 'rpm']));
    expect(config.linux.category).toBe('System');
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
    expect(config.win.target).toBe('nsis');
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true });
    expect(config.mac).toMatchObject({ target: 'dmg', hardenedRuntime: true, category: 'public.app-category.developer-tools' });
  });

  it('ships only built output, with data as extra resources and native modules unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.files.filter((f) => !f.startsWith('!'))).toEqual(['out/**', 'package.json']);
    expect(config.extraResources).toEqual(
      expect.arrayContaining([
        { from: 'playbooks', to: 'playbooks' },
        { from: 'schemas', to: 'schemas' },
      ]),
    );
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(false);
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});
