// SPDX-License-Identifier: Apache-2.0
// `ciab support-bundle` from the demo install's journal and data dir, checked with the real tools:
// `tar` lists and extracts it, `sha256sum` confirms its manifest, no value of the site's secret store
// and no vault payload is inside, a secret planted in the journal is scrubbed and counted, and the
// bundle replays exactly like the journal. A .tar.gz that is not a bundle is named as such.
import { execFile } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

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

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('ciab support-bundle', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ciab-support-'));
  const dataDir = path.join(dir, 'data');
  const canary = 'ciab-canary-planted-4411';
  let journal = '';
  let bundle = '';
  let root = '';

  beforeAll(async () => {
    const r = await ciab(['demo', '--data-dir', dataDir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    journal = (JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { journal: string }).journal;
    // A line an older writer might have let through: the bundle must scrub it itself.
    appendFileSync(journal, `${JSON.stringify({ t: 99_999, type: 'log', level: 'info', source: 'legacy', message: `db_password: ${canary}` })}\n`);
    bundle = path.join(dir, 'support.tar.gz');
    const b = await ciab(['support-bundle', journal, '-o', bundle, '--json']);
    expect(b.code, b.stderr).toBe(0);
    const out = path.join(dir, 'x');
    mkdirSync(out);
    await run('tar', ['-xzf', bundle, '-C', out]);
    root = path.join(out, readdirSync(out)[0]!);
  }, 120_000);

  it('holds the journal, snapshot, hardware report, plan, configuration, versions and reports, all in its manifest', async () => {
    const listed = (await run('tar', ['-tzf', bundle])).stdout.split('\n').filter((l) => l && !l.endsWith('/')).map((l) => l.split('/').slice(1).join('/'));
    for (const f of ['journal.ndjson', 'workflow.json', 'hardware-report.json', 'plan.json', 'versions.json', 'redactions.json', 'manifest.json']) expect(listed).toContain(f);
    expect(listed.filter((f) => f.startsWith('config/')).length).toBeGreaterThan(10);
    const manifest = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8')) as { format: string; files: { path: string; size: number; sha256: string }[]; missing: string[] };
    expect(manifest.format).toBe('ciab-support-bundle');
    expect(manifest.missing).toEqual([]);
    expect(manifest.files.map((f) => f.path).sort()).toEqual(listed.filter((f) => f !== 'manifest.json').sort());
    const sums = (await run('sha256sum', manifest.files.map((f) => f.path), { cwd: root, maxBuffer: 16 << 20 })).stdout.trim().split('\n').map((l) => l.split(/\s+/));
    expect(Object.fromEntries(sums.map(([h, p]) => [p, h]))).toEqual(Object.fromEntries(manifest.files.map((f) => [f.path, f.sha256])));
  });

  it('has no secret: nothing of the secret store, no vault payload, the planted one scrubbed and counted', () => {
    const store = JSON.parse(readFileSync(path.join(dataDir, 'site-secrets', readdirSync(path.join(dataDir, 'site-secrets'))[0]!), 'utf8')) as { vaultPassword: string; secrets: Record<string, unknown> };
    const values: string[] = [store.vaultPassword];
    const collect = (v: unknown): void => {
      if (typeof v === 'string' && v.length >= 8 && !/^ssh-ed25519 AAAA/.test(v)) values.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(collect);
    };
    collect(store.secrets);
    expect(values.length).toBeGreaterThan(5);
    const files = walk(root);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const v of values) expect(text.includes(v), `${f} holds a stored secret`).toBe(false);
      expect(text, f).not.toContain(canary);
      // A vault payload is its marker line and hex lines: only the marker may remain.
      expect(text, f).not.toMatch(/\$ANSIBLE_VAULT;[^\n]*\n[ \t]*[0-9a-f]{20,}/);
    }
    expect(files.some((f) => readFileSync(f, 'utf8').includes('«vault payload removed»'))).toBe(true);
    const report = JSON.parse(readFileSync(path.join(root, 'redactions.json'), 'utf8')) as { counts: Record<string, number> };
    expect(report.counts['password-field']).toBeGreaterThanOrEqual(1);
  });

  it('replays exactly like its journal; a .tar.gz that is not a bundle is named', async () => {
    const a = await ciab(['replay', journal, '--json']);
    const b = await ciab(['replay', bundle, '--json']);
    expect(b.code, b.stderr).toBe(0);
    const summary = (s: string) => JSON.parse(s.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(summary(b.stdout)).toEqual(summary(a.stdout));
    const other = path.join(dir, 'other.tar.gz');
    writeFileSync(path.join(dir, 'hello.txt'), 'hello\n');
    await run('tar', ['-czf', other, '-C', dir, 'hello.txt']);
    const r = await ciab(['replay', other]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is a .tar.gz but not a CiaB support bundle');
  });
});
