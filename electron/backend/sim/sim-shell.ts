// SPDX-License-Identifier: Apache-2.0
// A tiny, honest "shell" for the simulated server: answers known commands from the table, runs nothing.
import type { SimCommandResult, SimCommandTable } from './sim-commands.js';

/** Result of one exec request on the simulated server. */
export interface SimExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Exit status a shell uses for "command not found". */
export const SIM_NOT_FOUND_EXIT = 127;

/** Message for a command outside the scenario; says plainly that nothing happened. */
export function notInScenarioMessage(cmd: string): string {
  return `ciab-sim: '${cmd}' is not part of this demo scenario; nothing was run.\n`;
}

/** Answers a command the table does not know (the simulated hardware's root commands); deferred. */
export type SimResolver = (part: string) => (() => SimCommandResult) | undefined;

/**
 * Answer a command line: an exact table entry wins; otherwise the line is split at `;` and newlines
 * and every part must be a table entry, a plain `echo`, or known to `resolve`. If any part is
 * unknown, none is "run" (resolved parts change state only when the whole line is known).
 */
export function runSimCommandLine(line: string, table: SimCommandTable, resolve?: SimResolver): SimExecResult {
  const whole = lookup(table, line);
  if (whole) return toExec(whole);

  // Parts are only trimmed: collapsing blanks is for table keys, and would change quoted echo text.
  const parts = line.split(/[;\n]/).map((p) => p.trim()).filter((p) => p !== '');
  const steps: (() => SimCommandResult)[] = [];
  for (const part of parts) {
    const r = lookup(table, part) ?? echo(part);
    const step = r ? () => r : resolve?.(part);
    if (!step) return { stdout: '', stderr: notInScenarioMessage(part), exitCode: SIM_NOT_FOUND_EXIT };
    steps.push(step);
  }
  if (steps.length === 0) return { stdout: '', stderr: '', exitCode: 0 };
  const results = steps.map((run) => run());
  return {
    stdout: results.map((r) => r.stdout).join(''),
    stderr: results.map((r) => r.stderr ?? '').join(''),
    // Like sh: the status of a `;` list is the status of its last command.
    exitCode: results[results.length - 1]?.exitCode ?? 0,
  };
}

function normalize(cmd: string): string {
  return cmd.trim().replace(/\s+/g, ' ');
}

function lookup(table: SimCommandTable, cmd: string): SimCommandResult | undefined {
  const key = normalize(cmd);
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

function toExec(r: SimCommandResult): SimExecResult {
  return { stdout: r.stdout, stderr: r.stderr ?? '', exitCode: r.exitCode ?? 0 };
}

// `echo` with literal words and quotes only: anything needing expansion, pipes or redirection is
// outside the scenario, because pretending to evaluate it would be dishonest.
function echo(cmd: string): SimCommandResult | undefined {
  if (cmd !== 'echo' && !cmd.startsWith('echo ')) return undefined;
  const words = splitWords(cmd.slice(4));
  if (!words) return undefined;
  let newline = true;
  if (words[0] === '-n') {
    newline = false;
    words.shift();
  }
  return { stdout: words.join(' ') + (newline ? '\n' : '') };
}

function splitWords(s: string): string[] | undefined {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === "'" || c === '"') {
      const end = s.indexOf(c, i + 1);
      if (end < 0) return undefined;
      const body = s.slice(i + 1, end);
      if (c === '"' && /[$`\\]/.test(body)) return undefined;
      cur += body;
      inWord = true;
      i = end;
    } else if (c === ' ') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else if (/[$`\\|&<>(){}*?[\]#~]/.test(c)) {
      return undefined;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}
