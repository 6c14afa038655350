// SPDX-License-Identifier: Apache-2.0
// First-cut hardware step: evaluates the facts gathered while connecting against the check
// texts in playbooks/profiles/connection-checks.json. The full probe replaces it later.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckResult, ServerFacts } from '../../api/contract.js';
import { schemasDir } from '../../api/schema-registry.js';

interface CheckText {
  id: string;
  group: string;
  title: string;
  required: string;
  why: string;
  fix: string;
}

function texts(): Map<string, CheckText> {
  const file = path.join(path.dirname(schemasDir()), 'playbooks', 'profiles', 'connection-checks.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as { checks: CheckText[] };
  return new Map(data.checks.map((c) => [c.id, c]));
}

function kernelAtLeast(kernel: string, major: number, minor: number): boolean | null {
  const m = /^(\d+)\.(\d+)/.exec(kernel);
  if (!m) return null;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a > major || (a === major && b >= minor);
}

/** Evaluates the connection facts; missing facts become checks in state `error`. */
export function evaluateConnectionChecks(facts: ServerFacts | null): CheckResult[] {
  const t = texts();
  const make = (id: string, state: CheckResult['state'], found: string): CheckResult => {
    const c = t.get(id);
    if (!c) throw new Error(`check text ${id} missing from connection-checks.json`);
    return { id, group: c.group, title: c.title, state, required: c.required, found, why: c.why, fix: c.fix };
  };
  if (!facts) return [...t.keys()].map((id) => make(id, 'error', 'not reported by the server'));
  const kernelOk = kernelAtLeast(facts.kernel, 6, 8);
  return [
    make('os.release', /Ubuntu 24\.04/.test(facts.os) ? 'pass' : facts.os ? 'fail' : 'error', facts.os || 'not reported'),
    make('os.kernel', kernelOk === null ? 'error' : kernelOk ? 'pass' : 'warn', facts.kernel || 'not reported'),
    make('net.hostname', facts.hostname && facts.hostname !== 'localhost' ? 'pass' : 'fail', facts.hostname || 'empty'),
  ];
}
