// SPDX-License-Identifier: Apache-2.0
// Loads the check catalogue (playbooks/profiles/checks.yaml): texts and groups of every check kind.
import path from 'node:path';
import { schemasDir } from '../../../api/schema-files.js';
import type { CheckCatalogue } from './generated-profile-types.js';
import { assertValid } from './profile-schema.js';
import { readYamlFile } from './yaml-file.js';

/** The catalogue file's name inside the profiles directory; every other *.yaml there is a profile. */
export const CATALOGUE_FILE = 'checks.yaml';

/** playbooks/profiles/, found next to schemas/ in the source tree and in packaged resources. */
export function profilesDir(): string {
  return path.join(path.dirname(schemasDir()), 'playbooks', 'profiles');
}

const cache = new Map<string, CheckCatalogue>();

/** The validated catalogue of `dir` (read once per directory). */
export function loadCatalogue(dir: string = profilesDir()): CheckCatalogue {
  const cached = cache.get(dir);
  if (cached) return cached;
  const catalogue = assertValid<CheckCatalogue>(readYamlFile(path.join(dir, CATALOGUE_FILE)), 'CheckCatalogue');
  cache.set(dir, catalogue);
  return catalogue;
}
