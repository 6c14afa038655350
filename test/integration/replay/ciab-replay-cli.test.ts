// SPDX-License-Identifier: Apache-2.0
// `ciab replay` on real journals: the demo install's (the built CLI writes it), and a failed install
// written with the journal writer. The summary, --grep and the asciicast export (played back by the
// real `asciinema cat`, under `script` for the terminal it wants) are checked against the journal itself.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { readJournal } from '../../../electron/backend/journal/journal-reader.js';
import { JournalWriter } from '../../../electron/backend/journal/journal-writer.js';

const run = promisify(execFile);
async function ciab(args: string[]) {
  try {
    const r = await run(process.execPath, [path.resolve('bin/ciab.mjs'), ...args], { timeout: 120_000, maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('ciab replay', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ciab-replay-'));
  let journal = '';

  beforeAll(async () => {
    const r = await ciab(['demo', '--data-dir', path.join(dir, 'data'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    journal = (JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { journal: string }).journal;
  }, 120_000);

  it('summarises the demo install: finished, every step of the journal in its phase', async () => {
    const r = await ciab(['replay', journal, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { outcome: string; mode: string; phases: { id: string; steps: { key: string; status: string }[] }[] };
    expect(s).toMatchObject({ outcome: 'finished', mode: 'demo' });
    const keys = new Set(readJournal(journal).events.flatMap((e) => (e.type === 'step' ? [e.key] : [])));
    expect(s.phases.flatMap((p) => p.steps.map((x) => x.key)).sort()).toEqual([...keys].sort());
    expect(s.phases.map((p) => p.id)).toEqual(expect.arrayContaining(['airgap-prepare', 'osism-ciab']));
    const text = await ciab(['replay', journal]);
    expect(text.stdout).toMatch(/^Demo install \S+: finished after \d+:\d\d/);
  });

  it('finds every matching output line with its step, and says so when nothing matches', async () => {
    const expected = readJournal(journal).events.flatMap((e) => (e.type === 'output' ? [e.data] : [])).join('').split('\n').filter((l) => l.includes('PLAY RECAP')).length;
    expect(expected).toBeGreaterThan(10);
    const r = await ciab(['replay', journal, '--grep', 'play recap', '--json']);
    expect(r.code).toBe(0);
    const hits = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string; where: string; line: string }).filter((h) => h.event === 'match');
    expect(hits).toHaveLength(expected);
    expect(hits[0]!.where).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+#\d+$/);
    expect((await ciab(['replay', journal, '--grep', 'no such line anywhere'])).code).toBe(1);
    const bad = await ciab(['replay', journal, '--grep', '(unclosed']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--grep');
  });

  it('exports an asciicast that asciinema plays back with every step\'s output', async () => {
    const cast = path.join(dir, 'demo.cast');
    const r = await ciab(['replay', journal, '--asciicast', cast]);
    expect(r.code, r.stderr).toBe(0);
    const header = JSON.parse(readFileSync(cast, 'utf8').split('\n')[0]!) as { version: number; width: number };
    expect(header).toMatchObject({ version: 2, width: 120 });
    const played = await run('script', ['-qec', `asciinema cat ${cast}`, '/dev/null'], { maxBuffer: 64 << 20 });
    const screen = played.stdout.replace(/\r/g, '');
    const j = readJournal(journal);
    const byStep = new Map<string, string>();
    for (const e of j.events) if (e.type === 'output') byStep.set(e.key, (byStep.get(e.key) ?? '') + e.data);
    expect(byStep.size).toBeGreaterThan(20);
    for (const [key, text] of byStep) expect(screen.includes(text.replace(/\r/g, '')), key).toBe(true);
  }, 60_000);

  it('tells the failed step, its exit code, last lines and the decision taken', async () => {
    const file = path.join(dir, 'failed.ndjson');
    const w = JournalWriter.create(file, { appVersion: 'test', installId: 'lab-1-failed', startedAt: '2026-11-22T10:00:00.000Z', mode: 'install', profile: null, target: { host: '10.0.0.5', port: 22, username: 'ubuntu' } }, { flushIntervalMs: 0, clock: (() => { let t = 0; return () => (t += 1500); })() });
    w.append({ type: 'step', key: 'osism-ciab/deploy-ceph', status: 'running', attempt: 1 });
    w.append({ type: 'output', key: 'osism-ciab/deploy-ceph', attempt: 1, offset: 0, data: 'TASK [ceph-osd : create osds] ***\n\x1b[0;31mfatal: [ciab-01]: FAILED! => {"msg": "Device /dev/sdb has a filesystem"}\x1b[0m\n' });
    w.append({ type: 'step', key: 'osism-ciab/deploy-ceph', status: 'failed', attempt: 1, exitCode: 2 });
    w.append({ type: 'decision', decision: 'abort', subject: 'osism-ciab/deploy-ceph', reason: 'disk needs wiping first' });
    w.close();
    // A torn last line, as after a crash mid-write: reported, the rest still read.
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"t": 9999, "type": "outp`);
    const r = await ciab(['replay', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Install lab-1-failed: FAILED after');
    expect(r.stdout).toContain('on ubuntu@10.0.0.5:22');
    expect(r.stdout).toContain('✗ osism-ciab/deploy-ceph failed with exit code 2');
    expect(r.stdout).toContain('| fatal: [ciab-01]: FAILED! => {"msg": "Device /dev/sdb has a filesystem"}');
    expect(r.stdout).toContain('decision at 0:06: abort osism-ciab/deploy-ceph — “disk needs wiping first”');
    expect(r.stdout).toMatch(/warning: .*line 6 is incomplete/);
  });

  it('plays the output back here, fast, from a point in time', async () => {
    const j = readJournal(journal);
    const outputs = j.events.filter((e) => e.type === 'output');
    const mid = outputs[Math.floor(outputs.length / 2)]!;
    const r = await ciab(['replay', journal, '--speed', '1000', '--from', String(mid.t / 1000)]);
    expect(r.code, r.stderr).toBe(0);
    const expected = outputs.filter((e) => e.t >= mid.t).map((e) => (e.type === 'output' ? e.data : '')).join('');
    // Exactly everything from that point on, in order, with the step banners in between.
    const banner = new RegExp(`\n${String.fromCharCode(27)}\\[1;36m── [^\n]*${String.fromCharCode(27)}\\[0m\n`, 'g');
    expect(r.stdout.replace(banner, '')).toBe(expected);
  });

  it('refuses what is not a journal with a clear message', async () => {
    const notJournal = path.join(dir, 'notes.txt');
    writeFileSync(notJournal, 'hello\n');
    const r = await ciab(['replay', notJournal]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not a CiaB install journal header');
    expect((await ciab(['replay', path.join(dir, 'missing.ndjson')])).stderr).toContain('no such file');
    expect((await ciab(['replay', journal, '--speed', '0'])).code).toBe(2);
  });
});
