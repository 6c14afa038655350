// SPDX-License-Identifier: Apache-2.0
// The embedded simulated CiaB server, end to end: our own client, ssh2, and the real OpenSSH `ssh`.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { PublicKeyAuthMethod } from 'ssh2';
import { execOn } from '../helpers/ssh2-exec.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTarget, SshError } from '../../electron/backend/ssh/connect-target.js';
import { startSimServer, type SimServer } from '../../electron/backend/sim/sim-server.js';
import { generateKey, run, tempDir, type TestKey } from '../helpers/ssh-keys.js';

describe('simulated CiaB server', () => {
  let tmp: { dir: string; remove: () => Promise<void> };
  let hostKeyPath: string;
  let sim: SimServer;
  let clientKey: TestKey;

  beforeAll(async () => {
    tmp = await tempDir('sim');
    hostKeyPath = join(tmp.dir, 'state', 'sim-host-key');
    sim = await startSimServer({ hostKeyPath });
    clientKey = await generateKey(tmp.dir, 'client');
  });
  afterAll(async () => {
    await sim?.close();
    await tmp?.remove();
  });

  it('listens on loopback only, with a persisted 0600 ed25519 host key', async () => {
    expect(sim.host).toBe('127.0.0.1');
    expect(sim.port).toBeGreaterThan(0);
    expect(sim.username).toBe('ciab');
    expect(sim.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect((await stat(hostKeyPath)).mode & 0o777).toBe(0o600);
  });

  it('goes unknown → accepted → pinned with connectTarget and reports the demo facts', async () => {
    const knownHosts = { appFile: join(tmp.dir, 'known_hosts') };
    const base = { host: sim.host, port: sim.port, username: 'ciab', auth: 'none' as const, knownHosts };
    const first = await connectTarget(base);
    expect(first).toEqual({
      hostKey: { algorithm: 'ssh-ed25519', fingerprint: sim.hostKeyFingerprint, status: 'unknown' },
      facts: null,
    });
    // Accepting some other fingerprint (a stale dialog, a typo) must not pin what the server shows.
    const stale = await connectTarget({ ...base, acceptFingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(stale.hostKey.status).toBe('unknown');
    await expect(stat(knownHosts.appFile)).rejects.toThrow(/ENOENT/);
    const accepted = await connectTarget({ ...base, acceptFingerprint: sim.hostKeyFingerprint });
    expect(accepted.hostKey.status).toBe('accepted');
    expect(accepted.facts).toEqual({ hostname: 'ciab-demo-01', kernel: '6.8.0-48-generic', os: 'Ubuntu 24.04.1 LTS' });
    const again = await connectTarget({ ...base, auth: 'key', keyPath: clientKey.privatePath });
    expect(again.hostKey.status).toBe('pinned');
    const pw = await connectTarget({ ...base, auth: 'password', password: 'anything' });
    expect(pw.facts?.hostname).toBe('ciab-demo-01');
  });

  it('refuses other user names, keeping its banner in the error detail', async () => {
    const knownHosts = { appFile: join(tmp.dir, 'known_hosts-other') };
    const err = await connectTarget({
      host: sim.host, port: sim.port, username: 'admin', auth: 'password', password: 'pw-canary-123',
      knownHosts, acceptFingerprint: sim.hostKeyFingerprint,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(SshError);
    expect(err.kind).toBe('auth');
    expect(err.detail).toContain("Log in as user 'ciab'");
    expect(JSON.stringify(err)).not.toContain('pw-canary-123');
  });

  it('keeps its host key across restarts', async () => {
    const before = sim.hostKeyFingerprint;
    await sim.close();
    sim = await startSimServer({ hostKeyPath });
    expect(sim.hostKeyFingerprint).toBe(before);
  });

  it('answers unknown commands with exit 127 and says nothing was run', async () => {
    const r = await exec(sim, 'rm -rf /var/lib/important');
    expect(r.code).toBe(127);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("ciab-sim: 'rm -rf /var/lib/important' is not part of this demo scenario; nothing was run.\n");
    const ok = await exec(sim, 'uname -r; hostname');
    expect(ok).toEqual({ code: 0, stdout: '6.8.0-48-generic\nciab-demo-01\n', stderr: '' });
  });

  it('serves scenario overrides from the command table', async () => {
    const custom = await startSimServer({
      hostKeyPath,
      commands: { 'systemctl is-active docker': { stdout: 'inactive\n', exitCode: 3 } },
    });
    try {
      expect(await exec(custom, 'systemctl is-active docker')).toEqual({ code: 3, stdout: 'inactive\n', stderr: '' });
      expect((await exec(custom, 'hostname')).stdout).toBe('ciab-demo-01\n');
    } finally {
      await custom.close();
    }
  });

  it('answers the real OpenSSH client', async () => {
    const args = [
      '-F', '/dev/null',
      '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes',
      '-o', 'LogLevel=ERROR', '-o', 'IdentitiesOnly=yes',
      '-i', clientKey.privatePath, '-p', String(sim.port), 'ciab@127.0.0.1',
    ];
    const r = await run('ssh', [...args, 'hostname']);
    expect(r).toMatchObject({ code: 0, stdout: 'ciab-demo-01\n' });
    const bad = await run('ssh', [...args, 'reboot']);
    expect(bad.code).toBe(127);
    expect(bad.stderr).toContain("ciab-sim: 'reboot' is not part of this demo scenario; nothing was run.");
    const shell = await run('ssh', [...args.slice(0, -1), '-tt', 'ciab@127.0.0.1']);
    expect(shell.stdout).toContain('CiaB demo server (simulated)');
  });

  it('verifies public key signatures (a forged signature is refused)', async () => {
    // ssh2's client signs correctly; forge by answering with a signature from a different key.
    const { utils, Client } = ssh2;
    const real = utils.parseKey(utils.generateKeyPairSync('ed25519').private);
    const other = utils.parseKey(utils.generateKeyPairSync('ed25519').private);
    if (real instanceof Error || other instanceof Error) throw new Error('key generation failed');
    const forged = Object.create(real) as typeof real;
    forged.sign = (data: Buffer, algo?: string) => other.sign(data, algo);
    const login = (key: typeof real) =>
      new Promise<string>((resolve) => {
        const c = new Client();
        c.on('ready', () => {
          c.end();
          resolve('accepted');
        });
        c.on('error', (e: Error & { level?: string }) => resolve(e.level ?? e.message));
        const method: PublicKeyAuthMethod = { type: 'publickey', username: 'ciab', key };
        c.connect({ host: sim.host, port: sim.port, username: 'ciab', authHandler: [method] });
      });
    expect(await login(real)).toBe('accepted');
    expect(await login(forged)).toBe('client-authentication');
  });
});

async function exec(sim: SimServer, command: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const c = new ssh2.Client();
  await new Promise<void>((resolve, reject) => {
    c.on('error', reject);
    c.on('ready', () => resolve());
    c.connect({ host: sim.host, port: sim.port, username: sim.username });
  });
  try {
    return await execOn(c, command);
  } finally {
    c.end();
  }
}
