// SPDX-License-Identifier: Apache-2.0
// Loads deploy playbooks (playbooks/deploy/*.yaml) and the failure hints (playbooks/hints.yaml):
// YAML with line numbers, the schema, unique ids and template variables known at load time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defValidator, schemasDir } from '../../api/schema-registry.js';
import { parseYamlWithLines, YamlSyntaxError, type YamlWithLines } from '../yaml/yaml-with-lines.js';
import { checkTemplate } from './playbook-template.js';

import type { Hint, Phase, Playbook, Step, When } from '../../api/generated/playbook-types.js';

// Derived from schemas/playbook.schema.json by scripts/gen-types.mjs, never written twice.
export type { Hint, Playbook } from '../../api/generated/playbook-types.js';
/** When a step runs (every listed condition must hold). */
export type StepWhen = When;
/** One step of a playbook as written in the file (templates not yet rendered). */
export type PlaybookStep = Step;
/** One phase of a playbook. */
export type PlaybookPhase = Phase;

/** A playbook or hints file that cannot be used: names the file, line and field. */
export class PlaybookError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly field: string,
    problem: string,
  ) {
    super(`${displayPath(file)}${line !== null ? `:${line}` : ''}: ${field ? `${field} ` : ''}${problem}`);
    this.name = 'PlaybookError';
  }
}

function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** playbooks/, found next to schemas/ in the source tree and beside a bundled out/. */
export function playbooksDir(): string {
  return path.join(path.dirname(schemasDir()), 'playbooks');
}

type Parsed = YamlWithLines;

function parseYamlText(text: string, file: string): Parsed {
  try {
    return parseYamlWithLines(text);
  } catch (err) {
    if (err instanceof YamlSyntaxError) throw new PlaybookError(file, err.line, '', err.message);
    throw err;
  }
}

/** ["phases", 1, "steps", 2, "command"] -> "phases[1].steps[2] (apply-common).command". */
function fieldName(segments: readonly (string | number)[], data: unknown): string {
  let out = '';
  let node: unknown = data;
  for (const seg of segments) {
    const isIndex = typeof seg === 'number' || /^\d+$/.test(seg);
    out += isIndex ? `[${seg}]` : out ? `.${seg}` : seg;
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[String(seg)] : undefined;
    const id = isIndex && node && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
    if (typeof id === 'string') out += ` (${id})`;
  }
  return out;
}

function validate<T>(parsed: Parsed, file: string, def: 'Playbook' | 'HintsFile'): T {
  const v = defValidator('playbook.schema.json', def);
  if (v(parsed.data)) return parsed.data as T;
  const e = v.errors![0]!;
  const segs = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let problem = e.message ?? 'is invalid';
  if (e.keyword === 'required') {
    segs.push((e.params as { missingProperty: string }).missingProperty);
    problem = 'is required';
  } else if (e.keyword === 'additionalProperties') {
    segs.push((e.params as { additionalProperty: string }).additionalProperty);
    problem = 'is not a known field';
  } else if (e.keyword === 'enum') {
    problem = `is ${JSON.stringify(e.data)}, must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  } else {
    const shown = JSON.stringify(e.data);
    problem = `${problem} (found ${shown !== undefined && shown.length > 60 ? `${shown.slice(0, 57)}...` : shown})`;
  }
  throw new PlaybookError(file, parsed.lineOf(segs), fieldName(segs, parsed.data), problem);
}

/** Parses and validates hints text; each pattern must compile and each id appear once. */
export function parseHintsText(text: string, file: string): Hint[] {
  const parsed = parseYamlText(text, file);
  const { hints } = validate<{ hints: Hint[] }>(parsed, file, 'HintsFile');
  const seen = new Set<string>();
  hints.forEach((h, i) => {
    const fail = (key: string, problem: string): never => {
      throw new PlaybookError(file, parsed.lineOf(['hints', i, key]), fieldName(['hints', i, key], parsed.data), problem);
    };
    if (seen.has(h.id)) fail('id', `repeats the hint id "${h.id}"`);
    seen.add(h.id);
    try {
      new RegExp(h.pattern, h.flags ?? '');
    } catch (err) {
      fail('pattern', `is not a valid regular expression: ${(err as Error).message}`);
    }
  });
  return hints;
}

/** Reads playbooks/hints.yaml (or `file`). */
export function loadHints(file = path.join(playbooksDir(), 'hints.yaml')): Hint[] {
  return parseHintsText(readText(file), file);
}

/** Parses and checks one playbook; `hintIds` are the ids its steps may name. */
export function parsePlaybookText(text: string, file: string, hintIds: ReadonlySet<string>): Playbook {
  const parsed = parseYamlText(text, file);
  const playbook = validate<Playbook>(parsed, file, 'Playbook');
  const fail = (segs: (string | number)[], problem: string): never => {
    throw new PlaybookError(file, parsed.lineOf(segs), fieldName(segs, parsed.data), problem);
  };
  const base = path.basename(file).replace(/\.ya?ml$/, '');
  if (playbook.id !== base) fail(['id'], `is "${playbook.id}" but must equal the file name "${base}"`);
  const phaseIds = new Set<string>();
  const stepIds = new Map<string, string>();
  playbook.phases.forEach((phase, p) => {
    if (phaseIds.has(phase.id)) fail(['phases', p, 'id'], `repeats the phase id "${phase.id}"; phase ids must be unique`);
    phaseIds.add(phase.id);
    phase.steps.forEach((step, s) => {
      const at = ['phases', p, 'steps', s];
      const other = stepIds.get(step.id);
      if (other !== undefined) fail([...at, 'id'], `repeats the step id "${step.id}" (already in phase ${other}); step ids must be unique in a playbook`);
      stepIds.set(step.id, phase.id);
      for (const key of ['command', 'check'] as const) {
        const template = step[key];
        if (template === undefined) continue;
        const problem = checkTemplate(template);
        if (problem) fail([...at, key], problem);
      }
      step.hints?.forEach((h, i) => {
        if (!hintIds.has(h)) fail([...at, 'hints', i], `names the hint "${h}", which playbooks/hints.yaml does not have`);
      });
      if (step.when?.types && !step.when.types.some((t) => playbook.types.includes(t))) {
        fail([...at, 'when', 'types'], `lists only types the playbook does not install (${playbook.types.join(', ')}); the step would never run`);
      }
    });
  });
  return playbook;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new PlaybookError(file, null, '', `cannot be read: ${(err as Error).message}`);
  }
}

/** Reads and checks one playbook file against the hints of `hints`. */
export function loadPlaybookFile(file: string, hints: Hint[] = loadHints()): Playbook {
  return parsePlaybookText(readText(file), file, new Set(hints.map((h) => h.id)));
}

/** Loads the deploy playbook `id` from playbooks/deploy/ (or `dir`). */
export function loadPlaybook(id: string, dir = path.join(playbooksDir(), 'deploy'), hints?: Hint[]): Playbook {
  if (!/^[a-z][a-z0-9-]*$/.test(id)) throw new PlaybookError(id, null, '', 'is not a playbook id');
  return loadPlaybookFile(path.join(dir, `${id}.yaml`), hints);
}
