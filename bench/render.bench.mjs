// SPDX-License-Identifier: Apache-2.0
// Validate + render + leak-check a full sandbox site (examples/site-sandbox.yaml), in the app
// and as the `ciab render --check` command, side by side with the real Ansible tools merely
// reading what we produce: `ansible-inventory --list` on the rendered inventory and
// `ansible-vault view` of one rendered secrets file. Target: well under 200 ms in the app.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const site = path.join(root, 'examples', 'site-sandbox.yaml');
const work = mkdtempSync(path.join(tmpdir(), 'ciab-bench-render-'));

function time(cmd, args, env = {}) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  return { ms: performance.now() - t0, status: r.status, stdout: r.stdout, stderr: r.stderr, error: r.error };
}

const inproc = path.join(root, 'out', 'bench', 'render-in-process.mjs');
await esbuild.build({ entryPoints: [path.join(root, 'bench/render-in-process.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: inproc, logLevel: 'error' });
const { timeRender } = await import(pathToFileURL(inproc).href);
const app = timeRender(site, RUNS);

// The CLI renders into a tree the anchors then read.
const out = path.join(work, 'tree');
const dataDir = path.join(work, 'data');
const cliArgs = [path.join(root, 'bin', 'ciab.mjs'), 'render', site, '-o', out, '--check', '--data-dir', dataDir, '--json'];
const first = time(process.execPath, cliArgs);
if (first.status !== 0) throw new Error(`ciab render failed (${first.status}): ${first.stderr}`);
const secretsFile = JSON.parse(first.stdout.trim().split('\n').at(-1)).secretsFile;
const { readFileSync } = await import('node:fs');
const passFile = path.join(work, 'vaultpass');
writeFileSync(passFile, JSON.parse(readFileSync(secretsFile, 'utf8')).vaultPassword, { mode: 0o600 });

const cli = [];
const inventory = [];
const vault = [];
const invArgs = ['-i', path.join(out, 'inventory'), '--list'];
const vaultArgs = ['view', '--vault-password-file', passFile, path.join(out, 'environments', 'kolla', 'secrets.yml')];
const haveAnsible = time('ansible-inventory', invArgs).status === 0;
for (let i = 0; i < Math.min(RUNS, 7); i++) {
  cli.push(time(process.execPath, cliArgs).ms);
  if (haveAnsible) {
    inventory.push(time('ansible-inventory', invArgs).ms);
    vault.push(time('ansible-vault', vaultArgs).ms);
  }
}

const inApp = median(app.ms);
const inv = haveAnsible ? median(inventory) : null;
const vv = haveAnsible ? median(vault) : null;
const ratio = (anchor, ours) => (anchor === null ? 'n/a' : `${(anchor / ours).toFixed(1)}× faster`);
console.log(`runs: ${RUNS} in-process (median, warm), ${cli.length} commands; node ${process.version}; ${app.files} files, ${(app.bytes / 1024).toFixed(0)} KiB, ${app.leaks} leaks`);
console.log('| measure | ciab | anchor: ansible-inventory --list (reads the inventory) | anchor: ansible-vault view (decrypts one secrets file) |');
console.log('|---|---|---|---|');
console.log(`| in the app: validate + render + vault + leak check, site unchanged (warm) | ${inApp.toFixed(1)} ms | ${inv === null ? 'n/a' : inv.toFixed(0) + ' ms'} (${ratio(inv, inApp)}) | ${vv === null ? 'n/a' : vv.toFixed(0) + ' ms'} (${ratio(vv, inApp)}) |`);
console.log(`| in the app: every vault file changed (no PBKDF2 reuse) | ${median(app.uncachedMs).toFixed(1)} ms | ${inv === null ? 'n/a' : inv.toFixed(0) + ' ms'} (${ratio(inv, median(app.uncachedMs))}) | ${vv === null ? 'n/a' : vv.toFixed(0) + ' ms'} (${ratio(vv, median(app.uncachedMs))}) |`);
console.log(`| in the app: first render of a new site after start (loads data files, generates its secrets) | ${app.coldMs.toFixed(1)} ms | | |`);
console.log(`| \`ciab render --check\` whole command (incl. Node start, writing the tree) | ${median(cli).toFixed(0)} ms | ${inv === null ? 'n/a' : inv.toFixed(0) + ' ms'} (${ratio(inv, median(cli))}) | |`);
const worst = Math.max(inApp, median(app.uncachedMs), app.coldMs);
console.log(`\ntarget: validate + render a full sandbox site well under 200 ms → ${worst < 200 ? 'MET' : 'NOT MET'} (warm ${inApp.toFixed(1)} ms, all files changed ${median(app.uncachedMs).toFixed(1)} ms, cold ${app.coldMs.toFixed(1)} ms)`);
