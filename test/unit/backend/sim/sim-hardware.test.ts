// SPDX-License-Identifier: Apache-2.0
// Simulated hardware: the scenario list, the probe answer, and disks that can be wiped (and only those).
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../../electron/backend/hardware/probe/build-report.js';
import { probeCommand } from '../../../../electron/backend/hardware/probe/probe-script.js';
import { DEFAULT_SIM_COMMANDS } from '../../../../electron/backend/sim/sim-commands.js';
import { resolveRootCommand, wantsSudoPassword } from '../../../../electron/backend/sim/sim-disk-commands.js';
import { listSimHardware, simProbeOutput, SIM_HARDWARE_IDS } from '../../../../electron/backend/sim/sim-hardware.js';
import { SimHardwareState } from '../../../../electron/backend/sim/sim-hardware-state.js';
import { notInScenarioMessage, runSimCommandLine } from '../../../../electron/backend/sim/sim-shell.js';
import { parseServerFacts, FACTS_COMMAND } from '../../../../electron/backend/ssh/server-facts.js';

const META = { probedAt: '2026-11-22T10:00:00.000Z', durationMs: 1 };
const report = (s: SimHardwareState) => buildReport(s.probeOutput(), META);
const root = (s: SimHardwareState, cmd: string, password: string | null = null) => {
  const t = resolveRootCommand(s, cmd, { password });
  if (!t) throw new Error(`not recognised: ${cmd}`);
  return t();
};

describe('simulated hardware scenarios', () => {
  it('lists ids and titles for the UI and CLI', () => {
    const list = listSimHardware();
    expect(list.map((s) => s.id)).toEqual([...SIM_HARDWARE_IDS]);
    for (const s of list) expect(s.title.length).toBeGreaterThan(5);
  });

  it.each(SIM_HARDWARE_IDS)('%s: identity agrees with the command table the facts command reads', (id) => {
    const r = buildReport(simProbeOutput(id), META);
    const facts = parseServerFacts(runSimCommandLine(FACTS_COMMAND, DEFAULT_SIM_COMMANDS).stdout);
    expect({ hostname: r.host.hostname, kernel: r.host.kernel, os: r.host.os?.prettyName }).toEqual(facts);
    expect(r.errors).toEqual([]);
  });

  it('answers with a fresh nonce every time, like a real run', () => {
    const s = new SimHardwareState('good');
    const a = /begin:v1:(\S+)/.exec(s.probeOutput())?.[1];
    const b = /begin:v1:(\S+)/.exec(s.probeOutput())?.[1];
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
    expect(buildReport(s.probeOutput(), META)).toEqual(buildReport(simProbeOutput('good'), META));
  });

  it('uses the login name of the server in the id section', () => {
    expect(report(new SimHardwareState('good', 'operator')).sudo.user).toBe('operator');
  });
});

describe('wiping the dirty disk', () => {
  it('the order the evaluator writes (vgchange, wipefs parts, wipefs disk, rereadpt) leaves sdb clean', () => {
    const s = new SimHardwareState('small-dirty');
    const pw = 'secret';
    expect(root(s, "sudo -S -p '' vgchange -an osd-vg", pw)).toEqual({ stdout: '  0 logical volume(s) in volume group "osd-vg" now active\n', stderr: '', exitCode: 0 });
    expect(root(s, "sudo -S -p '' wipefs --all --force /dev/sdb1", pw).stdout).toBe('/dev/sdb1: 8 bytes were erased at offset 0x00000218 (LVM2_member): 4c 56 4d 32 20 30 30 31\n');
    expect(root(s, "sudo -S -p '' wipefs --all --force /dev/sdb", pw).stdout).toBe([
      '/dev/sdb: 8 bytes were erased at offset 0x00000200 (gpt): 45 46 49 20 50 41 52 54',
      '/dev/sdb: 8 bytes were erased at offset 0xe8e0db5e00 (gpt): 45 46 49 20 50 41 52 54',
      '/dev/sdb: 2 bytes were erased at offset 0x000001fe (PMBR): 55 aa',
      '/dev/sdb: calling ioctl to re-read partition table: Success', '',
    ].join('\n'));
    expect(root(s, "sudo -S -p '' blockdev --rereadpt /dev/sdb", pw)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    const sdb = report(s).disks.find((d) => d.name === 'sdb')!;
    expect(sdb).toMatchObject({ partitions: [], signatures: [], mounted: false, byId: ['ata-ST1000NM0055-1V410C_ZBS1A2B3', 'wwn-0x5000c500b1a2c3d4'] });
    // The system disk is untouched.
    expect(report(s).disks.find((d) => d.name === 'sda')?.partitions).toHaveLength(3);
  });

  it('without deactivating the VG the partition stays busy, as on a real server', () => {
    const s = new SimHardwareState('good');
    expect(root(s, 'sudo -n wipefs --all --force /dev/nvme0n1')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    const d = new SimHardwareState('small-dirty');
    expect(root(d, "sudo -S -p '' wipefs --all --force /dev/sdb", 'pw').stdout).toMatch(/re-read partition table: Device or resource busy\n$/);
    expect(root(d, "sudo -S -p '' blockdev --rereadpt /dev/sdb", 'pw')).toEqual({ stdout: '', stderr: 'blockdev: ioctl error on BLKRRPART: Device or resource busy\n', exitCode: 1 });
    const sdb = report(d).disks.find((x) => x.name === 'sdb')!;
    expect(sdb.signatures).toEqual(['LVM2_member', 'vg:osd-vg']); // GPT gone, the PV and its VG remain
    root(d, "sudo -S -p '' vgchange -an osd-vg", 'pw');
    expect(root(d, "sudo -S -p '' blockdev --rereadpt /dev/sdb", 'pw').exitCode).toBe(0);
    expect(report(d).disks.find((x) => x.name === 'sdb')).toMatchObject({ signatures: [], partitions: [] });
  });

  it('refuses to wipe the running system and to deactivate the root VG', () => {
    const s = new SimHardwareState('good');
    const r = root(s, 'sudo -n wipefs --all --force /dev/sda');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^ciab-sim: refusing to wipe \/dev\/sda: it holds \/boot\/efi of the running system/);
    expect(root(s, 'sudo -n vgchange -an ubuntu-vg')).toMatchObject({ exitCode: 5, stderr: expect.stringContaining('in use') });
    expect(root(s, 'sudo -n vgchange -an nosuch')).toEqual({ stdout: '', stderr: '  Volume group "nosuch" not found\n  Cannot process volume group nosuch\n', exitCode: 5 });
    expect(root(s, "sudo -n wipefs --all --force '/dev/sdz'")).toMatchObject({ exitCode: 1, stderr: 'wipefs: error: /dev/sdz: probing initialization failed: No such file or directory\n' });
    expect(report(s).disks.find((d) => d.name === 'sda')?.signatures).toContain('gpt');
  });

  it('sudo: -n needs passwordless sudo; -S needs a password line in small-dirty', () => {
    const s = new SimHardwareState('small-dirty');
    expect(root(s, 'sudo -n wipefs --all --force /dev/sdb1')).toEqual({ stdout: '', stderr: 'sudo: a password is required\n', exitCode: 1 });
    expect(root(s, "sudo -S -p '' wipefs --all --force /dev/sdb1", null)).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('no password was provided') });
    expect(root(s, 'sudo -S -p "" -- true', 'pw').exitCode).toBe(0);
    expect(wantsSudoPassword(s, "sudo -S -p '' true")).toBe(true);
    expect(wantsSudoPassword(new SimHardwareState('good'), "sudo -S -p '' true")).toBe(false);
    expect(report(s).disks.find((d) => d.name === 'sdb')?.signatures).toContain('gpt');
  });

  it('anything else is still not part of the scenario (127), and a list with an unknown part runs nothing', () => {
    const s = new SimHardwareState('small-dirty');
    const resolve = (part: string) => resolveRootCommand(s, part, { password: 'pw' });
    for (const cmd of ['sudo -n dd if=/dev/zero of=/dev/sdb', 'sudo -n wipefs -a /dev/sdb', 'wipefs --all --force /dev/sdb', 'sudo -n wipefs --all --force /dev/sdb; reboot', 'sudo -n sh -c "wipefs --all --force /dev/sdb"']) {
      const r = runSimCommandLine(cmd, DEFAULT_SIM_COMMANDS, resolve);
      expect(r.exitCode, cmd).toBe(127);
    }
    expect(runSimCommandLine("sudo -S -p '' vgchange -an osd-vg; reboot", DEFAULT_SIM_COMMANDS, resolve).stderr).toBe(notInScenarioMessage('reboot'));
    expect(report(s).disks.find((d) => d.name === 'sdb')?.signatures).toContain('vg:osd-vg');
    // The probe itself is recognised by the server before the shell; the shell does not run it.
    expect(runSimCommandLine(probeCommand(), DEFAULT_SIM_COMMANDS, resolve).exitCode).toBe(127);
  });

  it('state is per server: a new one starts dirty again', () => {
    const a = new SimHardwareState('small-dirty');
    root(a, "sudo -S -p '' vgchange -an osd-vg", 'pw');
    root(a, "sudo -S -p '' wipefs --all --force /dev/sdb", 'pw');
    expect(report(a).disks.find((d) => d.name === 'sdb')?.signatures).toEqual([]);
    expect(report(new SimHardwareState('small-dirty')).disks.find((d) => d.name === 'sdb')?.signatures).toContain('gpt');
  });
});
