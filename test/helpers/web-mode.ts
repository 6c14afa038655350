// SPDX-License-Identifier: Apache-2.0
// Starts the real web mode (`ciab serve`) as a child process for e2e tests: the built renderer
// plus the WebSocket backend and the embedded demo server, exactly as an operator runs it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'bin', 'ciab.mjs');

/** A running `ciab serve`. */
export interface WebMode {
  /** The page address including the access token (`http://127.0.0.1:PORT/#token=…`). */
  url: string;
  port: number;
  dataDir: string;
  /** Everything the process wrote to stderr so far (for failure messages). */
  stderr(): string;
  /** SIGTERM and wait for a clean exit (SIGKILL after 5 s). */
  stop(): Promise<void>;
  /** SIGKILL (a crash: nothing gets to flush) and wait until the process is gone. */
  kill(): Promise<void>;
}

/** A fresh temporary data directory for one test run. */
export function makeDataDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'ciab-e2e-'));
}

/**
 * Starts `ciab serve --port <port|0> --data-dir <dir> --no-open --json [...serveArgs]`; pass the
 * same dataDir to restart. `serveArgs` adds options such as `['--demo-hardware', 'small-dirty']`.
 */
export async function startWebMode(opts: { dataDir?: string; port?: number; timeoutMs?: number; serveArgs?: readonly string[] } = {}): Promise<WebMode> {
  const dataDir = opts.dataDir ?? (await makeDataDir());
  const child = spawn(process.execPath, [CLI, 'serve', '--port', String(opts.port ?? 0), '--data-dir', dataDir, '--no-open', '--json', ...(opts.serveArgs ?? [])], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const listening = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => fail(new Error(`ciab serve did not report "listening" within ${opts.timeoutMs ?? 30_000} ms\n${err}`)), opts.timeoutMs ?? 30_000);
    const fail = (e: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(e);
    };
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      buf += d;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        const rec = parseJson(line);
        if (rec?.event === 'listening' && typeof rec.url === 'string' && typeof rec.port === 'number') {
          clearTimeout(timer);
          resolve({ url: rec.url, port: rec.port });
        }
      }
    });
    child.once('exit', (code, signal) => fail(new Error(`ciab serve exited (${signal ?? code}) before listening\n${err}`)));
  });

  return {
    ...listening,
    dataDir,
    stderr: () => err,
    stop: () => terminate(child, exited, 'SIGTERM'),
    kill: () => terminate(child, exited, 'SIGKILL'),
  };
}

function parseJson(line: string): Record<string, unknown> | null {
  if (!line.startsWith('{')) return null;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
}

async function terminate(child: ChildProcess, exited: Promise<void>, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}
