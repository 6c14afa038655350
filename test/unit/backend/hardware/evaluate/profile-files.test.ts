// SPDX-License-Identifier: Apache-2.0
// The shipped data files (profiles and the check catalogue) are valid, agree with the code, and
// a broken file is reported with its name, line and field.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { loadSchema } from '../../../../../electron/api/schema-registry.js';
import { CHECK_KINDS } from '../../../../../electron/backend/hardware/evaluate/check-kinds.js';
import { loadCatalogue, loadProfiles, profilesDir, ProfileError } from '../../../../../electron/backend/hardware/evaluate/index.js';

const schema = loadSchema('hardware-profile.schema.json') as { $defs: { CheckKind: { enum: string[] } } };

/** A scratch copy of playbooks/profiles with one file replaced by `edit` of its text. */
function mutated(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ciab-profiles-'));
  for (const f of ['checks.yaml', 'ciab-sandbox.yaml', 'ciab-edge.yaml', 'ciab-kubernetes.yaml', 'lab.yaml']) copyFileSync(path.join(profilesDir(), f), path.join(dir, f));
  writeFileSync(path.join(dir, file), edit(readFileSync(path.join(dir, file), 'utf8')));
  return dir;
}

function loadError(dir: string): ProfileError {
  try {
    loadCatalogue(dir);
    loadProfiles(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(ProfileError);
    return e as ProfileError;
  }
  throw new Error('expected a ProfileError');
}

describe('profile files', () => {
  it('the schema compiles in ajv strict mode', () => {
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
    expect(() => ajv.compile(loadSchema('hardware-profile.schema.json'))).not.toThrow();
  });

  it('the four profiles load, in picker order, each with a reasoned description', () => {
    const profiles = loadProfiles();
    expect(profiles.map((p) => p.id)).toEqual(['ciab-sandbox', 'ciab-edge', 'ciab-kubernetes', 'lab']);
    for (const p of profiles) expect(p.description.length).toBeGreaterThan(150);
  });

  it('schema kinds, catalogue entries and check logic are the same set', () => {
    const kinds = [...schema.$defs.CheckKind.enum].sort();
    expect(Object.keys(CHECK_KINDS).sort()).toEqual(kinds);
    expect(Object.keys(loadCatalogue().checks).filter((k) => k !== 'probe.section').sort()).toEqual(kinds);
  });

  it('every catalogue group is used and every entry has texts for why and fix', () => {
    const cat = loadCatalogue();
    const used = new Set(Object.values(cat.checks).map((e) => e.group));
    expect([...cat.groups].sort()).toEqual([...used].sort());
  });

  it('profiles differ where the reference says so', () => {
    const kinds = Object.fromEntries(loadProfiles().map((p) => [p.id, new Map(p.checks.map((c) => [c.kind, c]))]));
    expect(kinds['ciab-kubernetes']!.has('storage.ceph-disk')).toBe(false);
    expect(kinds['ciab-kubernetes']!.has('cpu.virtualization')).toBe(false);
    expect(kinds['ciab-sandbox']!.get('storage.ceph-disk')!.params).toEqual({ minGB: 1000, names: ['sda', 'nvme0n1'] });
    expect(kinds['ciab-edge']!.get('storage.ceph-disk')!.params).toEqual({ minGB: 1000, names: ['nvme0n1'] });
    expect(kinds.lab!.get('firmware.uefi')!.severity).toBe('warn');
    for (const id of ['ciab-sandbox', 'ciab-edge', 'ciab-kubernetes']) {
      expect(kinds[id]!.get('cpu.cores')!.params).toMatchObject({ min: 4 });
      expect(kinds[id]!.get('memory.total')!.severity).toBe('fail');
      expect(kinds[id]!.get('firmware.uefi')!.severity).toBe('fail');
      expect(kinds[id]!.get('os.release')!.params).toEqual({ id: 'ubuntu', versionIds: ['24.04'] });
    }
  });

  it('an unknown check kind names file, line and field', () => {
    const e = loadError(mutated('lab.yaml', (t) => t.replace('kind: memory.swap', 'kind: memory.swapp')));
    expect(e.message).toMatch(/lab\.yaml:\d+: checks\[7\] \(memory\.swapp\)\.kind "memory\.swapp" is not a check kind of the catalogue \(known: cpu\.arch, /);
    expect(e.field).toBe('checks[7] (memory.swapp).kind');
    expect(e.line).toBe(readFileSync(path.join(profilesDir(), 'lab.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('kind: memory.swap')) + 1);
  });

  it('a missing threshold names the param', () => {
    const e = loadError(mutated('ciab-sandbox.yaml', (t) => t.replace('params: { minGiB: 30, recommendedGiB: 60 }', 'params: { recommendedGiB: 60 }')));
    expect(e.message).toMatch(/ciab-sandbox\.yaml:\d+: checks\[6\] \(memory\.total\)\.params\.minGiB is required$/);
  });

  it('a kind that needs params but has none, a wrong type and an unknown field are named', () => {
    expect(loadError(mutated('lab.yaml', (t) => t.replace('    params: { min: "6.8" }\n', ''))).message).toMatch(/lab\.yaml:\d+: checks\[13\] \(os\.kernel\)\.params is required$/);
    expect(loadError(mutated('lab.yaml', (t) => t.replace('params: { min: 4 }', 'params: { min: four }'))).message).toMatch(/checks\[1\] \(cpu\.cores\)\.params\.min must be integer \(found "four"\)$/);
    expect(loadError(mutated('lab.yaml', (t) => t.replace('params: { min: 4 }', 'params: { min: 4, max: 8 }'))).message).toMatch(/checks\[1\] \(cpu\.cores\)\.params\.max is not a known field$/);
    expect(loadError(mutated('lab.yaml', (t) => t.replace('severity: fail', 'severity: error'))).message).toMatch(/checks\[0\] \(cpu\.arch\)\.severity is "error", must be one of fail, warn$/);
  });

  it('rules beyond the schema: id equals file name, each kind once, recommended above min', () => {
    expect(loadError(mutated('lab.yaml', (t) => t.replace('id: lab', 'id: labx'))).message).toMatch(/lab\.yaml:\d+: id is "labx" but must equal the file name "lab"$/);
    expect(loadError(mutated('lab.yaml', (t) => t.replace('kind: memory.swap', 'kind: memory.total'))).message).toMatch(/checks\[7\] \(memory\.total\)\.kind repeats memory\.total \(already checks\[6\]\)/);
    expect(loadError(mutated('lab.yaml', (t) => t.replace('recommendedGiB: 30', 'recommendedGiB: 3'))).message).toMatch(/params\.recommendedGiB \(3\) is below minGiB \(7\)$/);
  });

  it('YAML syntax errors and a broken catalogue name the file and line', () => {
    expect(loadError(mutated('ciab-edge.yaml', (t) => t.replace('title: CiaB edge', 'title: CiaB edge\ntitle: again'))).message).toMatch(/ciab-edge\.yaml:\d+: is not valid YAML: Map keys must be unique/);
    const cat = loadError(mutated('checks.yaml', (t) => t.replace('    title: Enough CPU cores\n', '')));
    expect(cat.message).toMatch(/checks\.yaml:\d+: checks\["cpu\.cores"\]\.title is required$/);
    const variants = loadError(mutated('checks.yaml', (t) => t.replace('required: UEFI', 'required: { vm: UEFI }')));
    expect(variants.message).toMatch(/checks\.yaml:\d+: checks\["firmware\.uefi"\]\.required must be a text, or texts by case with a "default" one \(found \{"vm":"UEFI"\}\)$/);
  });
});
