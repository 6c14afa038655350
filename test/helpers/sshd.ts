// SPDX-License-Identifier: Apache-2.0
// Starts a real OpenSSH server on 127.0.0.1 for integration tests: own host key, own authorized_keys.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { generateKey, keygenFingerprint, tempDir, type TestKey } from './ssh-keys.js';

/** Path of the OpenSSH server binary (Debian `openssh-server`). */
export const SSHD_PATH = '/usr/sbin/sshd';
/** Whether integration tests against a real sshd can run here. */
export const sshdAvailable = existsSync(SSHD_PATH);
// On CI a missing sshd is a broken setup, not a reason to skip: fail loudly.
if (!sshdAvailable && process.env.CI) throw new Error(`${SSHD_PATH} is missing on CI: .ci/run must install openssh-server`);
/** Appended to describe names so a skipped run says why. */
export const sshdSkipReason = sshdAvailable ? '' : ` (skipped: ${SSHD_PATH} missing; apt-get install openssh-server)`;

/** A running test sshd. */
export interface TestSshd {
  host: '127.0.0.1';
  port: number;
  username: string;
  /** Private key whose public half is in authorized_keys. */
  clientKeyPath: string;
  clientKey: TestKey;
  /** Fingerprint of the current host key (changes after restart({ newHostKey: true })). */
  hostKeyFingerprint: string;
  /** Everything sshd logged so far (LogLevel DEBUG1, per-connection children included). */
  log(): string;
  /** Stop and start again on the same port, optionally with a freshly generated host key. */
  restart(opts?: { newHostKey?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

/** Find a port that is free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Start /usr/sbin/sshd -D -e with its own config in a temp dir; resolves once it listens. */
export async function startSshd(): Promise<TestSshd> {
  // Privilege separation needs this directory; as non-root it may fail and sshd copes.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 }).catch(() => undefined);
  const tmp = await tempDir('sshd');
  const dir = tmp.dir;
  const clientKey = await generateKey(dir, 'client_ed25519');
  await writeFile(join(dir, 'authorized_keys'), `${clientKey.publicLine}\n`, { mode: 0o600 });
  const hostKeyPath = join(dir, 'host_ed25519');
  let hostKeyFingerprint = await makeHostKey(hostKeyPath);
  const port = await freePort();
  const cfg = join(dir, 'sshd_config');
  await writeFile(
    cfg,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKeyPath}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'PermitRootLogin yes',
      'LogLevel DEBUG1',
      '',
    ].join('\n'),
  );

  let proc: ChildProcess | undefined;
  let logText = '';
  const start = async () => {
    proc = await launch(cfg, port, (chunk) => (logText += chunk));
  };
  const stopProc = async () => {
    const p = proc;
    proc = undefined;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()));
    // sshd was started in its own process group: this also ends per-connection children it forked.
    try {
      process.kill(-(p.pid as number), 'SIGTERM');
    } catch {
      p.kill('SIGTERM');
    }
    await exited;
  };
  await start();

  return {
    host: '127.0.0.1',
    port,
    username: userInfo().username,
    clientKeyPath: clientKey.privatePath,
    clientKey,
    get hostKeyFingerprint() {
      return hostKeyFingerprint;
    },
    log: () => logText,
    async restart(opts = {}) {
      await stopProc();
      if (opts.newHostKey) hostKeyFingerprint = await makeHostKey(hostKeyPath);
      await start();
    },
    async stop() {
      await stopProc();
      await tmp.remove();
    },
  };
}

async function makeHostKey(path: string): Promise<string> {
  await rm(path, { force: true });
  await rm(`${path}.pub`, { force: true });
  const key = await generateKey(join(path, '..'), 'host_ed25519');
  return keygenFingerprint(key.publicPath);
}

// Spawn sshd and wait for its "Server listening" line (or fail with what it printed).
function launch(cfg: string, port: number, onLog: (s: string) => void): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const p = spawn(SSHD_PATH, ['-f', cfg, '-D', '-e'], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`sshd did not start listening within 10 s:\n${seen}`)), 10_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      p.kill('SIGKILL');
      reject(err);
    };
    p.once('error', fail);
    p.once('exit', (code) => fail(new Error(`sshd exited with ${code} before listening:\n${seen}`)));
    let listening = false;
    p.stderr?.setEncoding('utf8');
    p.stderr?.on('data', (chunk: string) => {
      onLog(chunk);
      if (listening) return;
      seen += chunk;
      if (seen.includes(`Server listening on 127.0.0.1 port ${port}`)) {
        listening = true;
        clearTimeout(timer);
        p.removeAllListeners('exit');
        p.removeAllListeners('error');
        resolve(p);
      }
    });
  });
}
