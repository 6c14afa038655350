// SPDX-License-Identifier: Apache-2.0
// uploadBundle against a real sshd (exec channels only): full upload byte for byte, a second run sends
// nothing, .part resume, damaged files re-sent, a cut connection mid-upload, and the free-space refusal on a tiny tmpfs.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateBundleManifest, type BundleManifest } from '../../../electron/backend/airgap/bundle-manifest.js';
import { sha256File } from '../../../electron/backend/airgap/hash-files.js';
import { uploadBundle, type UploadProgress } from '../../../electron/backend/airgap/upload-bundle.js';
import { UploadError } from '../../../electron/backend/airgap/upload-errors.js';
import { openSession, type SshSession } from '../../../electron/backend/ssh/ssh-session.js';
import { sshdAvailable, sshdSkipReason, startSshd, type TestSshd } from '../../helpers/sshd.js';
import { tempDir } from '../../helpers/ssh-keys.js';

const run = promisify(execFile);
const MiB = 1024 * 1024;
const isRoot = process.getuid?.() === 0;

/** Random-ish content (repeated random blocks, so it is not all zeros but cheap to make). */
function content(bytes: number): Buffer {
  const block = randomBytes(64 * 1024);
  const out = Buffer.allocUnsafe(bytes);
  for (let p = 0; p < bytes; p += block.length) block.copy(out, p, 0, Math.min(block.length, bytes - p));
  // Make every block different so a misplaced chunk cannot go unnoticed.
  for (let p = 0; p + 8 <= bytes; p += 4096) out.writeUInt32BE(p, p);
  return out;
}

async function makeBundle(dir: string, files: Record<string, number>): Promise<BundleManifest> {
  const entries = [];
  for (const [rel, size] of Object.entries(files)) {
    const full = path.join(dir, rel);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content(size));
    const h = await sha256File(full);
    entries.push({ path: rel, size: h.size, sha256: h.sha256, kind: 'other' as const });
  }
  return validateBundleManifest({ format: 'ciab-bundle', version: 1, name: 'test', created: new Date().toISOString(), types: ['sandbox'], versions: {}, files: entries });
}

async function sameTree(local: string, remote: string, m: BundleManifest): Promise<void> {
  for (const f of m.files) {
    const a = await readFile(path.join(local, f.path));
    const b = await readFile(path.join(remote, f.path));
    expect(b.equals(a), f.path).toBe(true);
  }
  const leftovers = (await run('find', [remote, '-name', '*.part'])).stdout.trim();
  expect(leftovers).toBe('');
}

describe.skipIf(!sshdAvailable)(`uploadBundle against a real sshd${sshdSkipReason}`, () => {
  let sshd: TestSshd;
  let tmp: { dir: string; remove: () => Promise<void> };
  let s: SshSession;
  let bundle: string;
  let manifest: BundleManifest;
  const remote = () => path.join(tmp.dir, 'server', 'bundle');

  beforeAll(async () => {
    sshd = await startSshd({ logLevel: 'INFO' }); // no SFTP subsystem: the upload needs exec only
    tmp = await tempDir('upload');
    bundle = path.join(tmp.dir, 'bundle');
    manifest = await makeBundle(bundle, {
      'registry/registry-2025.1.tar': 6 * MiB + 123,
      'images/ubuntu-24.04.img': 3 * MiB,
      'configuration/site.yml': 2000,
      'empty.txt': 0,
      'dir with space/it\'s "odd".bin': 70_000,
    });
    s = await openSession({
      host: sshd.host, port: sshd.port, username: sshd.username, auth: 'key', keyPath: sshd.clientKeyPath,
      knownHosts: { appFile: path.join(tmp.dir, 'known_hosts') }, acceptFingerprint: sshd.hostKeyFingerprint, timeoutMs: 5000,
      reconnect: { initialMs: 50, maxMs: 300, maxAttempts: 60 },
    });
  });
  afterAll(async () => {
    await s?.close();
    await sshd?.stop();
    await tmp?.remove();
  });

  it('uploads every file byte for byte, then a second run sends nothing', async () => {
    const seen: UploadProgress[] = [];
    const r = await uploadBundle(s, { localDir: bundle, manifest, remoteDir: remote(), onProgress: (p) => seen.push(p) });
    await sameTree(bundle, remote(), manifest);
    const total = manifest.files.reduce((n, f) => n + f.size, 0);
    expect(r).toMatchObject({ skipped: [], resumed: [], bytesSent: total, drops: 0 });
    expect([...r.uploaded].sort()).toEqual(manifest.files.map((f) => f.path).sort());
    expect(seen.at(-1)).toMatchObject({ phase: 'done', bytesDone: total, bytesTotal: total, filesDone: 5, filesTotal: 5 });
    expect(seen.some((p) => p.phase === 'uploading' && p.file === 'registry/registry-2025.1.tar')).toBe(true);

    const again = await uploadBundle(s, { localDir: bundle, manifest, remoteDir: remote() });
    expect(again).toMatchObject({ uploaded: [], bytesSent: 0 });
    expect(again.skipped).toHaveLength(5);
  }, 60_000);

  it('continues a .part from its size, and re-sends a damaged finished file', async () => {
    const big = manifest.files[0]!;
    const whole = await readFile(path.join(bundle, big.path));
    const target = path.join(remote(), big.path);
    await rm(target);
    await writeFile(`${target}.part`, whole.subarray(0, 2 * MiB));
    // Same size, one byte different: only the server-side sha256 can tell.
    const img = path.join(remote(), 'images/ubuntu-24.04.img');
    const bad = await readFile(img);
    bad[1000] = bad[1000]! ^ 0xff;
    await writeFile(img, bad);
    const r = await uploadBundle(s, { localDir: bundle, manifest, remoteDir: remote() });
    expect(r.resumed).toEqual([big.path]);
    expect([...r.uploaded].sort()).toEqual([big.path, 'images/ubuntu-24.04.img'].sort());
    expect(r.bytesSent).toBe(big.size - 2 * MiB + 3 * MiB);
    await sameTree(bundle, remote(), manifest);
  }, 60_000);

  it('sends a file again from the start when its .part holds wrong bytes', async () => {
    const f = manifest.files[1]!;
    const target = path.join(remote(), f.path);
    await rm(target);
    await writeFile(`${target}.part`, randomBytes(MiB));
    const r = await uploadBundle(s, { localDir: bundle, manifest, remoteDir: remote() });
    expect(r.uploaded).toEqual([f.path]);
    expect(r.bytesSent).toBe(f.size - MiB + f.size);
    await sameTree(bundle, remote(), manifest);
  }, 60_000);

  it('survives a cut connection mid-upload and finishes correct', async () => {
    const dir = path.join(tmp.dir, 'bundle-big');
    const m = await makeBundle(dir, { 'a/first.bin': 48 * MiB, 'b/second.bin': 24 * MiB });
    const target = path.join(tmp.dir, 'server', 'big');
    // The connection's sshd processes, found now and SIGKILLed at the exact moment below (a scan of
    // /proc then could land after a fast upload has finished).
    await s.exec('true');
    const pids = await sshd.connectionPids();
    expect(pids.length).toBeGreaterThan(0);
    let killed = 0;
    const done: number[] = [];
    const r = await uploadBundle(s, { localDir: dir, manifest: m, remoteDir: target, onProgress: (p) => {
      done.push(p.bytesDone);
      if (killed === 0 && p.bytesSent > 8 * MiB) {
        for (const pid of pids) {
          try {
            process.kill(pid, 'SIGKILL');
            killed++;
          } catch {
            // Already gone (a finished exec's shell).
          }
        }
      }
    } });
    expect(killed).toBeGreaterThan(0);
    expect(r.drops).toBeGreaterThanOrEqual(1);
    await sameTree(dir, target, m);
    // Progress never goes back by more than what was in flight when the connection went (SSH's 2 MiB
    // window, the read-ahead of 1 MiB, the server's 1 MiB read).
    const back = Math.max(0, ...done.slice(1).map((d, i) => done[i]! - d));
    expect(back).toBeLessThanOrEqual(6 * MiB);
    expect(r.bytesSent).toBeLessThan(72 * MiB + 6 * MiB + 1);
  }, 120_000);

  it.skipIf(!isRoot)('refuses before sending a byte when the filesystem is too small (4 MiB tmpfs)', async () => {
    const mnt = path.join(tmp.dir, 'tiny');
    await mkdir(mnt);
    await run('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mnt]);
    try {
      const err = (await uploadBundle(s, { localDir: bundle, manifest, remoteDir: path.join(mnt, 'not/yet') }).catch((e: UploadError) => e)) as UploadError;
      expect(err).toMatchObject({ name: 'UploadError', kind: 'space', server: `${sshd.username}@${sshd.host}:${sshd.port}` });
      expect(err.message).toContain(`${path.join(mnt, 'not/yet')} (on ${mnt}, checked at ${mnt})`);
      expect(err.message).toMatch(/needs 9\.\d MiB plus 64\.0 MiB headroom, but only 4\.0 MiB of 4\.0 MiB are free/);
      expect(err.nextAction).toMatch(/^Free at least \d+\.\d MiB on /);
      expect(await readdir(mnt)).toEqual([]);
      // With a margin that fits, the same tmpfs takes a small bundle.
      const small = path.join(tmp.dir, 'bundle-small');
      const m = await makeBundle(small, { 'x.bin': MiB });
      const ok = await uploadBundle(s, { localDir: small, manifest: m, remoteDir: path.join(mnt, 'b'), spaceMarginBytes: MiB });
      expect(ok.uploaded).toEqual(['x.bin']);
      expect((await stat(path.join(mnt, 'b/x.bin'))).size).toBe(MiB);
    } finally {
      await run('umount', [mnt]);
    }
  }, 60_000);
  it.skipIf(!isRoot)('refuses a bundle larger than the free space before sending a byte (a 4 MiB tmpfs)', async () => {
    const mnt = path.join(tmp.dir, 'small-disk');
    await mkdir(mnt, { recursive: true });
    await run('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'ciab-upload-test', mnt]);
    try {
      const err = await uploadBundle(s, { localDir: bundle, manifest, remoteDir: path.join(mnt, 'bundle') }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UploadError);
      const e = err as UploadError;
      expect(e.kind).toBe('space');
      expect(e.message).toContain(`${sshd.username}@${sshd.host}:${sshd.port}`);
      expect(e.message).toContain(mnt);
      expect(e.message).toMatch(/Nothing was uploaded/);
      expect(e.nextAction).toMatch(/^Free at least/);
      // Nothing was created on the small disk.
      expect((await run('find', [mnt, '-mindepth', '1'])).stdout.trim()).toBe('');
    } finally {
      await run('umount', [mnt]);
    }
  }, 60_000);
});
