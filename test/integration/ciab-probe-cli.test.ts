// SPDX-License-Identifier: Apache-2.0
// `ciab probe` against a real OpenSSH sshd on loopback, as an operator or a script runs it:
// host-key policy like OpenSSH (refuse unknown, --accept-new pins, a changed key is exit 2),
// exit 0/1 by the profile's verdict, --json output with the report and checks.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sshdAvailable, sshdSkipReason, startSshd, type TestSshd } from '../helpers/sshd.js';
import { tempDataDir } from '../helpers/backend-driver.js';

const run = promisify(execFile);
async function ciab(args: string[]) {
  try {
    const r = await run(process.execPath, [path.resolve('bin/ciab.mjs'), ...args], { timeout: 60_000, env: { ...process.env, SSH_AUTH_SOCK: '' } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe.skipIf(!sshdAvailable)(`ciab probe${sshdSkipReason}`, () => {
  let sshd: TestSshd;
  let knownHosts: string;
  let base: string[];
  beforeAll(async () => {
    sshd = await startSshd();
    knownHosts = path.join(tempDataDir(), 'known_hosts');
    base = ['probe', `${sshd.username}@${sshd.host}:${sshd.port}`, '-i', sshd.clientKeyPath, '--known-hosts', knownHosts];
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('refuses an unknown host key without --accept-new (exit 2, fingerprint shown)', async () => {
    const r = await ciab(base);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`is not known (ssh-ed25519 ${sshd.hostKeyFingerprint})`);
    expect(r.stderr).toContain('--accept-new');
  });

  it('pins with --accept-new, probes this machine and prints JSON with the verdict as exit code', async () => {
    const r = await ciab([...base, '--accept-new', '--json', '--profile', 'lab']);
    expect([0, 1]).toContain(r.code);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { event: string; blocked: boolean; checks: { id: string; state: string }[]; report: { host: { kernel: string } } };
    expect(out.event).toBe('probe');
    expect(r.code).toBe(out.blocked ? 1 : 0);
    expect(out.checks.length).toBeGreaterThan(15);
    expect(out.report.host.kernel).toBe((await run('uname', ['-r'])).stdout.trim());
    // Pinned now: a second run needs no --accept-new.
    const again = await ciab([...base, '--profile', 'lab']);
    expect([0, 1]).toContain(again.code);
    expect(again.stdout).toMatch(/probed in \d+\.\d s/);
  });

  it('exits 1 when the profile finds a failure that blocks the install', async () => {
    // This test machine has no empty 1 TB disk for Ceph, so the sandbox profile must block.
    const r = await ciab([...base, '--accept-new', '--json', '--profile', 'ciab-sandbox']);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { blocked: boolean; checks: { id: string; state: string }[] };
    expect(out.checks.find((c) => c.id === 'storage.ceph-disk')?.state).toBe('fail');
    expect(out.blocked).toBe(true);
    expect(r.code).toBe(1);
  });

  it('stops with exit 2 when the host key changed (a MITM or a reinstall)', async () => {
    await ciab([...base, '--accept-new', '--profile', 'lab']);
    await sshd.restart({ newHostKey: true });
    const r = await ciab([...base, '--accept-new', '--profile', 'lab']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/host key of 127\.0\.0\.1:\d+ has CHANGED/);
  });

  it('rejects a bad target or profile with exit 2 and a clear message', async () => {
    expect((await ciab(['probe', 'root@host:99999'])).stderr).toContain('port 99999 is out of range');
    const p = await ciab([...base, '--profile', 'nonsense']);
    expect(p.code).toBe(2);
    expect(p.stderr).toContain('unknown profile "nonsense"');
  });
});
