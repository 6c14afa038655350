// SPDX-License-Identifier: Apache-2.0
// Whole profiles against whole servers: a good CiaB server passes every profile; a small dirty
// server and a VM without nested virtualization fail where they should; probe section errors and
// broken reports turn into `error` checks, never into a crash.
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../../../electron/api/generated/api-types.js';
import type { HardwareReport } from '../../../../../electron/api/generated/hardware-report-types.js';
import { defValidator } from '../../../../../electron/api/schema-registry.js';
import { evaluateProfile, loadProfiles, type HardwareProfile } from '../../../../../electron/backend/hardware/evaluate/index.js';
import { wipeCommands } from '../../../../../electron/backend/hardware/evaluate/kinds/wipe-commands.js';
import { dirtyServer, makeReport, vmWithoutNested } from './make-report.js';

const profiles = loadProfiles();
const profile = (id: string): HardwareProfile => profiles.find((p) => p.id === id)!;
const validReport = defValidator('hardware-report.schema.json', 'HardwareReport');
const validCheck = defValidator('api.schema.json', 'CheckResult');

const byId = (checks: CheckResult[], id: string) => checks.find((c) => c.id === id);
const states = (checks: CheckResult[]) => Object.fromEntries(checks.map((c) => [c.id, c.state]));
const notPassing = (checks: CheckResult[]) => checks.filter((c) => c.state !== 'pass').map((c) => `${c.id}=${c.state}: ${c.found}`);

/** Every result is a valid CheckResult with every placeholder filled. */
function expectWellFormed(checks: CheckResult[]): void {
  for (const c of checks) {
    expect(validCheck(c), `${c.id}: ${JSON.stringify(validCheck.errors)}`).toBe(true);
    for (const text of [c.required, c.found, c.fix, c.title, c.why]) expect(text, c.id).not.toMatch(/\{[A-Za-z]+\}|\{\{|\}\}/);
    expect(c.blocking, c.id).toBe(c.state === 'fail' || (c.state === 'error' && c.blocking === true));
  }
}

describe('evaluateProfile', () => {
  it('the test factories build schema-valid reports', () => {
    for (const r of [makeReport(), dirtyServer(), dirtyServer(false), vmWithoutNested()]) expect(validReport(r), JSON.stringify(validReport.errors)).toBe(true);
  });

  it.each(['ciab-sandbox', 'ciab-edge', 'ciab-kubernetes', 'lab'])('%s: a good CiaB server passes every check', (id) => {
    const checks = evaluateProfile(makeReport(), profile(id));
    expectWellFormed(checks);
    expect(notPassing(checks)).toEqual([]);
    expect(checks.map((c) => c.id).sort()).toEqual(profile(id).checks.map((c) => c.kind).sort());
  });

  it('orders checks by group (catalogue order), then by id', () => {
    const checks = evaluateProfile(makeReport(), profile('ciab-sandbox'));
    const groups = ['CPU', 'Memory', 'Storage', 'Network', 'OS', 'Security & accelerators'];
    const keys = checks.map((c) => [groups.indexOf(c.group), c.id] as const);
    expect(keys.every(([g]) => g >= 0)).toBe(true);
    expect([...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1))).toEqual(keys);
    expect(checks.slice(0, 3).map((c) => c.id)).toEqual(['cpu.arch', 'cpu.cores', 'cpu.kvm-nested']);
  });

  it('sandbox: a small dirty server fails on memory, the leftover disk and BIOS, with exact wipe commands', () => {
    const checks = evaluateProfile(dirtyServer(), profile('ciab-sandbox'));
    expectWellFormed(checks);
    expect(checks.filter((c) => c.state === 'fail').map((c) => c.id)).toEqual(['memory.total', 'storage.ceph-disk', 'storage.dirty-disks.sdb', 'firmware.uefi']);
    expect(byId(checks, 'memory.total')).toMatchObject({ required: '30 GiB usable RAM or more (60 GiB recommended)', found: '15.5 GiB usable', blocking: true });
    expect(byId(checks, 'firmware.uefi')).toMatchObject({ required: 'UEFI', found: 'legacy BIOS' });
    expect(byId(checks, 'storage.ceph-disk')!.found).toBe('no empty disk of 1 TB or more: /dev/sda 480 GB (in use), /dev/sdb 2 TB (old data, see storage.dirty-disks.sdb)');
    const dirty = byId(checks, 'storage.dirty-disks.sdb')!;
    expect(dirty.found).toBe('/dev/sdb (2 TB, OLD DISK) carries a GPT partition table, 2 partitions, LVM (volume group osd-vg), signatures: vfat');
    // The exact commands are wipe-commands.test.ts's subject; here: the check carries them for this disk.
    expect(dirty.wipe).toEqual(wipeCommands(dirtyServer().disks.find((d) => d.name === 'sdb')!));
    expect(dirty.wipe?.commands[0]).toBe('sudo -n vgchange -an osd-vg');
    expect(dirty.fix).toContain('lsblk -o NAME,SIZE,MODEL,SERIAL,FSTYPE,MOUNTPOINTS /dev/sdb');
    // Warnings where the machine is merely below the recommendation.
    expect(states(checks)).toMatchObject({ 'cpu.cores': 'warn', 'memory.swap': 'warn' });
  });

  it('lab: the same dirty server only warns, except where CiaB cannot work at all', () => {
    const checks = evaluateProfile(dirtyServer(), profile('lab'));
    expect(checks.filter((c) => c.blocking).map((c) => c.id)).toEqual([]);
    expect(states(checks)).toMatchObject({ 'memory.total': 'warn', 'storage.dirty-disks.sdb': 'warn', 'firmware.uefi': 'warn', 'storage.ceph-disk': 'warn' });
    // The wipe is still offered: it is the fix, whether the profile fails or only warns.
    expect(byId(checks, 'storage.dirty-disks.sdb')!.wipe!.disk).toBe('/dev/sdb');
  });

  it('sandbox: a VM without nested virtualization fails, with the hypervisor fix', () => {
    const checks = evaluateProfile(vmWithoutNested(), profile('ciab-sandbox'));
    expectWellFormed(checks);
    expect(checks.filter((c) => c.state === 'fail').map((c) => c.id)).toEqual(['cpu.virtualization', 'host.virtualization']);
    expect(byId(checks, 'host.virtualization')!.found).toBe('kvm virtual machine without VT-x/AMD-V: instances would run emulated');
    expect(byId(checks, 'cpu.virtualization')!.fix).toMatch(/^This is a virtual machine/);
    expect(byId(checks, 'storage.ceph-disk')).toMatchObject({ state: 'pass', found: '/dev/sda: 1.1 TB, empty (QEMU HARDDISK)' });
    expect(byId(checks, 'net.link')).toMatchObject({ state: 'pass', found: 'enp1s0: link up, MTU 1500' });
  });

  it('kubernetes: the same VM passes, because k3s runs containers', () => {
    const checks = evaluateProfile(vmWithoutNested(), profile('ciab-kubernetes'));
    expect(notPassing(checks)).toEqual([]);
  });

  it('a section the probe could not read makes its checks `error`, with the message as found', () => {
    const report = makeReport({
      disks: [],
      memory: { totalBytes: null, availableBytes: null, swapBytes: null },
      errors: [
        { section: 'disks', message: 'lsblk: command not found', exitCode: 127 },
        { section: 'memory', message: '/proc/meminfo unreadable' },
        { section: 'gpus', message: 'lspci missing' },
        { section: 'thermal', message: 'sensors missing' },
      ],
    });
    const checks = evaluateProfile(report, profile('ciab-sandbox'));
    expectWellFormed(checks);
    expect(byId(checks, 'storage.ceph-disk')).toMatchObject({ state: 'error', found: 'disks: lsblk: command not found (exit 127)', blocking: true, required: 'one empty disk of 1 TB or more as /dev/sda or /dev/nvme0n1, not the system disk' });
    expect(byId(checks, 'storage.dirty-disks')).toMatchObject({ state: 'error', blocking: true });
    expect(byId(checks, 'memory.total')).toMatchObject({ state: 'error', found: 'memory: /proc/meminfo unreadable' });
    // A warn-level check that could not run does not block.
    expect(byId(checks, 'memory.swap')).toMatchObject({ state: 'error', blocking: false });
    expect(byId(checks, 'accel.gpu')).toMatchObject({ state: 'error', blocking: false });
    // A section no check reads is still shown, so nothing the probe said gets lost.
    expect(byId(checks, 'probe.section.thermal')).toMatchObject({ state: 'error', group: 'OS', found: 'thermal: sensors missing', blocking: false });
    expect(byId(checks, 'cpu.cores')!.state).toBe('pass');
  });

  it('a parent section error covers its parts; `probe` covers everything', () => {
    const cpuDown = evaluateProfile(makeReport({ errors: [{ section: 'cpu', message: 'lscpu failed' }] }), profile('ciab-sandbox'));
    expect(states(cpuDown)).toMatchObject({ 'cpu.cores': 'error', 'cpu.vulnerabilities': 'error', 'cpu.kvm-nested': 'error', 'security.sev': 'error', 'memory.total': 'pass' });
    const partOnly = evaluateProfile(makeReport({ errors: [{ section: 'cpu.vulnerabilities', message: 'no sysfs' }] }), profile('ciab-sandbox'));
    expect(states(partOnly)).toMatchObject({ 'cpu.vulnerabilities': 'error', 'cpu.cores': 'pass' });
    const whole = evaluateProfile(makeReport({ errors: [{ section: 'probe', message: 'the probe timed out' }] }), profile('lab'));
    expect(whole.every((c) => c.state === 'error' && c.found === 'probe: the probe timed out')).toBe(true);
  });

  it('never throws on a broken or hostile report', () => {
    const hostile = [
      {} as HardwareReport,
      null as unknown as HardwareReport,
      { ...makeReport(), disks: 'lots' } as unknown as HardwareReport,
      { ...makeReport(), cpu: null, host: { hostname: 'x\u0007\nrm -rf /', arch: 42 }, errors: [{ section: 7 }, null] } as unknown as HardwareReport,
      makeReport({ disks: [{ ...makeReport().disks[1]!, name: 'sdb;reboot', signatures: ['gpt'], partitions: [] }] }),
      makeReport({ dns: { servers: ['x'.repeat(100_000)], search: [] } }),
    ];
    for (const r of hostile) {
      for (const p of profiles) {
        const checks = evaluateProfile(r, p);
        expect(checks.length).toBeGreaterThan(0);
        for (const c of checks) expect(validCheck(c), `${p.id} ${c.id}: ${JSON.stringify(validCheck.errors)}`).toBe(true);
        for (const c of checks) expect(c.found.length).toBeLessThan(1000);
      }
    }
    const unsafe = evaluateProfile(hostile[4]!, profile('ciab-sandbox'));
    expect(byId(unsafe, 'storage.dirty-disks.sdb_reboot')).toMatchObject({ state: 'fail', found: "/dev/sdb;reboot carries a GPT partition table; its name is not safe to put into a command" });
    expect(byId(unsafe, 'storage.dirty-disks.sdb_reboot')!.wipe).toBeUndefined();
  });
});
