// SPDX-License-Identifier: Apache-2.0
// `ciab bundle create` and `ciab bundle verify` as people building and receiving bundles run them:
// real ssh-keygen keys, --json records, exit 0 verified / 1 failed (file named) / 2 usage.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/ssh-keys.js';

const run = promisify(execFile);
async function ciab(args: string[]) {
  try {
    const r = await run(process.execPath, [path.resolve('bin/ciab.mjs'), ...args], { timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;

describe('ciab bundle', () => {
  let tmp: { dir: string; remove: () => Promise<void> };
  let bundle: string;
  let key: string;
  let signers: string;
  beforeAll(async () => {
    tmp = await tempDir('bundle-cli');
    bundle = path.join(tmp.dir, 'bundle');
    await mkdir(path.join(bundle, 'images'), { recursive: true });
    await writeFile(path.join(bundle, 'images', 'octavia-export-2025.1.img'), Buffer.alloc(2 * 1024 * 1024, 7));
    await writeFile(path.join(bundle, 'ubuntu-noble.tar.bz2'), 'apt mirror');
    key = path.join(tmp.dir, 'signing-key');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'builder', '-f', key]);
    signers = path.join(tmp.dir, 'allowed_signers');
  });
  afterAll(async () => {
    await tmp?.remove();
  });

  it('creates a signed manifest and prints the allowed_signers line', async () => {
    const r = await ciab(['bundle', 'create', bundle, '--key', key, '--identity', 'builder@example.invalid', '--name', 'cli-bundle', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rec = lastJson(r.stdout);
    expect(rec).toMatchObject({ event: 'bundle-create', name: 'cli-bundle', files: 2, types: ['sandbox', 'edge'] });
    const line = rec.allowedSigners as string;
    expect(line).toMatch(/^builder@example\.invalid namespaces="ciab-bundle" ssh-ed25519 \S+$/);
    await writeFile(signers, `${line}\n`);
    const manifest = JSON.parse(await readFile(path.join(bundle, 'manifest.json'), 'utf8')) as { files: { path: string; kind: string }[] };
    expect(manifest.files.map((f) => [f.path, f.kind])).toEqual([
      ['images/octavia-export-2025.1.img', 'amphora-image'],
      ['ubuntu-noble.tar.bz2', 'apt-mirror'],
    ]);
  });

  it('verifies it: exit 0 with a JSON record', async () => {
    const r = await ciab(['bundle', 'verify', bundle, '--allowed-signers', signers, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(''); // not a TTY: no progress
    expect(lastJson(r.stdout)).toMatchObject({ event: 'bundle-verify', ok: true, signer: 'builder@example.invalid', files: 2, filesVerified: 2, bytes: 2 * 1024 * 1024 + 10, problems: [] });
    const human = await ciab(['bundle', 'verify', bundle, '--allowed-signers', signers]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Signature: good, signed by builder@example.invalid');
    expect(human.stdout).toContain('Bundle verified');
  });

  it('exits 1 naming a tampered file, and keeps a re-created manifest signed', async () => {
    const file = path.join(bundle, 'ubuntu-noble.tar.bz2');
    await writeFile(file, 'apt mirroR');
    const r = await ciab(['bundle', 'verify', bundle, '--allowed-signers', signers, '--json']);
    expect(r.code).toBe(1);
    const rec = lastJson(r.stdout);
    expect(rec.ok).toBe(false);
    expect(rec.problems).toEqual([expect.objectContaining({ path: 'ubuntu-noble.tar.bz2', kind: 'sha256' })]);
    expect(r.stderr).toContain('ubuntu-noble.tar.bz2');
    const human = await ciab(['bundle', 'verify', bundle, '--allowed-signers', signers]);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/FAILED {2}ubuntu-noble\.tar\.bz2 has been changed or damaged/);
    // Rebuilding keeps the name and re-signs: verified again.
    expect((await ciab(['bundle', 'create', bundle, '--key', key])).code).toBe(0);
    const again = await ciab(['bundle', 'verify', bundle, '--allowed-signers', signers, '--json']);
    expect(lastJson(again.stdout)).toMatchObject({ ok: true, name: 'cli-bundle' });
  });

  it('exits 2 on usage errors', async () => {
    expect((await ciab(['bundle', 'verify', bundle])).code).toBe(2);
    expect((await ciab(['bundle', 'create', bundle])).code).toBe(2);
    expect((await ciab(['bundle', 'frobnicate', bundle])).code).toBe(2);
    expect((await ciab(['bundle'])).code).toBe(2);
  });

  it('exits 1 with a next step when the allowed signers file is missing', async () => {
    const r = await ciab(['bundle', 'verify', bundle, '--allowed-signers', path.join(tmp.dir, 'missing')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('allowed signers file');
    expect(r.stderr).toContain('→');
  });
});
