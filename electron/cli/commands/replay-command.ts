// SPDX-License-Identifier: Apache-2.0
// `ciab replay <journal or support bundle>`: the summary support staff read first (default), a search across the whole
// run (--grep), an asciicast export for asciinema (--asciicast), or the output played back in this
// terminal (--speed N, idle gaps capped), optionally from a point in time (--from).
import { writeFile } from 'node:fs/promises';
import { stripAnsi } from '../../backend/deploy/step-failure.js';
import { parseJournal, readJournal, type JournalContents } from '../../backend/journal/journal-reader.js';
import { isGzip, journalFromBundle } from '../../backend/replay/support-bundle.js';
import { journalToAsciicast } from '../../backend/replay/asciicast.js';
import { clock, summarizeJournal } from '../../backend/replay/journal-summary.js';
import { EXIT, type Output } from '../cli-output.js';

export interface ReplayOptions {
  file: string;
  grep?: string | undefined;
  asciicast?: string | undefined;
  /** Play the output at this speed (1–1000); omitted: print the summary. */
  speed?: string | undefined;
  /** Start at this journal time: seconds, m:ss or h:mm:ss. */
  from?: string | undefined;
}

// Longest pause when playing back, before the speed factor: hours of waiting on a container are dull.
const MAX_GAP_MS = 2000;

/** Runs `ciab replay`; resolves with the exit code. */
export async function replayCommand(opts: ReplayOptions, out: Output): Promise<number> {
  const from = opts.from === undefined ? 0 : parseTime(opts.from);
  if (from === null) {
    out.error(`--from must be seconds, m:ss or h:mm:ss, not ${JSON.stringify(opts.from)}`);
    return EXIT.usage;
  }
  const speed = opts.speed === undefined ? null : Number(opts.speed);
  if (speed !== null && !(speed >= 1 && speed <= 1000)) {
    out.error(`--speed must be a number from 1 to 1000, not ${JSON.stringify(opts.speed)}`);
    return EXIT.usage;
  }
  let re: RegExp | null = null;
  if (opts.grep !== undefined) {
    try {
      re = new RegExp(opts.grep, 'i');
    } catch (err) {
      out.error(`--grep: not a regular expression: ${(err as Error).message}`);
      return EXIT.usage;
    }
  }
  let j: JournalContents;
  try {
    // A support bundle replays like its journal.
    j = isGzip(opts.file) ? parseJournal(await journalFromBundle(opts.file), `${opts.file}:journal.ndjson`) : readJournal(opts.file);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    out.error(e.code === 'ENOENT' ? `${opts.file}: no such file` : e.message, 'give the path of an install journal (<data dir>/journals/*.ndjson)');
    return EXIT.failed;
  }
  for (const w of j.warnings) {
    if (out.json) out.record({ event: 'warning', message: w });
    else out.info(out.dim(`warning: ${w}`));
  }
  if (opts.asciicast !== undefined) {
    const cast = journalToAsciicast(j);
    await writeFile(opts.asciicast, cast);
    const n = cast.split('\n').length - 2;
    if (out.json) out.record({ event: 'asciicast', file: opts.asciicast, events: n });
    else out.info(`Wrote ${opts.asciicast} (${n} events): play it with \`asciinema play ${opts.asciicast}\``);
    return EXIT.ok;
  }
  if (re) return grep(j, re, from, out);
  if (speed !== null) return play(j, speed, from);
  printSummary(j, out);
  return EXIT.ok;
}

/** Seconds, m:ss or h:mm:ss as milliseconds, or null. */
export function parseTime(text: string): number | null {
  if (!/^\d+(?::\d{1,2}){0,2}(?:\.\d+)?$/.test(text)) return null;
  return text.split(':').reduce((acc, part) => acc * 60 + Number(part), 0) * 1000;
}

function printSummary(j: JournalContents, out: Output): void {
  const s = summarizeJournal(j);
  if (out.json) {
    out.record({ event: 'summary', ...s });
    return;
  }
  const outcome = s.outcome === 'finished' ? out.green('finished') : s.outcome === 'failed' ? out.red('FAILED') : 'did not finish';
  out.info(out.bold(`${s.mode === 'demo' ? 'Demo install' : 'Install'} ${s.installId}: ${outcome} after ${clock(s.durationMs)}`));
  out.info(`started ${s.startedAt}${s.target ? ` on ${s.target}` : ''}${s.reattaches ? `; re-attached ${s.reattaches}× after dropped connections` : ''}`);
  for (const p of s.phases) {
    const done = p.steps.filter((x) => x.status === 'done' || x.status === 'already-done' || x.status === 'skipped').length;
    out.info(`  ${p.id.padEnd(16)} ${String(done).padStart(3)}/${p.steps.length} steps  ${clock(p.durationMs).padStart(8)}`);
    for (const x of p.steps) {
      if (x.status === 'done' && x.attempts <= 1) continue;
      out.info(out.dim(`    ${x.key}: ${x.status}${x.attempts > 1 ? `, ${x.attempts} attempts` : ''}${x.durationMs !== null ? `, ${clock(x.durationMs)}` : ''}`));
    }
  }
  for (const f of s.failures) {
    out.info(out.red(`✗ ${f.key} failed${f.exitCode !== null ? ` with exit code ${f.exitCode}` : ''} (attempt ${f.attempts}, at ${clock(f.startedAt)})`));
    for (const l of f.lastLines) out.info(out.dim(`  | ${l}`));
  }
  for (const d of s.decisions) out.info(`decision at ${clock(d.t)}: ${d.decision} ${d.subject}${d.reason ? ` — “${d.reason}”` : ''}`);
  for (const c of s.checks) out.info(`check ${c.id}: ${c.state} (${c.found})`);
}

// Every output line (ANSI stripped) and every log, error and decision text matching `re`, with its time.
function grep(j: JournalContents, re: RegExp, from: number, out: Output): number {
  const partial = new Map<string, { text: string; t: number }>();
  let hits = 0;
  const hit = (t: number, where: string, line: string) => {
    if (t < from || !re.test(line)) return;
    hits++;
    if (out.json) out.record({ event: 'match', t, where, line });
    else out.info(`${out.dim(`[${clock(t)}]`)} ${where}: ${line}`);
  };
  for (const ev of j.events) {
    if (ev.type === 'output') {
      const id = `${ev.key}#${ev.attempt}`;
      const lines = ((partial.get(id)?.text ?? '') + ev.data).split('\n');
      partial.set(id, { text: lines.pop() ?? '', t: ev.t });
      for (const l of lines) hit(ev.t, id, stripAnsi(l).replace(/\r$/, ''));
    } else if (ev.type === 'log') hit(ev.t, `log ${ev.source}`, ev.message);
    else if (ev.type === 'error') hit(ev.t, `error ${ev.step}`, `${ev.title}: ${ev.message}`);
    else if (ev.type === 'decision') hit(ev.t, `decision ${ev.decision}`, `${ev.subject} ${ev.reason ?? ''}`);
  }
  // A last line without its newline (the step was cut off) counts too.
  for (const [id, rest] of partial) if (rest.text) hit(rest.t, id, stripAnsi(rest.text));
  if (!out.json) out.info(out.dim(`${hits} match${hits === 1 ? '' : 'es'}`));
  return hits > 0 ? EXIT.ok : EXIT.failed;
}

// The output as it came, paced by the journal's clock divided by `speed`.
async function play(j: JournalContents, speed: number, from: number): Promise<number> {
  let prev: number | null = null;
  for (const ev of j.events) {
    if (ev.t < from) continue;
    if (ev.type === 'step' && ev.status === 'running') process.stdout.write(`\n\x1b[1;36m── ${ev.key}${ev.attempt > 1 ? ` (attempt ${ev.attempt})` : ''} ──\x1b[0m\n`);
    if (ev.type !== 'output') continue;
    if (prev !== null) await new Promise((r) => setTimeout(r, Math.min(ev.t - prev!, MAX_GAP_MS) / speed));
    prev = ev.t;
    if (!process.stdout.write(ev.data)) await new Promise((r) => process.stdout.once('drain', r));
  }
  return EXIT.ok;
}
