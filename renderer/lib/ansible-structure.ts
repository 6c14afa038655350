// SPDX-License-Identifier: Apache-2.0
// An incremental parser for Ansible's default output: PLAY / TASK headers, per-host results,
// PLAY RECAP counts and everything else as plain lines. Chunks may split lines (and escapes) anywhere.

/** How a host's task ended, as Ansible prints it. */
export type ResultStatus = 'ok' | 'changed' | 'skipping' | 'failed' | 'fatal' | 'unreachable' | 'included' | 'ignored';

/** One PLAY RECAP line. */
export interface RecapCounts {
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
  skipped: number;
  rescued: number;
  ignored: number;
}

/** One line of output, classified. `n` is its 0-based line number in the step attempt. */
export type AnsibleItem =
  | { n: number; kind: 'play'; name: string; text: string }
  | { n: number; kind: 'task'; name: string; handler: boolean; text: string }
  | { n: number; kind: 'result'; status: ResultStatus; host: string; task: string | null; text: string }
  | { n: number; kind: 'recap-header'; text: string }
  | { n: number; kind: 'recap'; host: string; counts: RecapCounts; text: string }
  /** `detail`: a continuation of a failure (the indented JSON / YAML after `FAILED! =>`). */
  | { n: number; kind: 'plain'; detail: boolean; text: string };

/** Totals over what was parsed so far. */
export interface AnsibleSummary {
  plays: number;
  tasks: number;
  ok: number;
  changed: number;
  skipped: number;
  failed: number;
  unreachable: number;
}

// CSI, OSC (BEL or ST terminated) and two-byte escapes.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
const PLAY = /^PLAY \[(.*)\]\s*\**\s*$/;
const RECAP_HEADER = /^PLAY RECAP\s*\**\s*$/;
const TASK = /^(TASK|RUNNING HANDLER) \[(.*)\]\s*\**\s*$/;
const RESULT = /^(ok|changed|skipping|failed|fatal|included|ignored): \[([^\]]+)\]/;
const RECAP = /^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)(?:\s+skipped=(\d+))?(?:\s+rescued=(\d+))?(?:\s+ignored=(\d+))?/;

/** Removes ANSI escape sequences and other control characters except tab. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(ANSI, '').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}

/** Parses Ansible output fed in arbitrary chunks; `items` grows as complete lines arrive. */
export class AnsibleParser {
  readonly items: AnsibleItem[] = [];
  readonly summary: AnsibleSummary = { plays: 0, tasks: 0, ok: 0, changed: 0, skipped: 0, failed: 0, unreachable: 0 };
  private partial = '';
  private lines = 0;
  private task: string | null = null;
  private inFailure = false;

  /** Feeds the next chunk of raw output (ANSI colours included). */
  push(chunk: string): void {
    const text = this.partial + chunk;
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const raw of parts) this.line(raw);
  }

  /** Parses the last line even without its newline (the step ended). */
  end(): void {
    if (this.partial !== '') this.line(this.partial);
    this.partial = '';
  }

  /** The unfinished last line as a plain item, for showing output that is still arriving. */
  pendingLine(): AnsibleItem | null {
    const text = visible(this.partial);
    return text === '' ? null : { n: this.lines, kind: 'plain', detail: false, text };
  }

  private line(raw: string): void {
    const item = this.classify(visible(raw), this.lines++);
    this.items.push(item);
  }

  private classify(text: string, n: number): AnsibleItem {
    let m: RegExpExecArray | null;
    if (RECAP_HEADER.test(text)) {
      this.inFailure = false;
      return { n, kind: 'recap-header', text };
    }
    if ((m = PLAY.exec(text))) {
      this.summary.plays++;
      this.task = null;
      this.inFailure = false;
      return { n, kind: 'play', name: m[1]!, text };
    }
    if ((m = TASK.exec(text))) {
      this.summary.tasks++;
      this.task = m[2]!;
      this.inFailure = false;
      return { n, kind: 'task', name: m[2]!, handler: m[1] === 'RUNNING HANDLER', text };
    }
    if ((m = RESULT.exec(text))) {
      const status = resultStatus(m[1] as ResultStatus, text);
      this.count(status);
      this.inFailure = status === 'fatal' || status === 'failed' || status === 'unreachable';
      return { n, kind: 'result', status, host: m[2]!, task: this.task, text };
    }
    if ((m = RECAP.exec(text))) {
      const num = (i: number): number => Number(m![i] ?? 0);
      this.inFailure = false;
      return { n, kind: 'recap', host: m[1]!, counts: { ok: num(2), changed: num(3), unreachable: num(4), failed: num(5), skipped: num(6), rescued: num(7), ignored: num(8) }, text };
    }
    // The JSON or YAML after "FAILED! =>" continues until a blank line or the next header.
    if (text.trim() === '') this.inFailure = false;
    return { n, kind: 'plain', detail: this.inFailure, text };
  }

  private count(status: ResultStatus): void {
    const s = this.summary;
    if (status === 'ok') s.ok++;
    else if (status === 'changed') s.changed++;
    else if (status === 'skipping') s.skipped++;
    else if (status === 'unreachable') s.unreachable++;
    else if (status === 'fatal' || status === 'failed') s.failed++;
  }
}

// A carriage return without a newline redraws the line: only the text after the last one shows.
function visible(raw: string): string {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  const cr = line.lastIndexOf('\r');
  return stripAnsi(cr >= 0 ? line.slice(cr + 1) : line);
}

function resultStatus(word: ResultStatus, text: string): ResultStatus {
  if (word === 'fatal' && /\]: UNREACHABLE!/.test(text)) return 'unreachable';
  if ((word === 'fatal' || word === 'failed') && /\.\.\.ignoring\s*$/.test(text)) return 'ignored';
  return word;
}

/** Whether an item belongs to a failure (for highlighting and the "failures only" filter). */
export function isFailure(item: AnsibleItem): boolean {
  if (item.kind === 'result') return item.status === 'fatal' || item.status === 'failed' || item.status === 'unreachable';
  if (item.kind === 'recap') return item.counts.failed > 0 || item.counts.unreachable > 0;
  return item.kind === 'plain' && item.detail;
}
