// SPDX-License-Identifier: Apache-2.0
// The probe against the embedded simulated server over SSH: every hardware scenario, and the wipe of
// the dirty disk with the sudo password on stdin, after which the next probe shows the disk clean.
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeCommand } from '../../electron/backend/hardware/probe/probe-script.js';
import { probeHardware } from '../../electron/backend/hardware/probe/run-probe.js';
import { buildReport } from '../../electron/backend/hardware/probe/build-report.js';
import { listSimHardware, startSimServer, type SimServer } from '../../electron/backend/sim/sim-server.js';
import { generateKey, run, tempDir } from '../helpers/ssh-keys.js';
import { execOn } from '../helpers/ssh2-exec.js';

function connect(sim: SimServer): Promise<Client> {
  return new Promise((resolve, reject) => {
    const c = new ssh2.Client();
    c.once('ready', () => resolve(c));
    c.once('error', reject);
    c.connect({ host: sim.host, port: sim.port, username: sim.username, password: 'demo' });
  });
}

const exec = execOn;

describe('probe against the simulated server', () => {
  let tmp: { dir: string; remove: () => Promise<void> };
  const servers: SimServer[] = [];
  const start = async (hardware: 'good' | 'small-dirty' | 'vm-no-nested') => {
    const sim = await startSimServer({ hostKeyPath: join(tmp.dir, 'host-key'), hardware });
    servers.push(sim);
    return sim;
  };
  beforeAll(async () => {
    tmp = await tempDir('probe-sim');
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await tmp?.remove();
  });

  it.each(listSimHardware().map((s) => s.id))('%s answers the probe with its scenario', async (id) => {
    const sim = await start(id);
    expect(sim.hardware).toBe(id);
    const c = await connect(sim);
    try {
      const report = await probeHardware(c);
      expect(report.errors).toEqual([]);
      expect(report.host.hostname).toBe('ciab-demo-01');
      if (id === 'good') expect(report.cpu.cores).toBe(16);
      if (id === 'small-dirty') expect(report.disks.find((d) => d.name === 'sdb')?.signatures).toContain('vg:osd-vg');
      if (id === 'vm-no-nested') expect(report.cpu.hwVirtualization).toBeNull();
    } finally {
      c.end();
    }
  });

  it('small-dirty: sudo -n is refused; with the password on stdin the wipe works and the next probe is clean', async () => {
    const sim = await start('small-dirty');
    const c = await connect(sim);
    try {
      expect(await exec(c, 'sudo -n true')).toEqual({ code: 1, stdout: '', stderr: 'sudo: a password is required\n' });
      expect((await exec(c, 'sudo -n vgchange -an osd-vg')).code).toBe(1);
      for (const cmd of ['vgchange -an osd-vg', 'wipefs --all --force /dev/sdb1', 'wipefs --all --force /dev/sdb', 'blockdev --rereadpt /dev/sdb']) {
        const r = await exec(c, `sudo -S -p '' ${cmd}`, 'demo-password\n');
        expect(r.code, `${cmd}: ${r.stderr}`).toBe(0);
      }
      const after = await probeHardware(c);
      expect(after.disks.find((d) => d.name === 'sdb')).toMatchObject({ signatures: [], partitions: [], mounted: false });
      // Another server of the same scenario starts dirty again.
      const fresh = await start('small-dirty');
      const c2 = await connect(fresh);
      try {
        expect((await probeHardware(c2)).disks.find((d) => d.name === 'sdb')?.signatures).toContain('gpt');
      } finally {
        c2.end();
      }
    } finally {
      c.end();
    }
  });

  it('good: passwordless sudo; unknown commands still exit 127', async () => {
    const sim = await start('good');
    const c = await connect(sim);
    try {
      expect((await exec(c, 'sudo -n true')).code).toBe(0);
      expect((await exec(c, 'LC_ALL=C sudo -n true')).code).toBe(0);
      const r = await exec(c, 'sudo -n rm -rf /');
      expect(r).toEqual({ code: 127, stdout: '', stderr: "ciab-sim: 'sudo -n rm -rf /' is not part of this demo scenario; nothing was run.\n" });
    } finally {
      c.end();
    }
  });

  it('the real OpenSSH client gets the same answer for the exact probe command', async () => {
    const sim = await start('vm-no-nested');
    const key = await generateKey(tmp.dir, 'client');
    const r = await run('ssh', [
      '-F', '/dev/null', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes',
      '-o', 'LogLevel=ERROR', '-o', 'IdentitiesOnly=yes', '-i', key.privatePath, '-p', String(sim.port), `ciab@${sim.host}`, probeCommand(),
    ]);
    expect(r.code).toBe(0);
    const report = buildReport(r.stdout, { probedAt: new Date().toISOString(), durationMs: 1 });
    expect(report.host.virtualization).toBe('kvm');
    expect(report.errors).toEqual([]);
  });
});
