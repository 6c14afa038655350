// SPDX-License-Identifier: Apache-2.0
// The journal writer and reader: schema-valid lines, monotonic offsets, redaction of known
// secrets, and tolerance of torn and garbage lines.
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defValidator, schemaRegistry } from '../../../../electron/api/schema-registry.js';
import { JournalWriter } from '../../../../electron/backend/journal/journal-writer.js';
import { parseJournal, readJournal } from '../../../../electron/backend/journal/journal-reader.js';
import { Redactor } from '../../../../electron/backend/journal/redactor.js';
import { tempDataDir } from '../../../helpers/backend-driver.js';

const header = { appVersion: '0.0.0', installId: 'test-1', startedAt: '2026-11-22T00:00:00.000Z', mode: 'install' as const, profile: null, target: { host: 'h', port: 22, username: 'u' } };

describe('install journal', () => {
  it('writes a header and schema-valid events with monotonic offsets', () => {
    let now = 1000;
    const file = path.join(tempDataDir(), 'j', 'a.ndjson');
    const w = JournalWriter.create(file, header, { clock: () => now, flushIntervalMs: 0 });
    w.append({ type: 'transition', from: 'welcome', to: 'target.editing', event: 'START_INSTALL' });
    now += 12.5;
    w.append({ type: 'decision', decision: 'waive', subject: 'os.release', reason: 'lab box' });
    w.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown);
    schemaRegistry();
    const line = defValidator('journal.schema.json', 'JournalHeader');
    expect(line(lines[0]), JSON.stringify(line.errors)).toBe(true);
    const ev = defValidator('journal.schema.json', 'JournalEvent');
    for (const l of lines.slice(1)) expect(ev(l), JSON.stringify(ev.errors)).toBe(true);
    expect(lines.slice(1).map((l) => (l as { t: number }).t)).toEqual([0, 12.5]);
  });

  it('never writes a registered secret, even inside JSON escapes', () => {
    const canary = 'CANARY-"pw"\\-7f3a9';
    const r = new Redactor();
    r.add(canary);
    const file = path.join(tempDataDir(), 'b.ndjson');
    const w = JournalWriter.create(file, header, { redactor: r, flushIntervalMs: 0 });
    w.append({ type: 'log', level: 'error', source: 'ssh', message: `auth failed with password ${canary} for u` });
    w.close();
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('CANARY');
    expect(text).toContain('«redacted»');
  });

  it('scrubs secrets from the JSON text without breaking escapes around them', () => {
    const r = new Redactor();
    for (const s of ['n123', 'u001b', 'p\\ss', 'tab\tx']) r.add(s);
    const value = { a: 'line\n123 and \u001b[0m', b: 'n123 at the start', c: 'a p\\ss b', d: ['tab\tx', { e: '\\n123' }] };
    const json = r.json(value);
    // Valid JSON, the look-alikes inside escapes kept, every real occurrence gone.
    expect(JSON.parse(json)).toEqual({ a: 'line\n123 and \u001b[0m', b: '«redacted» at the start', c: 'a «redacted» b', d: ['«redacted»', { e: '\\«redacted»' }] });
    // The same result as scrubbing every string before serialising.
    const deep = (v: unknown): unknown => (typeof v === 'string' ? r.text(v) : Array.isArray(v) ? v.map(deep) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)])) : v);
    expect(JSON.parse(json)).toEqual(deep(value));
  });

  it('redacts secret-shaped output the app was never told about, and counts it by kind', () => {
    const w = JournalWriter.create(path.join(tempDataDir(), 'p.ndjson'), header, { flushIntervalMs: 0 });
    const leak = 'TASK [debug] ***\nok: [ciab-01] => {"ansible_become_pass": "canary-become-77"}\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA-canary\n'
      + '-----END OPENSSH PRIVATE KEY-----\nAuthorization: Bearer canaryTOKEN12345\n';
    w.append({ type: 'output', key: 'osism-ciab/run-bootstrap', attempt: 1, offset: 0, data: leak });
    w.close();
    const text = readFileSync(w.file, 'utf8');
    expect(text).not.toMatch(/canary/i);
    expect(w.redactions()).toEqual({ 'password-field': 1, 'private-key': 1, 'bearer-token': 1 });
  });

  it('reads past a torn last line and garbage lines with warnings', () => {
    const file = path.join(tempDataDir(), 'c.ndjson');
    const w = JournalWriter.create(file, header, { flushIntervalMs: 0 });
    w.append({ type: 'marker', label: 'one', kind: 'note' });
    w.close();
    appendFileSync(file, 'garbage here\n{"t":5,"type":"marker","label":"two"}\n{"t":6,"type":"mar');
    const j = readJournal(file);
    expect(j.events.map((e) => (e as { label?: string }).label)).toEqual(['one', 'two']);
    expect(j.warnings).toEqual([expect.stringMatching(/line 3 is not JSON/), expect.stringMatching(/line 5 is incomplete/)]);
  });

  it('explains a file that is not a journal or of another version', () => {
    expect(() => parseJournal('{"hello":1}\n', 'x.ndjson')).toThrow('x.ndjson: line 1 is not a CiaB install journal header');
    expect(() => parseJournal('{"format":"ciab-install-journal","version":9}\n', 'x')).toThrow(/version 9 is not supported/);
    expect(() => parseJournal('', 'x')).toThrow(/empty journal/);
  });

  it('continues offsets after a reopen (resume after a restart)', () => {
    const file = path.join(tempDataDir(), 'd.ndjson');
    JournalWriter.create(file, header, { flushIntervalMs: 0 }).close();
    appendFileSync(file, '{"t":100,"type":"marker","label":"x"}\n{"t":101,"ty');
    const w = JournalWriter.reopen(file, { resumeOffsetMs: 100, flushIntervalMs: 0 });
    w.append({ type: 'marker', label: 'resumed', kind: 'resume' });
    w.close();
    const j = readJournal(file);
    expect(j.events.at(-1)).toMatchObject({ label: 'resumed' });
    expect(j.events.at(-1)!.t).toBeGreaterThanOrEqual(100);
  });
});
