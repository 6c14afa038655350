// SPDX-License-Identifier: Apache-2.0
// connectTarget against a real OpenSSH server: trust-on-first-use, pinning, mismatch, and error mapping.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { hostname, release } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTarget, SshError, type ConnectOptions } from '../../electron/backend/ssh/connect-target.js';
import { parseOsRelease } from '../../electron/backend/ssh/server-facts.js';
import { freePort, sshdAvailable, sshdSkipReason, startSshd, type TestSshd } from '../helpers/sshd.js';
import { generateKey, run, tempDir } from '../helpers/ssh-keys.js';

const CANARY = 'canary-S3cret-pa55-7f3a';

describe.skipIf(!sshdAvailable)(`connectTarget against a real sshd${sshdSkipReason}`, () => {
  let sshd: TestSshd;
  let tmp: { dir: string; remove: () => Promise<void> };
  let appFile: string;
  let base: () => ConnectOptions;

  beforeAll(async () => {
    sshd = await startSshd();
    tmp = await tempDir('connect');
    appFile = join(tmp.dir, 'app-data', 'ssh', 'known_hosts');
    base = () => ({
      host: sshd.host,
      port: sshd.port,
      username: sshd.username,
      auth: 'key',
      keyPath: sshd.clientKeyPath,
      knownHosts: { appFile, userFile: join(tmp.dir, 'no-such-home', '.ssh', 'known_hosts') },
      timeoutMs: 5000,
    });
  });
  afterAll(async () => {
    await sshd?.stop();
    await tmp?.remove();
  });

  it('stops at an unknown host key without attempting to log in', async () => {
    const before = sshd.log().length;
    const r = await connectTarget(base());
    expect(r).toEqual({
      hostKey: { algorithm: 'ssh-ed25519', fingerprint: sshd.hostKeyFingerprint, status: 'unknown' },
      facts: null,
    });
    // Give sshd's child a moment to log the disconnect, then prove no userauth request reached it.
    await new Promise((res) => setTimeout(res, 200));
    const log = sshd.log().slice(before);
    expect(log).toMatch(/Connection (closed|reset) by|kex_exchange_identification|ssh_dispatch_run_fatal|Disconnected from/);
    expect(log).not.toMatch(/userauth-request/);
  });

  it('pins an accepted fingerprint and returns the facts of this machine', async () => {
    const r = await connectTarget({ ...base(), acceptFingerprint: sshd.hostKeyFingerprint });
    expect(r.hostKey.status).toBe('accepted');
    const osRelease = parseOsRelease(await readFile('/etc/os-release', 'utf8'));
    expect(r.facts).toEqual({ hostname: hostname(), kernel: release(), os: osRelease.PRETTY_NAME });
    const pinned = await readFile(appFile, 'utf8');
    expect(pinned).toMatch(new RegExp(`^\\[127\\.0\\.0\\.1\\]:${sshd.port} ssh-ed25519 AAAA\\S+\\n$`));
    expect((await stat(appFile)).mode & 0o777).toBe(0o600);
    const found = await run('ssh-keygen', ['-F', `[127.0.0.1]:${sshd.port}`, '-f', appFile]);
    expect(found.code).toBe(0);
  });

  it('reports pinned on the next connect', async () => {
    const before = sshd.log().length;
    const r = await connectTarget(base());
    expect(r.hostKey.status).toBe('pinned');
    expect(r.facts?.hostname).toBe(hostname());
    // The counterpart of the "no login attempted" checks: a real login does show up in this log.
    await new Promise((res) => setTimeout(res, 100));
    expect(sshd.log().slice(before)).toMatch(/userauth-request/);
  });

  it('logs in with a passphrase-protected ecdsa key', async () => {
    const keyDir = await tempDir('pass-key');
    try {
      const key = await generateKey(keyDir.dir, 'ecdsa_pass', 'ecdsa', CANARY);
      await appendAuthorized(key.publicLine);
      const r = await connectTarget({ ...base(), keyPath: key.privatePath, passphrase: CANARY });
      expect(r.facts?.kernel).toBe(release());
      // A wrong passphrase is reported before dialing, and never echoed back.
      const err = await connectTarget({ ...base(), keyPath: key.privatePath, passphrase: `${CANARY}-wrong` }).catch((e) => e);
      expect(err).toBeInstanceOf(SshError);
      expect(err.kind).toBe('auth');
      expectNoCanary(err);
    } finally {
      await keyDir.remove();
    }
  });

  it('logs in through a real ssh-agent', async () => {
    const agentDir = await tempDir('agent');
    const sock = join(agentDir.dir, 'agent.sock');
    const agent: ChildProcess = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    const saved = process.env.SSH_AUTH_SOCK;
    try {
      await waitFor(async () => (await stat(sock).catch(() => null)) !== null);
      const added = await run('ssh-add', [sshd.clientKeyPath], { ...process.env, SSH_AUTH_SOCK: sock });
      expect(added.code).toBe(0);
      process.env.SSH_AUTH_SOCK = sock;
      const r = await connectTarget({ ...base(), auth: 'agent', keyPath: undefined });
      expect(r.facts?.hostname).toBe(hostname());
    } finally {
      if (saved === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = saved;
      agent.kill('SIGTERM');
      await agentDir.remove();
    }
  });

  it('rejects a key the server does not know as an auth error that names the methods', async () => {
    const keyDir = await tempDir('wrong-key');
    try {
      const wrong = await generateKey(keyDir.dir, 'stranger');
      const err = await connectTarget({ ...base(), keyPath: wrong.privatePath }).catch((e) => e);
      expect(err).toBeInstanceOf(SshError);
      expect(err.kind).toBe('auth');
      expect(err.message).toContain(`127.0.0.1:${sshd.port}`);
      expect(err.message).toContain(`key (${wrong.privatePath})`);
      expect(err.message).toContain('The server offers: publickey');
      expect(err.nextAction).toContain('authorized_keys');
    } finally {
      await keyDir.remove();
    }
  });

  it('never lets a password appear in an error', async () => {
    const err = await connectTarget({ ...base(), auth: 'password', password: CANARY }).catch((e) => e);
    expect(err).toBeInstanceOf(SshError);
    expect(err.kind).toBe('auth');
    expect(err.nextAction).toContain('does not accept passwords');
    expectNoCanary(err);
    const refused = await connectTarget({ ...base(), port: await freePort(), auth: 'password', password: CANARY }).catch((e) => e);
    expectNoCanary(refused);
  });

  it('maps a closed port to kind refused with host:port and the sshd hint', async () => {
    const port = await freePort();
    const err = await connectTarget({ ...base(), port }).catch((e) => e);
    expect(err).toBeInstanceOf(SshError);
    expect(err).toMatchObject({ kind: 'refused', host: '127.0.0.1', port });
    expect(err.message).toContain(`127.0.0.1:${port}`);
    expect(err.nextAction).toContain('systemctl status ssh');
  });

  it('maps a silent peer to kind timeout', async () => {
    // A TCP server that accepts and never speaks SSH: like a wrong IP behind a port forward.
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((res) => silent.listen(0, '127.0.0.1', () => res()));
    const port = (silent.address() as { port: number }).port;
    try {
      const err = await connectTarget({ ...base(), port, timeoutMs: 300 }).catch((e) => e);
      expect(err).toMatchObject({ kind: 'timeout', port });
      expect(err.nextAction).toMatch(/cable/);
    } finally {
      silent.close();
    }
  });

  // Last: it replaces the host key the other tests pinned.
  it('reports a changed host key as mismatch with both fingerprints, without logging in', async () => {
    const old = sshd.hostKeyFingerprint;
    await sshd.restart({ newHostKey: true });
    expect(sshd.hostKeyFingerprint).not.toBe(old);
    const before = sshd.log().length;
    const r = await connectTarget({ ...base(), acceptFingerprint: sshd.hostKeyFingerprint });
    expect(r).toEqual({
      hostKey: {
        algorithm: 'ssh-ed25519',
        fingerprint: sshd.hostKeyFingerprint,
        status: 'mismatch',
        expectedFingerprint: old,
      },
      facts: null,
    });
    await new Promise((res) => setTimeout(res, 200));
    expect(sshd.log().slice(before)).not.toMatch(/userauth-request/);
  });

  async function appendAuthorized(line: string): Promise<void> {
    const { appendFile } = await import('node:fs/promises');
    const authorized = join(sshd.clientKeyPath, '..', 'authorized_keys');
    await appendFile(authorized, `${line}\n`);
  }
});

function expectNoCanary(err: unknown): void {
  const e = err as Error;
  const texts = [JSON.stringify(err), String(err), e.message, e.stack ?? '', JSON.stringify(Object.assign({}, err))];
  for (const t of texts) expect(t).not.toContain('canary-S3cret');
}

async function waitFor(cond: () => Promise<boolean>, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((res) => setTimeout(res, 20));
  }
}
