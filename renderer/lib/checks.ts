// SPDX-License-Identifier: Apache-2.0
// Grouping, ordering, counting and wording of hardware check results. A state is always shown as
// an icon and a word, never as colour alone.
import type { CheckResult, CheckState } from '../../electron/api/contract.js';

/** The word shown for each check state. */
export const CHECK_STATE_WORD: Record<CheckState, string> = {
  pass: 'Pass',
  warn: 'Warning',
  fail: 'Failed',
  error: 'Check error',
  waived: 'Waived',
};

/** The groups of the hardware screen, in the order an operator reads a server's spec sheet. */
export const CHECK_GROUPS = ['CPU', 'Memory', 'Storage', 'Network', 'OS', 'Security & accelerators'] as const;

// The backend's group names (any case, a few synonyms) mapped to the screen's groups.
const GROUP_ALIASES: Record<string, string> = {
  cpu: 'CPU',
  processor: 'CPU',
  memory: 'Memory',
  ram: 'Memory',
  storage: 'Storage',
  disk: 'Storage',
  disks: 'Storage',
  network: 'Network',
  net: 'Network',
  os: 'OS',
  system: 'OS',
  security: 'Security & accelerators',
  accelerators: 'Security & accelerators',
  'security/accelerators': 'Security & accelerators',
  'security & accelerators': 'Security & accelerators',
  'security-accelerators': 'Security & accelerators',
  'security and accelerators': 'Security & accelerators',
};

/** The screen's name for a backend group ("storage" -> "Storage"); unknown groups keep their name. */
export function groupLabel(group: string): string {
  return GROUP_ALIASES[group.trim().toLowerCase()] ?? group;
}

/** Whether a check blocks the install: a failure (or a check that could not run) not waived, unless the backend says it does not block. */
export function isBlocking(c: Pick<CheckResult, 'state' | 'blocking'>): boolean {
  return (c.state === 'fail' || c.state === 'error') && c.blocking !== false;
}

// Within a group: what blocks first, then other failures, warnings, waivers, passes.
function severity(c: CheckResult): number {
  if (isBlocking(c)) return c.state === 'fail' ? 0 : 1;
  return { fail: 2, error: 2, warn: 3, waived: 4, pass: 5 }[c.state];
}

/** Checks grouped by screen group (known groups in CHECK_GROUPS order, others after), worst first within a group. */
export function groupChecks(checks: readonly CheckResult[]): { group: string; checks: CheckResult[] }[] {
  const groups = new Map<string, CheckResult[]>();
  for (const c of checks) {
    const label = groupLabel(c.group);
    const list = groups.get(label) ?? [];
    list.push(c);
    groups.set(label, list);
  }
  const rank = (g: string): number => {
    const i = (CHECK_GROUPS as readonly string[]).indexOf(g);
    return i < 0 ? CHECK_GROUPS.length : i;
  };
  return [...groups.entries()]
    .map(([group, list]) => ({ group, checks: list.map((c, i) => ({ c, i })).sort((a, b) => severity(a.c) - severity(b.c) || a.i - b.i).map((x) => x.c) }))
    .sort((a, b) => rank(a.group) - rank(b.group));
}

/** How many checks are in each state. */
export function countChecks(checks: readonly CheckResult[]): Record<CheckState, number> {
  const counts: Record<CheckState, number> = { pass: 0, warn: 0, fail: 0, error: 0, waived: 0 };
  for (const c of checks) counts[c.state]++;
  return counts;
}

/** "3 failed", "1 could not run", "2 warnings": a count with the state's word, for the summary chips. */
export function countLabel(state: CheckState, n: number): string {
  const words: Record<CheckState, string> = { fail: 'failed', error: 'could not run', warn: n === 1 ? 'warning' : 'warnings', waived: 'waived', pass: 'passed' };
  return `${n} ${words[state]}`;
}

/** One sentence summing up the results ("14 checks: 1 failed, 2 warnings, 11 passed"). */
export function summarizeChecks(checks: readonly CheckResult[]): string {
  const n = countChecks(checks);
  const parts: string[] = [];
  if (n.fail > 0) parts.push(`${n.fail} failed`);
  if (n.error > 0) parts.push(`${n.error} could not run`);
  if (n.warn > 0) parts.push(`${n.warn} warning${n.warn === 1 ? '' : 's'}`);
  if (n.waived > 0) parts.push(`${n.waived} waived`);
  parts.push(`${n.pass} passed`);
  return `${checks.length} check${checks.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/** The tone of the whole result: blocking (red), warn (amber, something to review), pass (green). */
export function overallTone(checks: readonly CheckResult[]): 'blocking' | 'warn' | 'pass' {
  if (checks.some(isBlocking)) return 'blocking';
  if (checks.some((c) => c.state !== 'pass')) return 'warn';
  return 'pass';
}

/** The headline over the checks: the backend's summary when it sent one, else the same wording computed here. */
export function hardwareHeadline(checks: readonly CheckResult[], summary: string | null | undefined): string {
  if (summary) return summary;
  const blocking = checks.filter(isBlocking).length;
  if (blocking > 0) return `${blocking} ${blocking === 1 ? 'failure blocks' : 'failures block'} the install`;
  const review = checks.filter((c) => c.state !== 'pass').length;
  if (review > 0) return `Nothing blocks the install — ${review} ${review === 1 ? 'result' : 'results'} to review`;
  if (checks.length === 0) return 'The probe returned no checks';
  return checks.length === 1 ? 'The 1 check passed' : `All ${checks.length} checks passed`;
}

/**
 * The gist of a profile description for its card: up to the first colon or full stop
 * ("The full Cloud-in-a-Box for developers and demos: OSISM …" -> "The full Cloud-in-a-Box for
 * developers and demos."). The whole text is shown for the chosen profile.
 */
export function profileGist(description: string): string {
  const text = description.trim();
  const end = text.search(/[:.](\s|$)/);
  const gist = (end < 0 ? text : text.slice(0, end)).trim();
  return gist === '' ? '' : `${gist}.`;
}

// A shell command line (or several): starts like `sudo cmd`, `cmd -x` or `cmd arg`, no sentence inside.
const COMMAND_LIKE = /^(sudo\s+)?[a-z][\w.+-]*(\s|$)/;

/**
 * A fix as prose plus the command it ends with: "Add memory. Check with: free -g" ->
 * { text: "Add memory. Check with:", command: "free -g" }. The command is what follows the last
 * colon when it reads like a command line; otherwise command is null and the fix stays whole.
 */
export function splitFix(fix: string): { text: string; command: string | null } {
  const trimmed = fix.trim();
  const colons = [...trimmed.matchAll(/:\s+/g)];
  const last = colons.at(-1);
  if (last?.index === undefined) return { text: trimmed, command: null };
  const command = trimmed.slice(last.index + last[0].length).trim().replace(/\.$/, '');
  // A sentence break or ", " (an enumeration) means prose, not a command line.
  if (!COMMAND_LIKE.test(command) || /[.!?]\s+[A-Z]|,\s/.test(command)) return { text: trimmed, command: null };
  return { text: trimmed.slice(0, last.index + 1), command };
}

/** Whether a check's why/fix details start open: failures not yet waived need the operator now. */
export function needsAttention(state: CheckState): boolean {
  return state === 'fail' || state === 'error';
}

/** Whether a check can be waived: only failures and checks that could not run. */
export function canWaive(state: CheckState): boolean {
  return state === 'fail' || state === 'error';
}

/** The minimum length of a written waiver reason. */
export const MIN_WAIVER_REASON = 10;

/** Whether a waiver reason is long enough once surrounding blanks are trimmed. */
export function isWaiverReasonValid(reason: string): boolean {
  return reason.trim().length >= MIN_WAIVER_REASON;
}

/** Whether `typed` names the disk to wipe exactly: surrounding blanks are ignored, upper and lower case are not. */
export function wipeConfirmMatches(typed: string, disk: string): boolean {
  return disk !== '' && typed.trim() === disk;
}
