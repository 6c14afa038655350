// SPDX-License-Identifier: Apache-2.0
// Log throughput: a deploy step printing 1 GiB of Ansible-like output (with ANSI colours), followed over the
// control channel, against `ssh host cat` of the same file through OpenSSH (the anchor), on one loopback sshd.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, openSync, closeSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, median } from './bench-lib.mjs';

const MIB = Number(process.env.BENCH_LOG_MIB ?? 1024);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

// Ansible-like lines with colours and UTF-8, repeated to the size asked for.
async function makeLog(file, bytes) {
  const lines = [];
  for (let i = 0; lines.join('').length < 64 * 1024; i++) {
    lines.push(`TASK [osism.services.ceph : Deploy OSD ${i}] ${'*'.repeat(40)}\n`);
    lines.push(i % 7 === 0 ? `\x1b[0;33mchanged: [ciab-01] => (item=/dev/sdb) — grüße\x1b[0m\n` : `\x1b[0;32mok: [ciab-01]\x1b[0m\n`);
    if (i % 50 === 0) lines.push(`\x1b[0;31mfatal: [ciab-01]: FAILED! => {"msg": "retrying (${i})"}\x1b[0m\n`);
  }
  const block = Buffer.from(lines.join(''));
  const out = createWriteStream(file);
  for (let n = 0; n < bytes; n += block.length) {
    const part = n + block.length <= bytes ? block : block.subarray(0, bytes - n);
    if (!out.write(part)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
}

const helpers = await build('test/helpers/sshd.ts', 'sshd-helper');
const sshd = await helpers.startSshd({ logLevel: 'INFO' });
const work = mkdtempSync(path.join(tmpdir(), 'ciab-bench-log-'));
chmodSync(work, 0o755);
const file = path.join(work, 'ansible.log');
await makeLog(file, MIB * 1024 * 1024);
const rows = { openssh: [], ssh2: [], raw: [], app: [] };
const rss = { ssh2: 0, raw: 0, app: 0 };
let batches = 0;
try {
  const { followStep, plainCat } = await build('bench/log-throughput-in-process.ts', 'log-throughput-in-process');
  const target = (run) => ({ host: sshd.host, port: sshd.port, username: sshd.username, keyPath: sshd.clientKeyPath, knownHosts: path.join(work, 'known_hosts'),
    fingerprint: sshd.hostKeyFingerprint, stateDir: path.join(work, `state-${run}`), file, journal: path.join(work, `journal-${run}.ndjson`) });
  // OpenSSH through a master connection opened beforehand, so the anchor is the stream, not the login.
  const control = path.join(work, 'cm');
  const ssh = ['-p', String(sshd.port), '-i', sshd.clientKeyPath, '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', `UserKnownHostsFile=${path.join(work, 'kh')}`,
    '-o', 'ControlMaster=auto', '-o', `ControlPath=${control}`, '-o', 'ControlPersist=120', `${sshd.username}@${sshd.host}`];
  const warm = spawnSync('ssh', [...ssh, 'true'], { encoding: 'utf8' });
  if (warm.status !== 0) throw new Error(`ssh failed: ${warm.stderr}`);
  const peak = async (key, fn) => {
    let max = 0;
    const timer = setInterval(() => (max = Math.max(max, process.memoryUsage().rss)), 20);
    try {
      return await fn();
    } finally {
      clearInterval(timer);
      rss[key] = Math.max(rss[key], max);
    }
  };
  for (let run = 0; run < RUNS; run++) {
    const nul = openSync('/dev/null', 'w');
    const t0 = performance.now();
    const r = spawnSync('ssh', [...ssh, `cat '${file}'`], { stdio: ['ignore', nul, 'pipe'] });
    rows.openssh.push(performance.now() - t0);
    closeSync(nul);
    if (r.status !== 0) throw new Error(`ssh cat failed: ${r.stderr}`);
    const p = await peak('ssh2', () => plainCat(target(run)));
    rows.ssh2.push(p.ms);
    const a = await peak('raw', () => followStep(target(run), run, false));
    rows.raw.push(a.ms);
    const b = await peak('app', () => followStep(target(run), run, true));
    rows.app.push(b.ms);
    batches = b.batches;
    for (const x of [p, a, b]) if (x.bytes !== MIB * 1024 * 1024) throw new Error(`received ${x.bytes} bytes, not ${MIB} MiB`);
    rmSync(path.join(work, `journal-${run}.ndjson`), { force: true });
  }
  spawnSync('ssh', [...ssh, '-O', 'exit'], { stdio: 'ignore' });
} finally {
  await sshd.stop();
  rmSync(work, { recursive: true, force: true });
}

const mbs = (ms) => (MIB * 1.048576) / (ms / 1000);
const anchor = median(rows.openssh);
console.log(`a step printing ${MIB} MiB of Ansible-like output (ANSI, UTF-8); median of ${RUNS} runs; same loopback sshd; node ${process.version}`);
console.log('| path | seconds | MB/s | vs `ssh host cat` | peak RSS of this process |');
console.log('|---|---|---|---|---|');
const row = (name, ms, mem) => console.log(`| ${name} | ${(ms / 1000).toFixed(2)} | ${mbs(ms).toFixed(0)} | ${(anchor / ms).toFixed(2)}× | ${mem ? `${Math.round(mem / 1048576)} MB` : ''} |`);
row('`ssh host cat FILE > /dev/null` (OpenSSH, over an open master connection) — anchor', anchor, 0);
row('ssh2 channel `cat FILE`, bytes counted (floor for Node)', median(rows.ssh2), rss.ssh2);
row('deploy step followed over the control channel, bytes counted', median(rows.raw), rss.raw);
row(`the same + UTF-8 decode, renderer batches (${batches}), redacting JSON journal on disk (issue 6 owns its format)`, median(rows.app), rss.app);
console.log(`target (issue 5): the step followed over the control channel ≥ 0.5× the anchor`);
