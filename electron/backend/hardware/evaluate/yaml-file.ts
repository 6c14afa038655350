// SPDX-License-Identifier: Apache-2.0
// Reads one YAML data file and keeps its source positions, so that errors found later (by the
// schema or by the loader) can name the line of the offending field.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { schemasDir } from '../../../api/schema-files.js';
import { ProfileError } from './profile-error.js';
import { parseYamlWithLines, YamlSyntaxError } from '../../yaml/yaml-with-lines.js';

type Cache = Record<string, { sha1: string; data: unknown }>;
let cache: Cache | null | undefined;

/** The parsed-YAML cache `npm run build` writes to out/yaml-cache.json (parsing costs ~100 ms per CLI run). */
function buildCache(): Cache | null {
  if (cache !== undefined) return cache;
  try {
    cache = JSON.parse(readFileSync(path.join(path.dirname(schemasDir()), 'out', 'yaml-cache.json'), 'utf8')) as Cache;
  } catch {
    cache = null; // no build cache (tests from source, packaged app): parse as usual
  }
  return cache;
}

/** A parsed YAML file that can tell the line of any field path. */
export interface YamlFile {
  file: string;
  data: unknown;
  /** Line of the deepest existing node on `segments` (the parent when the field is missing). */
  lineOf(segments: readonly string[]): number | null;
}

/** Parses `file`; a syntax error (or a duplicate key) becomes a ProfileError with its line. */
export function readYamlFile(file: string): YamlFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ProfileError(file, '', null, `cannot be read: ${(e as Error).message}`);
  }
  // Same bytes as when the build parsed them: reuse that result; positions are parsed only if asked.
  const cached = buildCache()?.[path.basename(file)];
  if (cached && cached.sha1 === createHash('sha1').update(text).digest('hex')) {
    let parsed: YamlFile | null = null;
    return { file, data: structuredClone(cached.data), lineOf: (segments) => (parsed ??= parseYaml(file, text)).lineOf(segments) };
  }
  return parseYaml(file, text);
}

/** Parses YAML text with source positions; a syntax error becomes a ProfileError with its line. */
export function parseYaml(file: string, text: string): YamlFile {
  try {
    return { file, ...parseYamlWithLines(text) };
  } catch (err) {
    if (err instanceof YamlSyntaxError) throw new ProfileError(file, '', err.line, err.message);
    throw err;
  }
}
