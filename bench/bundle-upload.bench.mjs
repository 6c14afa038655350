// SPDX-License-Identifier: Apache-2.0
// Bundle upload: a 1 GiB bundle (a few large archives and small files) uploaded by the app (SFTP, pipelined
// writes, sha256 on the server before each final name) against `scp -r` of the same directory (the anchor),
// both over one loopback sshd with the login done beforehand.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, median } from './bench-lib.mjs';

const MIB = Number(process.env.BENCH_BUNDLE_MIB ?? 1024);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

// Incompressible content, every 4 KiB block different, written in 1 MiB pieces.
async function makeFile(file, bytes) {
  mkdirSync(path.dirname(file), { recursive: true });
  const block = randomBytes(1 << 20);
  const out = createWriteStream(file);
  for (let n = 0; n < bytes; n += block.length) {
    for (let p = 0; p + 8 <= block.length; p += 4096) block.writeDoubleBE(n + p, p);
    const part = Buffer.from(n + block.length <= bytes ? block : block.subarray(0, bytes - n));
    if (!out.write(part)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
}

const helpers = await build('test/helpers/sshd.ts', 'sshd-helper');
const sshd = await helpers.startSshd({ logLevel: 'INFO', extraConfig: ['Subsystem sftp /usr/lib/openssh/sftp-server'] }); // SFTP for scp
const work = mkdtempSync(path.join(tmpdir(), 'ciab-bench-upload-'));
const bundle = path.join(work, 'bundle');
// The shape of a real bundle: registry and image archives, the apt repository's packages, small configuration.
const big = Math.floor((MIB * 0.9) / 3) << 20;
const files = { 'registry/registry-2025.1.tar': big, 'images/ubuntu-24.04.img': big, 'k3s/k3s-airgap-images.tar': big };
const rest = (MIB << 20) - 3 * big;
for (let i = 0; i < 64; i++) files[`apt/pool/pkg-${i}.deb`] = Math.floor(rest / 64);
for (const [rel, size] of Object.entries(files)) await makeFile(path.join(bundle, rel), size);
writeFileSync(path.join(bundle, 'site.yml'), 'site: bench\n');
files['site.yml'] = 12;
const total = Object.values(files).reduce((a, b) => a + b, 0);

const rows = { scp: [], scpHash: [], app: [] };
let peakRss = 0;
try {
  const { manifestOf, timeUpload } = await build('bench/bundle-upload-in-process.ts', 'bundle-upload-in-process');
  const manifest = await manifestOf(bundle, Object.keys(files));
  const target = { host: sshd.host, port: sshd.port, username: sshd.username, keyPath: sshd.clientKeyPath, knownHosts: path.join(work, 'known_hosts'), fingerprint: sshd.hostKeyFingerprint };
  const control = path.join(work, 'cm');
  const opts = ['-i', sshd.clientKeyPath, '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', `UserKnownHostsFile=${path.join(work, 'kh')}`,
    '-o', 'ControlMaster=auto', '-o', `ControlPath=${control}`, '-o', 'ControlPersist=120'];
  const dest = `${sshd.username}@${sshd.host}`;
  const warm = spawnSync('ssh', ['-p', String(sshd.port), ...opts, dest, 'true'], { encoding: 'utf8' });
  if (warm.status !== 0) throw new Error(`ssh failed: ${warm.stderr}`);
  for (let run = 0; run < RUNS; run++) {
    const remote = path.join(work, `server-scp-${run}`);
    let t0 = performance.now();
    const r = spawnSync('scp', ['-q', '-r', '-P', String(sshd.port), ...opts, bundle, `${dest}:${remote}`], { encoding: 'utf8' });
    rows.scp.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`scp failed: ${r.stderr}`);
    t0 = performance.now();
    const h = spawnSync('ssh', ['-p', String(sshd.port), ...opts, dest, `cd '${remote}' && find . -type f -exec sha256sum {} + > /dev/null`], { encoding: 'utf8' });
    rows.scpHash.push(rows.scp.at(-1) + performance.now() - t0);
    if (h.status !== 0) throw new Error(`sha256sum failed: ${h.stderr}`);
    rmSync(remote, { recursive: true, force: true });

    let max = 0;
    const timer = setInterval(() => (max = Math.max(max, process.memoryUsage().rss)), 20);
    const a = await timeUpload(target, bundle, manifest, path.join(work, `server-app-${run}`)).finally(() => clearInterval(timer));
    peakRss = Math.max(peakRss, max);
    if (a.sent !== total) throw new Error(`sent ${a.sent} of ${total} bytes`);
    rows.app.push(a.ms);
    rmSync(path.join(work, `server-app-${run}`), { recursive: true, force: true });
  }
  spawnSync('ssh', ['-p', String(sshd.port), ...opts, '-O', 'exit', dest], { stdio: 'ignore' });
} finally {
  await sshd.stop();
  rmSync(work, { recursive: true, force: true });
}

const anchor = median(rows.scp);
const mbs = (ms) => total / 1e6 / (ms / 1000);
console.log(`a ${MIB} MiB bundle (${Object.keys(files).length} files); median of ${RUNS} runs; same loopback sshd, login done beforehand; node ${process.version}`);
console.log('| path | seconds | MB/s | anchor ÷ this |');
console.log('|---|---|---|---|');
console.log(`| \`scp -r\` (OpenSSH, over an open master connection) — anchor | ${(anchor / 1000).toFixed(2)} | ${mbs(anchor).toFixed(0)} | 1.00× |`);
console.log(`| \`scp -r\`, then \`sha256sum\` of every file on the server | ${(median(rows.scpHash) / 1000).toFixed(2)} | ${mbs(median(rows.scpHash)).toFixed(0)} | ${(anchor / median(rows.scpHash)).toFixed(2)}× |`);
console.log(`| ciab upload: free space, one exec stream for all files, hashed on the server as they arrive, renamed on a match (peak RSS ${Math.round(peakRss / 1048576)} MB) | ${(median(rows.app) / 1000).toFixed(2)} | ${mbs(median(rows.app)).toFixed(0)} | ${(anchor / median(rows.app)).toFixed(2)}× |`);
console.log('target: ciab upload (with hashing) ≥ 1.0× the anchor');
