// SPDX-License-Identifier: Apache-2.0
// Backend start to first screen served (target: under 1 s). Measures `ciab serve` from spawn
// to (a) listening, (b) index.html + its script served, (c) the first workflow view answered
// over the WebSocket, and (d) with Debian Chromium, the welcome screen drawn. Anchors in the
// same run: a bare `node -e 0` (the floor) and `ansible-playbook --version` (the CLI an operator
// would otherwise start first).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeCommand(cmd, args) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return r.error ? null : performance.now() - t0;
}

async function startOnce(browser) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ciab-bench-'));
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'bin', 'ciab.mjs'), 'serve', '--port', '0', '--no-open', '--json', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(buf.slice(0, nl)));
    });
    child.once('exit', (c) => reject(new Error(`serve exited ${c}`)));
  });
  const tListen = performance.now() - t0;
  const base = `http://127.0.0.1:${line.port}`;
  const html = await (await fetch(`${base}/`)).text();
  const script = /src="\.?\/?([^"]+\.js)"/.exec(html)?.[1];
  if (script) await (await fetch(`${base}/${script}`)).arrayBuffer();
  const tServed = performance.now() - t0;
  const token = new URL(line.url).hash.slice('#token='.length);
  await new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${line.port}/api?token=${token}`);
    ws.on('open', () => ws.send(JSON.stringify({ kind: 'request', id: 1, method: 'workflow.get', params: {} })));
    ws.on('message', (d) => {
      const m = JSON.parse(String(d));
      if (m.kind === 'response') {
        ws.close();
        resolve();
      }
    });
    ws.on('error', reject);
  });
  const tView = performance.now() - t0;
  let tDrawn = null;
  if (browser) {
    const page = await browser.newPage();
    await page.goto(line.url);
    await page.waitForFunction(() => (globalThis.document.querySelector('#root')?.textContent ?? '').length > 20);
    tDrawn = performance.now() - t0;
    await page.close();
  }
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { tListen, tServed, tView, tDrawn };
}

let browser = null;
if (existsSync('/usr/bin/chromium')) {
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
}
await startOnce(browser); // warm the file cache, as a second start on a laptop would be
const runs = [];
for (let i = 0; i < RUNS; i++) runs.push(await startOnce(browser));
await browser?.close();
const nodeFloor = median(Array.from({ length: RUNS }, () => timeCommand(process.execPath, ['-e', '0'])));
const ansibleRuns = Array.from({ length: RUNS }, () => timeCommand('ansible-playbook', ['--version']));
const ansible = ansibleRuns.includes(null) ? null : median(ansibleRuns);

const m = (k) => median(runs.map((r) => r[k]));
const ms = (v) => (v === null ? 'n/a' : `${v.toFixed(0)} ms`);
const served = m('tServed');
console.log(`runs: ${RUNS} (median), machine: ${process.arch}, node ${process.version}`);
console.log('| measure | ciab serve | node -e 0 (floor) | ansible-playbook --version | ratio to ansible |');
console.log('|---|---|---|---|---|');
for (const [label, k] of [['listening', 'tListen'], ['first screen served (html+js)', 'tServed'], ['first workflow view over WS', 'tView'], ['welcome drawn in Chromium', 'tDrawn']]) {
  const v = runs[0][k] === null ? null : m(k);
  console.log(`| ${label} | ${ms(v)} | ${ms(nodeFloor)} | ${ms(ansible)} | ${v !== null && ansible ? (v / ansible).toFixed(2) + '×' : 'n/a'} |`);
}
console.log(`\ntarget: first screen served < 1000 ms → ${served < 1000 ? 'MET' : 'NOT MET'} (${served.toFixed(0)} ms)`);
