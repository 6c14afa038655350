// SPDX-License-Identifier: Apache-2.0
// Loads the hardware profiles (playbooks/profiles/*.yaml except checks.yaml), validated against
// the schema and against the rules a schema cannot express; a broken file throws a ProfileError
// that names the file, the line and the field.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { HardwareProfile } from './generated-profile-types.js';
import { CATALOGUE_FILE, profilesDir } from './load-catalogue.js';
import { fieldName, ProfileError } from './profile-error.js';
import { assertValid } from './profile-schema.js';
import { readYamlFile, type YamlFile } from './yaml-file.js';

/** Rules across fields: the id is the file name, each kind once, recommendations above minimums. */
function checkConsistency(profile: HardwareProfile, yaml: YamlFile): void {
  const fail = (segments: string[], problem: string): never => {
    throw new ProfileError(yaml.file, fieldName(segments, (i) => profile.checks[i]?.kind), yaml.lineOf(segments), problem);
  };
  const base = path.basename(yaml.file, '.yaml');
  if (profile.id !== base) fail(['id'], `is "${profile.id}" but must equal the file name "${base}"`);
  const seen = new Map<string, number>();
  profile.checks.forEach((check, i) => {
    const first = seen.get(check.kind);
    if (first !== undefined) fail(['checks', String(i), 'kind'], `repeats ${check.kind} (already checks[${first}]); each kind may appear once`);
    seen.set(check.kind, i);
    const p = (check.params ?? {}) as Record<string, unknown>;
    for (const [min, rec] of [['min', 'recommended'], ['minGiB', 'recommendedGiB']] as const) {
      if (typeof p[min] === 'number' && typeof p[rec] === 'number' && p[rec] < p[min]) {
        fail(['checks', String(i), 'params', rec], `(${p[rec]}) is below ${min} (${p[min]})`);
      }
    }
  });
}

/** Reads and checks one profile file. */
export function loadProfileFile(file: string): HardwareProfile {
  const yaml = readYamlFile(file);
  const profile = assertValid<HardwareProfile>(yaml, 'HardwareProfile');
  checkConsistency(profile, yaml);
  return profile;
}

/** Every profile of `dir`, in picker order (`order`, then id). */
export function loadProfiles(dir: string = profilesDir()): HardwareProfile[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && f !== CATALOGUE_FILE)
    .sort();
  const profiles = files.map((f) => loadProfileFile(path.join(dir, f)));
  return profiles.sort((a, b) => (a.order ?? 1000) - (b.order ?? 1000) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
