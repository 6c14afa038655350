// SPDX-License-Identifier: Apache-2.0
// Broken journals never crash the reader or what is built on it: truncations at every kind of place,
// torn and garbage lines, events that break the schema, a wrong version, a 100 MB line, and 2000
// seeded random mutations. Each gives a clear message or warnings, and what is readable still reads.
import { describe, expect, it } from 'vitest';
import { parseJournal } from '../../../../electron/backend/journal/journal-reader.js';
import { journalToAsciicast } from '../../../../electron/backend/replay/asciicast.js';
import { summarizeJournal } from '../../../../electron/backend/replay/journal-summary.js';
import { mulberry32 } from '../../../../electron/backend/sim/seeded-random.js';

const HEADER = { format: 'ciab-install-journal', version: 1, appVersion: '0.1.0', installId: 'lab-1', startedAt: '2026-11-22T10:00:00.000Z', mode: 'install', profile: null, target: null };
const EVENTS = [
  { t: 1, type: 'transition', from: 'idle', to: 'target', event: 'START' },
  { t: 2, type: 'check', id: 'cpu.cores', state: 'fail', required: '8', found: '4' },
  { t: 3, type: 'decision', decision: 'waive', subject: 'cpu.cores', reason: 'lab box' },
  { t: 4, type: 'step', key: 'osism-ciab/bootstrap', status: 'running', attempt: 1 },
  { t: 5, type: 'output', key: 'osism-ciab/bootstrap', attempt: 1, offset: 0, data: 'PLAY [x] ***\n\x1b[0;31mfatal: [h]: FAILED!\x1b[0m\n' },
  { t: 6, type: 'reattach', key: 'osism-ciab/bootstrap', attempt: 1, offset: 40, drops: 1 },
  { t: 7, type: 'step', key: 'osism-ciab/bootstrap', status: 'failed', attempt: 1, exitCode: 2 },
  { t: 8, type: 'log', level: 'error', source: 'deploy', message: 'step failed' },
  { t: 9, type: 'marker', label: 'the end', kind: 'end' },
];
const GOOD = [HEADER, ...EVENTS].map((e) => JSON.stringify(e)).join('\n') + '\n';

// Everything a viewer does with a journal; must not throw for anything parseJournal accepted.
function useAll(text: string): { ok: boolean; message?: string; events?: number; warnings?: number } {
  let j;
  try {
    j = parseJournal(text, 'j.ndjson');
  } catch (err) {
    const message = (err as Error).message;
    // Only the header may stop a read, and the message says which file and line.
    expect(message).toMatch(/^j\.ndjson: /);
    return { ok: false, message };
  }
  summarizeJournal(j);
  journalToAsciicast(j);
  return { ok: true, events: j.events.length, warnings: j.warnings.length };
}

describe('journal robustness', () => {
  it('reads the intact journal without warnings', () => {
    expect(useAll(GOOD)).toEqual({ ok: true, events: EVENTS.length, warnings: 0 });
  });

  it('survives a cut at every byte: the header cut is named, later cuts lose at most the torn line', () => {
    const headerLen = GOOD.indexOf('\n');
    for (let n = 0; n <= GOOD.length; n++) {
      const r = useAll(GOOD.slice(0, n));
      // Every event line complete before the cut is read (the header line alone, uncut, is a journal).
      if (n < headerLen) expect(r.ok, `cut at ${n}`).toBe(false);
      else expect(r.events, `cut at ${n}`).toBeGreaterThanOrEqual(Math.max(0, GOOD.slice(0, n).split('\n').length - 2));
    }
  });

  it('skips garbage lines and events that break the schema, naming line and field', () => {
    const lines = GOOD.trimEnd().split('\n');
    lines.splice(3, 0, 'not json at all', '{"t": "soon", "type": "log"}', '{"t": 3.5, "type": "step", "key": "x", "status": "exploded", "attempt": 1}', '[1,2,3]', 'null');
    const j = parseJournal(lines.join('\n') + '\n', 'j.ndjson');
    expect(j.events).toHaveLength(EVENTS.length);
    expect(j.warnings).toHaveLength(5);
    expect(j.warnings[0]).toBe('j.ndjson: line 4 is not JSON; skipped');
    expect(j.warnings[2]).toMatch(/^j\.ndjson: line 6 is not a valid journal event \(event.*\); skipped$/);
  });

  it('names a wrong version, a missing header and a header that breaks the schema', () => {
    expect(useAll(GOOD.replace('"version":1', '"version":7')).message).toContain('journal format version 7 is not supported');
    expect(useAll(EVENTS.map((e) => JSON.stringify(e)).join('\n')).message).toContain('line 1 is not a CiaB install journal header');
    expect(useAll(GOOD.replace('"mode":"install"', '"mode":"party"')).message).toMatch(/line 1, the journal header: .*mode/);
    expect(useAll('').message).toContain('empty journal');
  });

  it('reads a 100 MB output line', () => {
    const big = JSON.stringify({ t: 10, type: 'output', key: 'osism-ciab/bootstrap', attempt: 1, offset: 40, data: 'x'.repeat(100 * 1024 * 1024) });
    const r = useAll(`${GOOD}${big}\n`);
    expect(r).toEqual({ ok: true, events: EVENTS.length + 1, warnings: 0 });
  });

  it('never throws on 2000 random mutations (seeded)', () => {
    const seed = Number(process.env.CIAB_FUZZ_SEED ?? 4242);
    const rand = mulberry32(seed);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
    const chars = ['{', '}', '"', '\n', ':', ',', '\\', '0', 'x', '\u0000', '\u2028', 'é'];
    for (let i = 0; i < 2000; i++) {
      let text = GOOD;
      for (let k = 1 + Math.floor(rand() * 4); k > 0; k--) {
        const at = Math.floor(rand() * text.length);
        const kind = pick(['flip', 'insert', 'delete', 'dupline', 'swapfield']);
        if (kind === 'flip') text = text.slice(0, at) + pick(chars) + text.slice(at + 1);
        else if (kind === 'insert') text = text.slice(0, at) + pick(chars).repeat(1 + Math.floor(rand() * 3)) + text.slice(at);
        else if (kind === 'delete') text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 20));
        else if (kind === 'dupline') {
          const lines = text.split('\n');
          lines.splice(Math.floor(rand() * lines.length), 0, pick(lines));
          text = lines.join('\n');
        } else text = text.replace(pick(['"t":', '"key":', '"attempt":', '"data":', '"status":']), pick(['"t":null,"x":', '"key":{},"y":', '"attempt":"2","z":', '']));
      }
      expect(() => useAll(text), `seed ${seed}, mutation ${i}`).not.toThrow();
    }
  });
});
