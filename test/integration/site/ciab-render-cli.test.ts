// SPDX-License-Identifier: Apache-2.0
// `ciab render` as an operator runs it: renders an example into a directory, re-renders
// byte-identically, decrypts with the kept vault password, refuses a directory it did not
// write, names the line of a bad field, and with --check fails on a public endpoint.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
async function ciab(args: string[]) {
  try {
    const r = await run(process.execPath, [path.resolve('bin/ciab.mjs'), ...args], { timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const CANARY = 'CANARY-cli-registry-pw-91c2';

describe('ciab render', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'ciab-render-cli-'));
  const dataDir = path.join(work, 'data');
  const pwFile = path.join(work, 'registry-pw');
  writeFileSync(pwFile, `${CANARY}\n`);

  it('renders, re-renders identically, and the vault opens with the kept password', async () => {
    const out = path.join(work, 'edge');
    const args = ['render', 'examples/site-edge.yaml', '-o', out, '--check', '--json', '--data-dir', dataDir, '--registry-password-file', pwFile];
    const r1 = await ciab(args);
    expect(r1.stderr).toBe('');
    expect(r1.code).toBe(0);
    const rec = JSON.parse(r1.stdout.trim().split('\n').at(-1)!) as { digest: string; files: number; leaks: unknown[]; secretsFile: string };
    expect(rec.leaks).toEqual([]);
    const r2 = await ciab(args);
    expect(JSON.parse(r2.stdout.trim().split('\n').at(-1)!).digest).toBe(rec.digest);
    expect(r1.stdout + r2.stdout).not.toContain(CANARY);

    const pass = path.join(work, 'vaultpass');
    writeFileSync(pass, (JSON.parse(readFileSync(rec.secretsFile, 'utf8')) as { vaultPassword: string }).vaultPassword);
    const { stdout } = await run('ansible-vault', ['view', '--vault-password-file', pass, path.join(out, 'environments', 'secrets.yml')]);
    expect(stdout).toContain(CANARY); // the registry password lives only inside the vault
    const plain = await run('grep', ['-rl', CANARY, out]).catch((e: { code: number }) => e);
    expect('code' in plain && plain.code).toBe(1); // grep found it in no plain file
  });

  it('refuses to write into a directory that holds something else', async () => {
    const foreign = path.join(work, 'foreign');
    mkdirSync(foreign);
    writeFileSync(path.join(foreign, 'notes.txt'), 'mine');
    const r = await ciab(['render', 'examples/site-kubernetes.yaml', '-o', foreign, '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not empty and holds no earlier render');
    expect(readFileSync(path.join(foreign, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('refuses to replace an earlier render that now holds files of the operator', async () => {
    const out = path.join(work, 'with-notes');
    expect((await ciab(['render', 'examples/site-kubernetes.yaml', '-o', out, '--data-dir', dataDir])).code).toBe(0);
    mkdirSync(path.join(out, '.git'));
    writeFileSync(path.join(out, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const r = await ciab(['render', 'examples/site-kubernetes.yaml', '-o', out, '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('.git/HEAD');
    expect(readFileSync(path.join(out, '.git', 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
  });

  it('names the file, line and field of an invalid site', async () => {
    const bad = path.join(work, 'bad.yaml');
    writeFileSync(bad, readFileSync('examples/site-kubernetes.yaml', 'utf8').replace('servers: [192.168.1.1]\nntp:', 'servers: [192.168.1.300]\nntp:'));
    const r = await ciab(['render', bad, '--check', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+: /dns/servers/0 must be an IPv4 or IPv6 address`));
  });

  it('--check fails with exit 1 on a public endpoint and names where it is', async () => {
    const leaky = path.join(work, 'leaky.yaml');
    writeFileSync(leaky, readFileSync('examples/site-kubernetes.yaml', 'utf8').replace('servers: [192.168.1.1]\n', 'servers: [192.168.1.1]\n').replace(/ntp:\n {2}servers: \[192\.168\.1\.1\]/, 'ntp:\n  servers: [ntp.ubuntu.com]'));
    const r = await ciab(['render', leaky, '--check', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Leak check: \d+ public endpoint/);
    expect(r.stdout).toContain('ntp.ubuntu.com');
  });

  it('needs -o or --check', async () => {
    const r = await ciab(['render', 'examples/site-sandbox.yaml']);
    expect(r.code).toBe(2);
  });
});
