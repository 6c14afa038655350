// SPDX-License-Identifier: Apache-2.0
// The `ciab` executable as operators and scripts use it: help, version, exit codes, --json,
// NO_COLOR, and the headless demo to the end.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../../electron/backend/journal/journal-reader.js';
import { tempDataDir } from '../../helpers/backend-driver.js';

const run = promisify(execFile);
const bin = path.resolve('bin/ciab.mjs');

async function ciab(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('ciab CLI', () => {
  it('lists its commands with --help and exits 0', async () => {
    const r = await ciab(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['serve', 'demo', '--json', '--version', 'NO_COLOR']) expect(r.stdout).toContain(c);
  });

  it('prints the package version, also as JSON', async () => {
    const pkg = (await import('../../../package.json', { with: { type: 'json' } })).default as { version: string };
    expect((await ciab(['--version'])).stdout.trim()).toBe(pkg.version);
    expect(JSON.parse((await ciab(['--version', '--json'])).stdout)).toEqual({ name: 'ciab', version: pkg.version });
  });

  it('exits 2 with a pointer to --help on usage errors', async () => {
    for (const args of [['frobnicate'], ['serve', '--port', 'abc'], ['serve', '--bogus'], []]) {
      const r = await ciab(args);
      expect(r.code, args.join(' ')).toBe(2);
    }
    const r = await ciab(['serve', '--port', '99999']);
    expect(r.stderr).toContain('--port must be a whole number from 0 to 65535');
  });

  it('serve prints its URL as JSON, stops cleanly on Ctrl+C with exit 130 and frees the data dir', async () => {
    const { spawn } = await import('node:child_process');
    const dir = tempDataDir();
    const child = spawn(process.execPath, [bin, 'serve', '--no-open', '--json', '--data-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const line = await new Promise<{ event: string; url: string; port: number }>((resolve) => {
      let buf = '';
      child.stdout.on('data', (d) => {
        buf += String(d);
        if (buf.includes('\n')) resolve(JSON.parse(buf.split('\n')[0]!));
      });
    });
    expect(line.event).toBe('listening');
    expect(line.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
    expect((await fetch(`http://127.0.0.1:${line.port}/`)).status).toBe(200);
    expect(existsSync(path.join(dir, 'installer.lock'))).toBe(true);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(130);
    expect(existsSync(path.join(dir, 'installer.lock'))).toBe(false);
  });

  it('runs the demo headless to the end, writes its journal, and respects NO_COLOR', async () => {
    const dir = tempDataDir();
    const r = await ciab(['demo', '--data-dir', dir, '--step-ms', '1'], { NO_COLOR: '1' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Deployment finished (simulated)');
    expect(r.stdout).not.toContain("\u001b[");
    const json = await ciab(['demo', '--json', '--data-dir', tempDataDir(), '--step-ms', '1']);
    const records = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string; journal?: string });
    const done = records.at(-1)!;
    expect(done.event).toBe('done');
    expect(existsSync(done.journal!)).toBe(true);
    const j = readJournal(done.journal!);
    expect(j.header.mode).toBe('demo');
    expect(j.events.filter((e) => e.type === 'transition').map((e) => (e as { to: string }).to)).toEqual(
      expect.arrayContaining(['target.confirmHostKey', 'target.connected', 'hardware.ready', 'site', 'bundle.ready', 'review.rendering', 'review.ready', 'deploy.running', 'done']),
    );
  });
});

describe('ciab CLI options', () => {
  it('offers exactly the simulated hardware the demo server has', async () => {
    const { SIM_HARDWARE } = await import('../../../electron/cli/ciab.js');
    const { SIM_HARDWARE_IDS } = await import('../../../electron/backend/sim/sim-server.js');
    expect([...SIM_HARDWARE].sort()).toEqual([...SIM_HARDWARE_IDS].sort());
    const r = await ciab(['serve', '--demo-hardware', 'quantum']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--demo-hardware must be one of good, small-dirty, vm-no-nested');
  });
});
