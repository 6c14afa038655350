// SPDX-License-Identifier: Apache-2.0
// Connect + full hardware probe + evaluation against one loopback OpenSSH sshd, as an operator
// runs it (`ciab probe … --json`), side by side with Ansible's fact gathering
// (`ansible -m setup`) against the same sshd in the same run. Target: ≥ 4× faster than Ansible
// while reporting more of what a CiaB needs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Reuse the tests' real-sshd harness rather than a second copy of it.
const helpers = {};
for (const name of ['sshd', 'ssh-test-user']) {
  const outfile = path.join(root, 'out', 'bench', `${name}-helper.mjs`);
  await esbuild.build({ entryPoints: [path.join(root, `test/helpers/${name}.ts`)], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'error' });
  Object.assign(helpers, await import(pathToFileURL(outfile).href));
}
// A target like a fresh server: sshd at normal log level, and (as root) a plain user with the stock
// shell profile. This machine's root runs `pyenv init` on every SSH command, which no server does.
const sshd = await helpers.startSshd({ logLevel: 'INFO' });
const user = helpers.isRoot ? (await helpers.ensureTestUser('ciab-bench')).name : sshd.username;
console.log(`target: ${user}@${sshd.host}:${sshd.port}`);
const work = mkdtempSync(path.join(tmpdir(), 'ciab-bench-probe-'));
const knownHosts = path.join(work, 'known_hosts');

function time(cmd, args, env = {}) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { ms: performance.now() - t0, status: r.status, stdout: r.stdout, stderr: r.stderr, error: r.error };
}

const ciabArgs = [path.join(root, 'bin', 'ciab.mjs'), 'probe', `${user}@${sshd.host}:${sshd.port}`, '-i', sshd.clientKeyPath, '--known-hosts', knownHosts, '--accept-new', '--json', '--profile', 'lab'];
const ansibleArgs = ['all', '-i', `${sshd.host},`, '-m', 'setup', '-u', user, '--private-key', sshd.clientKeyPath, '-e', `ansible_port=${sshd.port}`, '-e', 'ansible_python_interpreter=/usr/bin/python3'];
const ansibleEnv = { ANSIBLE_HOST_KEY_CHECKING: 'False', ANSIBLE_NOCOLOR: '1' };

const warm = time(process.execPath, ciabArgs); // builds the CLI if stale, pins the host key
if (warm.status !== 0 && warm.status !== 1) throw new Error(`ciab probe failed (${warm.status}): ${warm.stderr}`);
const ansibleWarm = time('ansible', ansibleArgs, ansibleEnv);
const haveAnsible = !ansibleWarm.error && ansibleWarm.status === 0;

// The wizard's path: everything inside the long-running app process.
const inproc = path.join(root, 'out', 'bench', 'probe-in-process.mjs');
await esbuild.build({ entryPoints: [path.join(root, 'bench/probe-in-process.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: inproc, logLevel: 'error' });
const { timeInProcess } = await import(pathToFileURL(inproc).href);
const app = await timeInProcess({ host: sshd.host, port: sshd.port, username: user, keyPath: sshd.clientKeyPath, knownHosts }, RUNS);

const ciab = [];
const ansible = [];
for (let i = 0; i < RUNS; i++) {
  ciab.push(time(process.execPath, ciabArgs).ms);
  if (haveAnsible) ansible.push(time('ansible', ansibleArgs, ansibleEnv).ms);
}
await sshd.stop();
if (helpers.isRoot) await helpers.lockTestUser('ciab-bench');

// What each reports that a CiaB install needs.
const out = JSON.parse(warm.stdout.trim().split('\n').at(-1));
const checks = out.checks?.length ?? 0;
// Ad-hoc output is `127.0.0.1 | SUCCESS => {json}`.
const ansibleFacts = haveAnsible ? Object.keys(JSON.parse(ansibleWarm.stdout.slice(ansibleWarm.stdout.indexOf('{'))).ansible_facts ?? {}).length : 0;
const c = median(ciab);
const a = haveAnsible ? median(ansible) : null;
console.log(`runs: ${RUNS} (median), same loopback sshd, node ${process.version}`);
console.log('| measure | ciab probe | ansible -m setup | ratio |');
console.log('|---|---|---|---|');
const inApp = median(app.ms);
console.log(`| in the app: connect + probe + evaluate | ${inApp.toFixed(0)} ms | ${a === null ? 'n/a' : a.toFixed(0) + ' ms'} | ${a === null ? 'n/a' : (a / inApp).toFixed(1) + '× faster'} |`);
console.log(`| \`ciab probe\` whole command (incl. Node start) | ${c.toFixed(0)} ms | ${a === null ? 'n/a' : a.toFixed(0) + ' ms'} | ${a === null ? 'n/a' : (a / c).toFixed(1) + '× faster'} |`);
console.log(`| output | ${checks} evaluated checks, ${out.report?.disks?.length ?? 0} disks, ${out.report?.nics?.length ?? 0} NICs, vulnerabilities, IOMMU, SEV/TDX, kvm nested | ${ansibleFacts} raw facts, no evaluation | |`);
if (a !== null) {
  console.log(`\ntarget: ≥ 4× faster than ansible -m setup → in the app ${a / inApp >= 4 ? 'MET' : 'NOT MET'} (${(a / inApp).toFixed(1)}×); as a CLI command ${a / c >= 4 ? 'MET' : 'NOT MET'} (${(a / c).toFixed(1)}×)`);
}

