// SPDX-License-Identifier: Apache-2.0
// What the operator sees when a step fails: the last lines of its output (ANSI removed), the exit code
// or timeout, and the hints whose pattern matches (the step's own first, then the general ones).
import type { DeployFailure, DeployHint } from '../../api/contract.js';
import type { Hint } from './load-playbook.js';
import type { PlanStep } from './resolve-plan.js';

/** Lines of output shown with a failure. */
export const FAILURE_LINES = 50;

// CSI and OSC sequences, and the odd bare escape, as Ansible and the osism CLI print them.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/** Text without terminal escape sequences (and without carriage-return overdraws). */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '').replace(/[^\n]*\r(?!\n)/g, '');
}

/** Keeps the last bytes of a step's output, enough for FAILURE_LINES lines of any sensible width. */
export class OutputTail {
  private text = '';
  constructor(private readonly maxChars = 64 * 1024) {}

  /** Adds decoded output. */
  push(text: string): void {
    this.text += text;
    if (this.text.length > this.maxChars * 2) this.text = this.text.slice(-this.maxChars);
  }

  /** The last `n` lines, ANSI removed, without a trailing empty line. */
  lines(n = FAILURE_LINES): string[] {
    const all = stripAnsi(this.text.slice(-this.maxChars)).split('\n');
    if (all.at(-1) === '') all.pop();
    return all.slice(-n);
  }
}

/** The hints of `step` whose pattern matches a line of `lines`, step-specific hints first. */
export function matchHints(step: Pick<PlanStep, 'hints'>, hints: readonly Hint[], lines: readonly string[], timedOut: boolean): DeployHint[] {
  const byId = new Map(hints.map((h) => [h.id, h]));
  const found: DeployHint[] = [];
  for (const id of step.hints) {
    const h = byId.get(id);
    if (!h) continue;
    const re = new RegExp(h.pattern, h.flags ?? '');
    if (lines.some((l) => re.test(l))) found.push({ id: h.id, title: h.title, advice: h.advice });
  }
  if (timedOut) {
    found.push({ id: 'step-timeout', title: 'The step ran out of time', advice: 'The step ran longer than its timeout and its processes were stopped. Look at the last lines for what it was waiting for (a download that cannot work offline, a service that does not come up), fix that, then retry.' });
  }
  return found;
}

/** The failure record of a finished attempt that did not succeed. */
export function stepFailure(
  step: PlanStep,
  attempt: number,
  outcome: { state: string; exitCode: number | null; timedOut: boolean },
  tail: OutputTail,
  hints: readonly Hint[],
  stopped = false,
): DeployFailure {
  const lastLines = tail.lines();
  const message = stopped
    ? `Stopped by the operator (attempt ${attempt}).`
    : outcome.timedOut
      ? `Timed out after ${step.timeout} s (attempt ${attempt}); its process group was stopped on the server.`
      : outcome.state === 'lost'
        ? `Its process vanished on the server without an exit status (attempt ${attempt}): the server rebooted, or something killed it.`
        : `Exited with code ${outcome.exitCode ?? '?'} (attempt ${attempt}).`;
  return {
    key: step.key,
    title: step.title,
    command: step.command,
    attempt,
    exitCode: outcome.exitCode,
    timedOut: outcome.timedOut,
    message,
    lastLines,
    hints: matchHints(step, hints, tail.lines(Number.MAX_SAFE_INTEGER), outcome.timedOut),
  };
}
