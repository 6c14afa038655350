// SPDX-License-Identifier: Apache-2.0
// ProxyJump through a second real sshd: per-hop host-key pinning, an ssh-config alias, errors naming the hop, MITM.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTarget, SshError, type ConnectOptions, type JumpHop } from '../../electron/backend/ssh/connect-target.js';
import { targetConnectOptions } from '../../electron/backend/ssh/target-options.js';
import { sshdAvailable, sshdSkipReason, startSshd, type TestSshd } from '../helpers/sshd.js';
import { tempDir } from '../helpers/ssh-keys.js';

describe.skipIf(!sshdAvailable)(`ProxyJump through a second sshd${sshdSkipReason}`, () => {
  let jump: TestSshd;
  let target: TestSshd;
  let tmp: { dir: string; remove: () => Promise<void> };
  let appFile: string;
  let hop: () => JumpHop;
  let base: () => ConnectOptions;

  beforeAll(async () => {
    tmp = await tempDir('proxy-jump');
    appFile = join(tmp.dir, 'known_hosts');
    // The target listens on 127.0.0.2; the jump host may forward there and nowhere else.
    target = await startSshd({ listenAddress: '127.0.0.2' });
    jump = await startSshd({ extraConfig: ['AllowTcpForwarding yes', `PermitOpen ${target.host}:${target.port}`] });
    hop = () => ({ host: jump.host, port: jump.port, username: jump.username, identityFiles: [jump.clientKeyPath], alias: 'ciab-jump' });
    base = () => ({
      host: target.host, port: target.port, username: target.username, auth: 'key', keyPath: target.clientKeyPath,
      knownHosts: { appFile }, proxyJump: [hop()], timeoutMs: 8000,
    });
  });
  afterAll(async () => {
    await Promise.all([jump?.stop(), target?.stop()]);
    await tmp?.remove();
  });

  it('asks for each hop key in turn, logs in to nothing it has not pinned, and goes through the jump host', async () => {
    const first = await connectTarget(base());
    expect(first).toEqual({
      hostKey: { algorithm: 'ssh-ed25519', fingerprint: jump.hostKeyFingerprint, status: 'unknown', hop: 'ciab-jump' },
      facts: null,
      hops: [{ algorithm: 'ssh-ed25519', fingerprint: jump.hostKeyFingerprint, status: 'unknown', hop: 'ciab-jump' }],
    });
    await settle();
    expect(jump.log()).not.toMatch(/userauth-request/);
    expect(target.log()).not.toMatch(/Connection from/);

    const second = await connectTarget({ ...base(), acceptFingerprint: jump.hostKeyFingerprint });
    expect(second.hostKey).toEqual({ algorithm: 'ssh-ed25519', fingerprint: target.hostKeyFingerprint, status: 'unknown' });
    expect(second.hops?.[0]?.status).toBe('accepted');
    expect(second.facts).toBeNull();
    await settle();
    expect(target.log()).not.toMatch(/userauth-request/);

    const third = await connectTarget({ ...base(), acceptFingerprint: target.hostKeyFingerprint });
    expect(third.hostKey.status).toBe('accepted');
    expect(third.hops?.map((h) => h.status)).toEqual(['pinned']);
    expect(third.facts?.hostname).toBeTruthy();

    const fourth = await connectTarget(base());
    expect([fourth.hostKey.status, ...(fourth.hops ?? []).map((h) => h.status)]).toEqual(['pinned', 'pinned']);
    await settle();
    // The jump host opened the TCP connection to the target (direct-tcpip), and the target saw the login.
    expect(jump.log()).toMatch(new RegExp(`server_request_direct_tcpip: originator \\S+ port \\d+, target ${esc(target.host)} port ${target.port}`));
    expect(jump.log()).toMatch(new RegExp(`channel \\d+: connected to ${esc(target.host)} port ${target.port}`));
    expect(target.log()).toMatch(/Accepted publickey for/);
  });

  it('connects to an alias from an ssh config: HostName, Port, User, IdentityFile, ProxyJump (via Include)', async () => {
    const sshDir = join(tmp.dir, 'dot-ssh');
    await mkdir(join(sshDir, 'config.d'), { recursive: true });
    await writeFile(join(sshDir, 'config'), [
      'Include config.d/*.conf',
      'Host ciab-site',
      `  HostName ${target.host}`,
      `  Port ${target.port}`,
      `  User ${target.username}`,
      `  IdentityFile ${target.clientKeyPath}`,
      '  ProxyJump ciab-jump',
      '',
    ].join('\n'));
    await writeFile(join(sshDir, 'config.d', 'jump.conf'), [
      'Host ciab-jump',
      `  HostName ${jump.host}`,
      `  Port ${jump.port}`,
      `  IdentityFile ${jump.clientKeyPath}`,
      '',
    ].join('\n'));
    const { options, resolved } = await targetConnectOptions({ host: 'ciab-site', auth: 'key' }, { knownHosts: { appFile }, timeoutMs: 8000 },
      { configFile: join(sshDir, 'config') });
    expect(resolved).toEqual({
      host: target.host, port: target.port, username: target.username, identityFiles: [target.clientKeyPath], alias: 'ciab-site',
      proxyJump: [{ host: jump.host, port: jump.port, username: expect.any(String), identityFiles: [jump.clientKeyPath], alias: 'ciab-jump' }],
    });
    const r = await connectTarget(options);
    expect(r.hostKey.status).toBe('pinned');
    expect(r.hops?.map((h) => [h.hop, h.status])).toEqual([['ciab-jump', 'pinned']]);
    expect(r.facts?.hostname).toBeTruthy();
  });

  it('names the hop when the jump host refuses to forward or to log in', async () => {
    const forbidden = await connectTarget({ ...base(), port: target.port + 1 }).then(() => null, (e: unknown) => e as SshError);
    expect(forbidden).toBeInstanceOf(SshError);
    expect(forbidden).toMatchObject({ hop: 'ciab-jump', host: target.host, port: target.port + 1 });
    expect(forbidden?.message).toMatch(/^Jump host ciab-jump: The jump host could not open a connection to 127\.0\.0\.2:/);
    expect(forbidden?.nextAction).toMatch(/PermitOpen/);

    const badKey = await connectTarget({ ...base(), proxyJump: [{ ...hop(), identityFiles: [target.clientKeyPath] }] })
      .then(() => null, (e: unknown) => e as SshError);
    expect(badKey).toMatchObject({ kind: 'auth', hop: 'ciab-jump', host: jump.host, port: jump.port });
    expect(badKey?.message).toContain(`Jump host ciab-jump: Login as ${jump.username} on ${jump.host}:${jump.port} was refused`);
  });

  // Last two: they replace host keys the tests above pinned.
  it('refuses a target that answers with another host key behind a pinned jump host, without logging in to it', async () => {
    const old = target.hostKeyFingerprint;
    await target.restart({ newHostKey: true });
    const before = target.log().length;
    const r = await connectTarget({ ...base(), acceptFingerprint: target.hostKeyFingerprint });
    expect(r.hostKey).toEqual({ algorithm: 'ssh-ed25519', fingerprint: target.hostKeyFingerprint, status: 'mismatch', expectedFingerprint: old });
    expect(r.hops?.map((h) => h.status)).toEqual(['pinned']);
    expect(r.facts).toBeNull();
    await settle();
    expect(target.log().slice(before)).not.toMatch(/userauth-request/);
  });

  it('refuses a jump host that answers with another host key, before sending it anything', async () => {
    const old = jump.hostKeyFingerprint;
    await jump.restart({ newHostKey: true });
    const jumpBefore = jump.log().length;
    const targetBefore = target.log().length;
    const r = await connectTarget({ ...base(), acceptFingerprint: jump.hostKeyFingerprint });
    expect(r.hostKey).toEqual({
      algorithm: 'ssh-ed25519', fingerprint: jump.hostKeyFingerprint, status: 'mismatch', expectedFingerprint: old, hop: 'ciab-jump',
    });
    expect(r.facts).toBeNull();
    await settle();
    expect(jump.log().slice(jumpBefore)).not.toMatch(/userauth-request/);
    expect(target.log().slice(targetBefore)).not.toMatch(/Connection from/);
  });
});

function settle(): Promise<void> {
  return new Promise((res) => setTimeout(res, 200));
}

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
