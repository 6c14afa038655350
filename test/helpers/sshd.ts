// SPDX-License-Identifier: Apache-2.0
// Starts a real OpenSSH server on loopback for integration tests: own host key, own authorized_keys.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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

/** How a test sshd differs from the key-only default. */
export interface SshdOptions {
  /** Loopback address to listen on (default 127.0.0.1; any 127.x.y.z works on Linux without setup). */
  listenAddress?: string;
  /** `PasswordAuthentication yes` (checked against /etc/shadow, or PAM with usePam). */
  passwordAuthentication?: boolean;
  /** `KbdInteractiveAuthentication yes`; with usePam the PAM conversation asks "Password:". */
  kbdInteractiveAuthentication?: boolean;
  /** `UsePAM yes` (Debian's /etc/pam.d/sshd). */
  usePam?: boolean;
  /** Default DEBUG1; DEBUG3 logs every request, for tests that prove a secret never reached sshd. */
  logLevel?: 'INFO' | 'VERBOSE' | 'DEBUG1' | 'DEBUG2' | 'DEBUG3';
  /** More sshd_config lines, e.g. `PermitOpen 127.0.0.2:2222` (before any Match block). */
  extraConfig?: string[];
}

/** A running test sshd. */
export interface TestSshd {
  host: string;
  port: number;
  username: string;
  /** Private key whose public half is in authorized_keys. */
  clientKeyPath: string;
  clientKey: TestKey;
  /** Fingerprint of the current host key (changes after restart({ newHostKey: true })). */
  hostKeyFingerprint: string;
  /** Everything sshd logged so far, restarts included (LogLevel DEBUG1, per-connection children included). */
  log(): string;
  /** Stop and start again on the same port, optionally with a freshly generated host key. */
  restart(opts?: { newHostKey?: boolean; dropConnections?: boolean }): Promise<void>;
  /** Stop listening (existing connections stay), as while sshd restarts or the server reboots. */
  pause(): Promise<void>;
  /** Listen again after pause(), same port and host key. */
  resume(): Promise<void>;
  /** SIGKILL every per-connection sshd process and what runs under it (a cut cable); returns how many. */
  dropConnections(): Promise<number>;
  /** The per-connection processes right now (to SIGKILL later at an exact moment, without a /proc scan). */
  connectionPids(): Promise<number[]>;
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

/** Start /usr/sbin/sshd -D -E <log> with its own config in a temp dir; resolves once it listens. */
export async function startSshd(opts: SshdOptions = {}): Promise<TestSshd> {
  const host = opts.listenAddress ?? '127.0.0.1';
  const yesNo = (v: boolean | undefined) => (v ? 'yes' : 'no');
  // Privilege separation needs this directory; as non-root it may fail and sshd copes.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 }).catch(() => undefined);
  const tmp = await tempDir('sshd');
  const dir = tmp.dir;
  const clientKey = await generateKey(dir, 'client_ed25519');
  // sshd reads authorized_keys as the logging-in user: other test users need to reach it (keys stay 0600).
  await chmod(dir, 0o711);
  await writeFile(join(dir, 'authorized_keys'), `${clientKey.publicLine}\n`, { mode: 0o644 });
  // A clean home for the user running the tests, as on a freshly installed server: a developer's or CI's own
  // ~/.bashrc (pyenv init, with a rehash lock that a SIGKILLed login leaves behind) must not run on every
  // SSH exec, slowing each one by ~170 ms and, after a cut mid-login, hanging every later one for 60 s.
  const home = join(dir, 'home');
  await mkdir(home, { mode: 0o700 });
  const hostKeyPath = join(dir, 'host_ed25519');
  let hostKeyFingerprint = await makeHostKey(hostKeyPath);
  const port = await freePort();
  const cfg = join(dir, 'sshd_config');
  await writeFile(
    cfg,
    [
      `Port ${port}`,
      `ListenAddress ${host}`,
      `HostKey ${hostKeyPath}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PubkeyAuthentication yes',
      `PasswordAuthentication ${yesNo(opts.passwordAuthentication)}`,
      `KbdInteractiveAuthentication ${yesNo(opts.kbdInteractiveAuthentication)}`,
      `UsePAM ${yesNo(opts.usePam)}`,
      'StrictModes no',
      'PermitRootLogin yes',
      `LogLevel ${opts.logLevel ?? 'DEBUG1'}`,
      ...(opts.extraConfig ?? []),
      `Match User ${userInfo().username}`,
      `  SetEnv HOME=${home}`,
      '',
    ].join('\n'),
  );

  let proc: ChildProcess | undefined;
  // -E, not -e: with -e the per-session child's debug lines end up in the channel's stderr.
  const logFile = join(dir, 'sshd.log');
  await writeFile(logFile, '');
  const start = async () => {
    proc = await launch(cfg, logFile, host, port);
  };
  const stopProc = async () => {
    const p = proc;
    proc = undefined;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()));
    // The listener's own process group; connection children called setsid() and live on (see dropConnections).
    try {
      process.kill(-(p.pid as number), 'SIGTERM');
    } catch {
      p.kill('SIGTERM');
    }
    await exited;
  };
  const dropConnections = async () => {
    const pid = proc?.pid;
    if (!pid) return 0;
    const pids = await descendants(pid);
    killAll(pids);
    return pids.length;
  };
  await start();

  return {
    host,
    port,
    username: userInfo().username,
    clientKeyPath: clientKey.privatePath,
    clientKey,
    get hostKeyFingerprint() {
      return hostKeyFingerprint;
    },
    log: () => readFileSync(logFile, 'utf8'),
    async restart(opts = {}) {
      // Collected first: once the listener is gone, its connection children are orphans we cannot find.
      const children = opts.dropConnections && proc?.pid ? await descendants(proc.pid) : [];
      await stopProc();
      killAll(children);
      if (opts.newHostKey) hostKeyFingerprint = await makeHostKey(hostKeyPath);
      await start();
    },
    dropConnections,
    connectionPids: async () => (proc?.pid ? descendants(proc.pid) : []),
    pause: stopProc,
    resume: start,
    async stop() {
      // Connection children called setsid(): they outlive the listener unless ended first.
      await dropConnections();
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

function killAll(pids: number[]): void {
  for (const p of pids) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // Already gone: a connection may end by itself meanwhile.
    }
  }
}

/** Every process below `root` in the process tree (from /proc), deepest last. */
export async function descendants(root: number): Promise<number[]> {
  const parent = new Map<number, number>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    // Field 4 is the parent pid; the command name (field 2) may contain spaces, so parse after its ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parent.set(Number(name), ppid);
  }
  const out: number[] = [];
  let frontier = [root];
  while (frontier.length) {
    const next = [...parent].filter(([, pp]) => frontier.includes(pp)).map(([p]) => p);
    out.push(...next);
    frontier = next;
  }
  return out;
}

// Spawn sshd and wait until its log says "Server listening" (or fail with what it printed).
function launch(cfg: string, logFile: string, host: string, port: number): Promise<ChildProcess> {
  const from = statSync(logFile).size;
  return new Promise((resolve, reject) => {
    const p = spawn(SSHD_PATH, ['-f', cfg, '-D', '-E', logFile], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let early = '';
    p.stderr?.setEncoding('utf8');
    p.stderr?.on('data', (chunk: string) => (early += chunk));
    const said = () => `${early}${readFileSync(logFile, 'utf8').slice(from)}`;
    const started = Date.now();
    const done = (err?: Error) => {
      clearInterval(poll);
      p.removeAllListeners('exit');
      p.removeAllListeners('error');
      if (!err) return resolve(p);
      p.kill('SIGKILL');
      reject(err);
    };
    const poll = setInterval(() => {
      if (said().includes(`Server listening on ${host} port ${port}`)) done();
      else if (Date.now() - started > 10_000) done(new Error(`sshd did not start listening within 10 s:\n${said()}`));
    }, 10);
    p.once('error', (err) => done(err));
    p.once('exit', (code) => done(new Error(`sshd exited with ${code} before listening:\n${said()}`)));
  });
}
