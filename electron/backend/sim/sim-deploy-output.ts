// SPDX-License-Identifier: Apache-2.0
// What a simulated deploy step prints: Ansible-style output (plus osism's loguru lines) generated from
// playbooks/sim/deploy-output.yaml, the same for the same step id and attempt, and bursty in time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { playbooksDir } from '../deploy/load-playbook.js';
import { seededFromString } from './seeded-random.js';

/** How the run ends: success, a failed task (exit 2), or stuck in a task until killed. */
export type SimStepMode = 'ok' | 'fail' | 'hang';

/** One piece of output, `at` a share (0..1) of the step's full run time. */
export interface SimOutputEvent {
  at: number;
  text: string;
}

/** The whole run: output in time order, then the exit code (null: it never ends by itself). */
export interface SimStepScript {
  events: SimOutputEvent[];
  exitCode: number | null;
}

/** What the generator needs to know about one attempt. */
export interface SimStepInput {
  stepId: string;
  attempt: string;
  /** The step's command (from the request's stdin): `osism apply <role>` picks that role's tasks. */
  command: string;
  title?: string;
  mode: SimStepMode;
  /** Start time and nominal run time, for the timestamps of osism's log lines (default: a fixed date, 60 s). */
  startedAtMs?: number;
  durationS?: number;
}

type Result = 'ok' | 'changed' | 'skipping' | 'included';
type TaskSpec = string | { name: string; result?: Result; handler?: boolean };
interface PlaySpec { name: string; tasks: TaskSpec[] }
interface RoleSpec { kolla?: boolean; play?: string; tasks: TaskSpec[] }
interface StepEntry { match: string; plays?: PlaySpec[]; lines?: string[]; fail?: string[]; fail_exit?: number }
interface OutputData {
  host: string;
  results: Record<'ok' | 'changed' | 'skipping', number>;
  timing: { fast: [number, number]; slow: [number, number]; slow_share: number };
  osism: { prepared: string; started: string };
  kolla_prelude: PlaySpec;
  roles: Record<string, RoleSpec>;
  default_role: RoleSpec;
  steps: StepEntry[];
  fallback: { plays: PlaySpec[] };
  failures: string[];
}

const C = { ok: '0;32', changed: '0;33', skipping: '0;36', included: '0;36', red: '0;31', purple: '1;35' };
const color = (code: string, s: string) => `\x1b[${code}m${s}\x1b[0m`;
// Ansible's banner: the title, then stars up to 80 columns (at least 3), after an empty line.
const banner = (msg: string) => `\n${msg} ${'*'.repeat(Math.max(3, 79 - msg.length))}\n`;
const fill = (s: string, vars: Record<string, string>) => s.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);

let cached: OutputData | null = null;

/** The data file (read once). */
export function loadDeployOutputData(file = path.join(playbooksDir(), 'sim', 'deploy-output.yaml')): OutputData {
  if (cached) return cached;
  const data = parse(readFileSync(file, 'utf8')) as OutputData;
  // A task written `- role : name` unquoted is a YAML map, not a task name: say so instead of printing garbage.
  const plays = [data.kolla_prelude, ...data.fallback.plays, ...data.steps.flatMap((s) => s.plays ?? [])];
  for (const t of [...plays.flatMap((p) => p.tasks), ...Object.values(data.roles).flatMap((r) => r.tasks), ...data.default_role.tasks]) {
    if (typeof t !== 'string' && typeof t?.name !== 'string') throw new Error(`${file}: a task is neither a name nor {name: …}: ${JSON.stringify(t)} (quote names that hold " : ")`);
  }
  cached = data;
  return data;
}


/** The role of `osism apply [options] <role>` in a command, or null. */
export function osismRole(command: string): string | null {
  const m = /\bosism apply((?:\s+(?:-e|--environment|-a|--action|-r|--retry)\s+\S+)*)\s+([A-Za-z0-9][A-Za-z0-9_.-]*)/.exec(command);
  return m ? (m[2] as string) : null;
}

const glob = (pattern: string) => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

interface Task { play?: string; name: string; result: Result; handler: boolean; w: number }

/** Generate one attempt's output and exit code (pure: no clock, no randomness beyond the seed). */
export function simStepOutput(input: SimStepInput, data: OutputData = loadDeployOutputData()): SimStepScript {
  const rand = seededFromString(`${input.stepId}#${input.attempt}`);
  const role = osismRole(input.command);
  const vars = { host: data.host, role: role ?? input.stepId.split('.').at(-1) ?? input.stepId, step: input.stepId, title: input.title ?? input.stepId };
  const entry = role === null ? data.steps.find((s) => glob(s.match).test(input.stepId)) : undefined;
  if (entry?.lines) return plainLines(entry, input.mode, rand);
  const plays = role !== null ? rolePlays(data, role) : (entry?.plays ?? data.fallback.plays);
  const tasks = flatten(plays, vars, data, rand);
  const total = tasks.reduce((s, t) => s + t.w, 0) + 1;
  const events: SimOutputEvent[] = [];
  let c = 0;
  const emit = (text: string) => events.push({ at: Math.min(1, c / total), text });
  if (role !== null) {
    const task = uuid(rand);
    const base = input.startedAtMs ?? Date.UTC(2026, 0, 5, 9, 0, 0);
    const stamp = () => loguruTime(base + c / total * (input.durationS ?? 60) * 1000);
    emit(`${stamp()} | INFO     | ${fill(data.osism.prepared, { task, role })}\n`);
    emit(`${stamp()} | INFO     | ${fill(data.osism.started, { task, role })}\n`);
  }
  c += 0.5;
  const stopAt = input.mode === 'ok' ? tasks.length : Math.max(1, Math.floor(tasks.length * (input.mode === 'hang' ? 0.3 : 0.5 + rand() * 0.3)));
  const stats = { ok: 0, changed: 0, skipped: 0, failed: 0 };
  let play: string | undefined;
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i] as Task;
    const head = (t.play !== undefined && t.play !== play ? banner(`PLAY [${t.play}]`) : '') + banner(`${t.handler ? 'RUNNING HANDLER' : 'TASK'} [${t.name}]`);
    play = t.play ?? play;
    emit(head);
    if (i === stopAt && input.mode === 'hang') return { events, exitCode: null };
    c += t.w;
    if (i === stopAt && input.mode === 'fail') {
      const msg = fill(data.failures[Math.floor(rand() * data.failures.length)] ?? 'failed', vars);
      emit(`${color(C.red, `fatal: [${data.host}]: FAILED! => {"changed": false, "msg": ${JSON.stringify(msg)}}`)}\n${banner('NO MORE HOSTS LEFT')}`);
      stats.failed = 1;
      break;
    }
    emit(`${resultLine(t.result, data.host, vars.role)}\n`);
    if (t.result === 'ok') stats.ok++;
    if (t.result === 'changed') stats.changed++;
    if (t.result === 'skipping') stats.skipped++;
  }
  emit(recap(data.host, stats));
  return { events, exitCode: stats.failed ? 2 : 0 };
}

function rolePlays(data: OutputData, role: string): PlaySpec[] {
  const spec = data.roles[role] ?? data.default_role;
  const tasks = spec.tasks.map((t) => (typeof t === 'string' ? prefixed(role, t) : { ...t, name: prefixed(role, t.name) }));
  const main = { name: spec.play ?? `Apply role ${role}`, tasks };
  return spec.kolla ? [data.kolla_prelude, main] : [main];
}

// Tasks of a role are "<role> : <name>" unless the name names its role already.
const prefixed = (role: string, name: string) => (name.includes(' : ') || name === 'Gathering Facts' ? name : `${role} : ${name}`);

// Every task with its result and run time; the first task of each play carries the play's name.
function flatten(plays: PlaySpec[], vars: Record<string, string>, data: OutputData, rand: () => number): Task[] {
  const { fast, slow, slow_share } = data.timing;
  const r = data.results;
  const out: Task[] = [];
  for (const p of plays) {
    p.tasks.forEach((spec, i) => {
      const s = typeof spec === 'string' ? { name: spec } : spec;
      const x = rand() * (r.ok + r.changed + r.skipping);
      const drawn: Result = x < r.ok ? 'ok' : x < r.ok + r.changed ? 'changed' : 'skipping';
      const [lo, hi] = rand() < slow_share ? slow : fast;
      out.push({ ...(i === 0 ? { play: fill(p.name, vars) } : {}), name: fill(s.name, vars), result: s.result ?? drawn, handler: s.handler === true, w: lo + rand() * (hi - lo) });
    });
  }
  return out;
}

function resultLine(result: Result, host: string, role: string): string {
  if (result === 'included') return color(C.included, `included: /ansible/roles/${role}/tasks/deploy.yml for ${host}`);
  return color(C[result], `${result}: [${host}]`);
}

// PLAY RECAP as Ansible's default callback prints it: `%-37s` over the coloured host, `name=%-4s` per count.
function recap(host: string, s: { ok: number; changed: number; skipped: number; failed: number }): string {
  const hostColor = s.failed ? C.red : s.changed ? C.changed : C.ok;
  const count = (name: string, n: number, code: string) => (n ? color(code, `${name}=${String(n).padEnd(4)}`) : `${name}=${String(n).padEnd(4)}`);
  const ok = s.ok + s.changed;
  const line = [count('ok', ok, C.ok), count('changed', s.changed, C.changed), count('unreachable', 0, '1;31'), count('failed', s.failed, C.red),
    count('skipped', s.skipped, C.skipping), count('rescued', 0, C.ok), count('ignored', 0, C.purple)].join(' ');
  return `${banner('PLAY RECAP')}${color(hostColor, host).padEnd(37)} : ${line}\n\n`;
}

// Plain output (apt, docker, the k3s installer): the lines in bursts; a failure ends with the entry's error.
function plainLines(entry: StepEntry, mode: SimStepMode, rand: () => number): SimStepScript {
  const lines = entry.lines ?? [];
  const cut = mode === 'ok' ? lines.length : Math.max(1, Math.floor(lines.length / 2));
  const events: SimOutputEvent[] = [];
  let at = 0;
  for (const l of lines.slice(0, cut)) {
    events.push({ at, text: `${l}\n` });
    at = Math.min(0.95, at + (rand() < 0.3 ? 0.3 : 0.03) * rand());
  }
  if (mode === 'hang') return { events, exitCode: null };
  if (mode === 'fail') {
    events.push({ at: Math.min(1, at + 0.05), text: (entry.fail ?? ['error']).map((l) => `${l}\n`).join('') });
    return { events, exitCode: entry.fail_exit ?? 1 };
  }
  return { events, exitCode: 0 };
}

function uuid(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join('');
  // A version 4 UUID: the version nibble 4, the variant bits 10.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16] as string, 16) & 3]}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

// loguru's default time format as osism prints it: `YYYY-MM-DD HH:MM:SS` (UTC here).
function loguruTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
