// SPDX-License-Identifier: Apache-2.0
// verifyBundle against a real bundle on disk, signed by the real `ssh-keygen -Y sign`: a good bundle
// passes; a flipped byte, truncation, deletion, an edited manifest, a wrong signer or namespace fail,
// naming what is wrong; extra files only warn. Hashing a 64 MiB file keeps memory small.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { appendFile, mkdir, open, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBundle } from '../../../electron/backend/airgap/create-bundle.js';
import { verifyBundle, type VerifyProgress } from '../../../electron/backend/airgap/verify-bundle.js';
import { tempDir } from '../../helpers/ssh-keys.js';

const run = promisify(execFile);
const MiB = 1024 * 1024;
const BIG = 'registry/registry-2025.1-full.tar.bz2';

/** Streams `mib` MiB of alternating zero and random chunks into `file`. */
async function writeBigFile(file: string, mib: number): Promise<void> {
  const ws = createWriteStream(file);
  for (let i = 0; i < mib; i++) {
    const chunk = i % 2 === 0 ? Buffer.alloc(MiB) : randomBytes(MiB);
    if (!ws.write(chunk)) await new Promise<void>((r) => ws.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => ws.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

async function newKey(dir: string, name: string): Promise<{ key: string; pub: string }> {
  const key = path.join(dir, name);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', key]);
  return { key, pub: (await readFile(`${key}.pub`, 'utf8')).trim() };
}

async function flipByte(file: string, pos: number): Promise<void> {
  const fh = await open(file, 'r+');
  const b = Buffer.alloc(1);
  await fh.read(b, 0, 1, pos);
  b[0] = b[0]! ^ 0xff;
  await fh.write(b, 0, 1, pos);
  await fh.close();
}

describe('verifyBundle (real ssh-keygen)', () => {
  let tmp: { dir: string; remove: () => Promise<void> };
  let bundle: string;
  let signers: string;
  let key: { key: string; pub: string };
  const opts = () => ({ allowedSigners: signers });

  beforeAll(async () => {
    tmp = await tempDir('bundle');
    bundle = path.join(tmp.dir, 'bundle');
    await mkdir(path.join(bundle, 'registry'), { recursive: true });
    await mkdir(path.join(bundle, 'k3s'), { recursive: true });
    await writeBigFile(path.join(bundle, BIG), 64);
    await writeFile(path.join(bundle, 'k3s', 'k3s'), randomBytes(300_000));
    await writeFile(path.join(bundle, 'configuration.yml'), 'docker_registry: localhost:5001\n');
    await writeFile(path.join(bundle, 'empty.txt'), '');
    key = await newKey(tmp.dir, 'builder');
    signers = path.join(tmp.dir, 'allowed_signers');
    await writeFile(signers, `builder@example.invalid namespaces="ciab-bundle" ${key.pub}\n`);
    await createBundle(bundle, { key: key.key, name: 'test-bundle', versions: { openstack: '2025.1', k3s: 'v1.34.1+k3s1' } });
  });
  afterAll(async () => {
    await tmp?.remove();
  });

  it('verifies a good bundle, naming the signer, with byte progress and small memory', async () => {
    const seen: VerifyProgress[] = [];
    const before = process.memoryUsage().rss;
    let peak = before;
    const r = await verifyBundle(bundle, {
      ...opts(),
      onProgress: (p) => {
        seen.push(p);
        peak = Math.max(peak, process.memoryUsage().rss);
      },
    });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.signer).toBe('builder@example.invalid');
    expect(r.signerKey).toMatch(/^SHA256:/);
    expect(r.filesVerified).toBe(4);
    expect(r.bytes).toBe(64 * MiB + 300_000 + 32);
    expect(r.manifest?.files.find((f) => f.path === BIG)?.kind).toBe('registry-data');
    expect(r.manifest?.files.find((f) => f.path === 'k3s/k3s')?.kind).toBe('k3s-binary');
    expect(seen[0]?.phase).toBe('signature');
    const hashing = seen.filter((p) => p.phase === 'hashing');
    expect(hashing.length).toBeGreaterThan(60);
    expect(hashing.at(-1)?.bytesDone).toBe(hashing.at(-1)?.bytesTotal);
    expect(peak - before).toBeLessThan(64 * MiB);
  });

  it('accepts an explicit identity and refuses a wrong one', async () => {
    expect((await verifyBundle(bundle, { ...opts(), identity: 'builder@example.invalid' })).ok).toBe(true);
    const r = await verifyBundle(bundle, { ...opts(), identity: 'mallory@example.invalid' });
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ path: 'manifest.json.sig', kind: 'signature' });
  });

  it('names a file with one flipped byte (sha256)', async () => {
    const file = path.join(bundle, BIG);
    await flipByte(file, 40 * MiB + 7);
    try {
      const r = await verifyBundle(bundle, opts());
      expect(r.ok).toBe(false);
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]).toMatchObject({ path: BIG, kind: 'sha256' });
      expect(r.problems[0]!.found).not.toBe(r.problems[0]!.expected);
      expect(r.filesVerified).toBe(3);
    } finally {
      await flipByte(file, 40 * MiB + 7);
    }
  });

  it('names a truncated file (size) and a deleted one (missing)', async () => {
    const k3s = path.join(bundle, 'k3s', 'k3s');
    const conf = path.join(bundle, 'configuration.yml');
    const keepK3s = await readFile(k3s);
    const keepConf = await readFile(conf);
    await truncate(k3s, 1000);
    await rm(conf);
    try {
      const r = await verifyBundle(bundle, opts());
      expect(r.ok).toBe(false);
      expect(r.problems).toEqual(
        expect.arrayContaining([
          { path: 'k3s/k3s', kind: 'size', expected: '300000', found: '1000' },
          { path: 'configuration.yml', kind: 'missing', expected: '32 bytes', found: null },
        ]),
      );
    } finally {
      await writeFile(k3s, keepK3s);
      await writeFile(conf, keepConf);
    }
  });

  it('only warns about a file the manifest does not list', async () => {
    const extra = path.join(bundle, 'registry', 'stray.tar');
    await writeFile(extra, 'x');
    try {
      const r = await verifyBundle(bundle, opts());
      expect(r.ok).toBe(true);
      expect(r.problems).toEqual([{ path: 'registry/stray.tar', kind: 'extra', expected: null, found: 'not listed in the manifest' }]);
    } finally {
      await rm(extra);
    }
  });

  it('fails on a manifest edited after signing, before hashing anything', async () => {
    const manifest = path.join(bundle, 'manifest.json');
    const original = await readFile(manifest);
    await appendFile(manifest, ' ');
    try {
      const phases: string[] = [];
      const r = await verifyBundle(bundle, { ...opts(), onProgress: (p) => phases.push(p.phase) });
      expect(r.ok).toBe(false);
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]).toMatchObject({ path: 'manifest.json.sig', kind: 'signature' });
      expect(r.bytes).toBe(0);
      expect(r.manifest).toBeNull();
      expect(phases).toEqual(['signature']);
    } finally {
      await writeFile(manifest, original);
    }
  });

  it('fails when the key is not in the allowed signers file', async () => {
    const other = await newKey(tmp.dir, 'stranger');
    const wrong = path.join(tmp.dir, 'allowed_signers.wrong');
    await writeFile(wrong, `builder@example.invalid ${other.pub}\n`);
    const r = await verifyBundle(bundle, { allowedSigners: wrong });
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ path: 'manifest.json.sig', kind: 'signature' });
    expect(r.bytes).toBe(0);
    const withId = await verifyBundle(bundle, { allowedSigners: wrong, identity: 'builder@example.invalid' });
    expect(withId.problems[0]?.kind).toBe('signature');
  });

  it('fails on a signature made for another namespace, and on a missing signature', async () => {
    const sig = path.join(bundle, 'manifest.json.sig');
    const good = await readFile(sig);
    const copy = path.join(tmp.dir, 'manifest-copy.json');
    await writeFile(copy, await readFile(path.join(bundle, 'manifest.json')));
    await run('ssh-keygen', ['-Y', 'sign', '-n', 'file', '-f', key.key, copy]);
    // Namespace-restricted signer first, then an unrestricted one: both must refuse a "file" signature.
    const open = path.join(tmp.dir, 'allowed_signers.open');
    await writeFile(open, `builder@example.invalid ${key.pub}\n`);
    await writeFile(sig, await readFile(`${copy}.sig`));
    try {
      for (const allowedSigners of [signers, open]) {
        const r = await verifyBundle(bundle, { allowedSigners });
        expect(r.ok, allowedSigners).toBe(false);
        expect(r.problems[0]).toMatchObject({ path: 'manifest.json.sig', kind: 'signature' });
      }
      await rm(sig);
      const none = await verifyBundle(bundle, opts());
      expect(none.problems[0]).toMatchObject({ kind: 'signature', found: 'the signature file is missing' });
    } finally {
      await writeFile(sig, good);
    }
    expect((await verifyBundle(bundle, opts())).ok).toBe(true);
  });

  it('throws a BundleError with a next step when the directory or manifest is missing', async () => {
    await expect(verifyBundle(path.join(tmp.dir, 'nope'), opts())).rejects.toMatchObject({ name: 'BundleError', nextAction: expect.stringContaining('bundle directory') });
    const empty = path.join(tmp.dir, 'empty-bundle');
    await mkdir(empty);
    await expect(verifyBundle(empty, opts())).rejects.toThrow(/manifest.json is missing/);
    await expect(verifyBundle(bundle, { allowedSigners: path.join(tmp.dir, 'none') })).rejects.toThrow(/allowed signers file .* does not exist/);
  });
});
