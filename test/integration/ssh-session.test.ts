// SPDX-License-Identifier: Apache-2.0
// SshSession against a real sshd: one connection for many execs, drops, reconnect with backoff, host key re-check.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type SessionOptions, type SessionStatus, type SshSession } from '../../electron/backend/ssh/ssh-session.js';
import type { SshError } from '../../electron/backend/ssh/ssh-error.js';
import { sshdAvailable, sshdSkipReason, startSshd, type TestSshd } from '../helpers/sshd.js';
import { tempDir } from '../helpers/ssh-keys.js';

describe.skipIf(!sshdAvailable)(`SshSession against a real sshd${sshdSkipReason}`, () => {
  let sshd: TestSshd;
  let tmp: { dir: string; remove: () => Promise<void> };
  let opts: () => SessionOptions;
  const sessions: SshSession[] = [];
  const open = async (over: Partial<SessionOptions> = {}) => {
    const s = await openSession({ ...opts(), ...over });
    sessions.push(s);
    return s;
  };

  beforeAll(async () => {
    sshd = await startSshd();
    tmp = await tempDir('session');
    opts = () => ({
      host: sshd.host, port: sshd.port, username: sshd.username, auth: 'key', keyPath: sshd.clientKeyPath,
      knownHosts: { appFile: join(tmp.dir, 'known_hosts') }, timeoutMs: 5000,
      reconnect: { initialMs: 100, maxMs: 400, maxAttempts: 30 },
    });
    // Pin the key once; every session below must find it pinned.
    (await open({ acceptFingerprint: sshd.hostKeyFingerprint })).close();
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await sshd?.stop();
    await tmp?.remove();
  });

  it('runs 50 commands over one connection, 8 channels at a time', async () => {
    const before = sshd.log().length;
    const s = await open();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => s.exec(`echo out-${i}; echo err-${i} >&2; exit ${i % 4}`)));
    results.forEach((r, i) => {
      expect(r.stdout.toString()).toBe(`out-${i}\n`);
      // The login shell's rc files may add their own noise on stderr (pyenv rehash races on this machine).
      expect(r.stderr.toString()).toMatch(new RegExp(`(^|\\n)err-${i}\\n$`));
      expect(r.code).toBe(i % 4);
    });
    const piped = await s.exec('wc -c', { stdin: Buffer.alloc(100_000, 1) });
    expect(piped.stdout.toString().trim()).toBe('100000');
    await settle();
    const log = sshd.log().slice(before);
    expect(count(log, /Accepted publickey for/g)).toBe(1);
    // One channel per command; a channel sshd refused while it still reaped earlier ones (MaxSessions) is opened again.
    expect(count(log, /server_input_channel_open: ctype session/g) - count(log, /no more sessions/g)).toBe(51);
    expect(s.status()).toMatchObject({ status: 'connected', attempt: 0 });
  });

  it('ends a command on timeout or abort and keeps the connection', async () => {
    const s = await open();
    const slow = await s.exec('sleep 5', { timeoutMs: 200 }).catch((e: SshError) => e);
    expect(slow).toMatchObject({ kind: 'command', message: expect.stringContaining('did not finish') });
    const ac = new AbortController();
    const pending = s.exec('sleep 5', { signal: ac.signal }).catch((e: SshError) => e);
    setTimeout(() => ac.abort('operator pressed Cancel'), 100);
    expect(await pending).toMatchObject({ kind: 'command', message: expect.stringContaining('cancelled') });
    expect((await s.exec('echo still here')).stdout.toString()).toBe('still here\n');
  });

  it('rejects the running exec as dropped, reconnects with backoff, and runs the next exec', async () => {
    const s = await open();
    const seen: SessionStatus[] = [];
    s.onStatus((st) => seen.push(st));
    const inflight = s.exec('sleep 30').catch((e: SshError) => e);
    await waitFor(() => /Starting session: command/.test(sshd.log()));
    const before = sshd.log().length;
    expect(await sshd.dropConnections()).toBeGreaterThan(0);
    const err = (await inflight) as SshError;
    expect(err.kind).toBe('dropped');
    expect(err.detail).toContain('sleep 30');
    // An exec issued while reconnecting waits for the new connection.
    const next = await s.exec('echo after', { timeoutMs: 10_000 });
    expect(next.stdout.toString()).toBe('after\n');
    expect(seen[0]).toMatchObject({ status: 'reconnecting', attempt: 1 });
    expect(seen.at(-1)).toMatchObject({ status: 'connected', attempt: 0, message: expect.stringMatching(/^Reconnected after \d+ attempt/) });
    await settle();
    expect(count(sshd.log().slice(before), /Accepted publickey for/g)).toBe(1);
  });

  it('keeps trying while sshd restarts, gives up after maxAttempts, and reconnectNow() brings it back', async () => {
    const s = await open({ reconnect: { initialMs: 50, maxMs: 100, maxAttempts: 3 } });
    const seen: SessionStatus[] = [];
    s.onStatus((st) => seen.push(st));
    await sshd.dropConnections();
    await sshd.pause();
    await waitFor(() => s.status().status === 'lost', 5000);
    expect(s.status()).toMatchObject({ status: 'lost', attempt: 3, message: expect.stringContaining('3 reconnect attempts failed') });
    expect(seen.map((x) => `${x.status}:${x.attempt}`)).toEqual(['reconnecting:1', 'reconnecting:2', 'reconnecting:3', 'lost:3']);
    expect(await s.exec('true').catch((e: SshError) => e.kind)).toBe('dropped');
    await sshd.resume();
    s.reconnectNow();
    await waitFor(() => s.status().status === 'connected', 5000);
    expect((await s.exec('echo back')).stdout.toString()).toBe('back\n');
  });

  // Last: it replaces the pinned host key.
  it('stops as lost with a mismatch when the host key changed across a reconnect', async () => {
    const s = await open();
    const old = sshd.hostKeyFingerprint;
    const before = sshd.log().length;
    await sshd.restart({ newHostKey: true, dropConnections: true });
    await waitFor(() => s.status().status === 'lost', 5000);
    expect(s.status().message).toContain(`but ${old} was pinned`);
    const e = (await s.exec('true').catch((x: SshError) => x)) as SshError;
    expect(e.kind).toBe('host-key-mismatch');
    s.reconnectNow();
    expect(s.status().status).toBe('lost');
    await settle();
    expect(sshd.log().slice(before)).not.toMatch(/userauth-request/);
    const fresh = await openSession(opts()).catch((x: SshError) => x);
    expect(fresh).toMatchObject({ kind: 'host-key-mismatch' });
  });
});

function count(text: string, re: RegExp): number {
  return (text.match(re) ?? []).length;
}

function settle(): Promise<void> {
  return new Promise((res) => setTimeout(res, 200));
}

async function waitFor(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((res) => setTimeout(res, 20));
  }
}
