// SPDX-License-Identifier: Apache-2.0
// buildReport on whole probe outputs: the simulated servers (golden reports), captures from this
// machine (IPv6-only namespace, no lsblk -J), and failed, missing or odd sections.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, buildReportDetailed, emptyReport } from '../../../../../electron/backend/hardware/probe/build-report.js';
import { simProbeOutput, SIM_HARDWARE_IDS } from '../../../../../electron/backend/sim/sim-hardware.js';
import { FIXTURES, META, fixture, schemaProblem } from './fixtures.js';

const N = 'n0nce';
const sec = (name: string, out: string, code = 0, err = '') =>
  `\n@@ciab-probe:section:${name}:${N}\n${out}\n@@ciab-probe:exit:${name}:${code}:${N}\n${err ? `@@ciab-probe:stderr:${name}:${N}\n${err}\n` : ''}`;
const probe = (...sections: string[]) => `@@ciab-probe:begin:v1:${N}\n${sections.join('')}\n@@ciab-probe:end:${N}\n`;

describe('buildReport', () => {
  it.each(SIM_HARDWARE_IDS)('simulated server %s matches its golden report', (id) => {
    const report = buildReport(simProbeOutput(id), META);
    expect(schemaProblem(report)).toBeNull();
    const file = path.join(FIXTURES, 'sim', `${id}.report.json`);
    // After an intended parser or scenario change: UPDATE_HARDWARE_GOLDEN=1 npx vitest run <this file>.
    if (process.env.UPDATE_HARDWARE_GOLDEN === '1') writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    expect(report).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });

  it('good: a CiaB box as the brief describes it', () => {
    const r = buildReport(simProbeOutput('good'), META);
    expect(r.errors).toEqual([]);
    expect(r.cpu).toMatchObject({ model: 'AMD EPYC 7302P 16-Core Processor', sockets: 1, cores: 16, threads: 32, hwVirtualization: 'svm', kvmNested: true, sev: true, sevSnp: false });
    expect(r.memory.totalBytes! / 1024 ** 3).toBeGreaterThan(125);
    expect(r.host).toMatchObject({ bootMode: 'uefi', virtualization: 'none', os: { id: 'ubuntu', versionId: '24.04' } });
    expect(r.disks.find((d) => d.name === 'nvme0n1')).toMatchObject({ sizeBytes: 1920383410176, signatures: [], partitions: [], mounted: false, transport: 'nvme' });
    expect(r.disks.find((d) => d.name === 'sda')).toMatchObject({ mounted: true, rotational: false });
    expect(r.nics.find((n) => n.name === 'eno1')).toMatchObject({ carrier: true, speedMbps: 10000, driver: 'ixgbe', virtual: false, sriovTotalVfs: 63 });
    expect(r.routes.default4).toEqual([{ dev: 'eno1', gateway: '192.168.10.1' }]);
    expect(r.dns.servers).toEqual(['192.168.10.1']); // the upstream behind the 127.0.0.53 stub
    expect(r.time).toEqual({ synchronized: true, ntpActive: true, timezone: 'Etc/UTC' });
    expect(r.sudo).toEqual({ user: 'ciab', passwordless: true });
    expect(r.gpus.map((g) => g.vendor)).toEqual(['ASPEED']);
    expect(r.iommu).toEqual({ enabled: true, groups: 43 });
  });

  it('small-dirty: 16 GiB, legacy BIOS, sdb with GPT + LVM (vg osd-vg), sudo wants a password', () => {
    const r = buildReport(simProbeOutput('small-dirty'), META);
    expect(Math.round(r.memory.totalBytes! / 1024 ** 3)).toBe(16);
    expect(r.host.bootMode).toBe('bios');
    expect(r.disks.find((d) => d.name === 'sdb')).toMatchObject({ signatures: ['gpt', 'LVM2_member', 'vg:osd-vg'], mounted: false, rotational: true, sizeBytes: 1000204886016 });
    expect(r.sudo.passwordless).toBe(false);
    expect(r.time.synchronized).toBe(false);
    expect(r.errors).toEqual([]);
  });

  it('vm-no-nested: KVM guest without vmx, IPv6-only second NIC', () => {
    const r = buildReport(simProbeOutput('vm-no-nested'), META);
    expect(r.host.virtualization).toBe('kvm');
    expect(r.cpu).toMatchObject({ threads: 8, hwVirtualization: null, kvmNested: null });
    expect(r.cpu.flags).toContain('hypervisor');
    const v6 = r.nics.find((n) => n.name === 'enp2s0')!;
    expect(v6.addresses.every((a) => a.family === 'inet6')).toBe(true);
    expect(r.routes.default6).toEqual([{ dev: 'enp2s0', gateway: 'fe80::5054:ff:fe00:1' }]);
    expect(r.disks.map((d) => [d.name, d.rotational, d.transport])).toEqual([['vda', true, null], ['vdb', true, null]]);
  });

  it('this machine in a network namespace with IPv6 only: no IPv4 default route, no error', () => {
    const r = buildReport(fixture('local', 'debian12-netns-ipv6-only.probe.txt'), META);
    expect(schemaProblem(r)).toBeNull();
    expect(r.routes).toEqual({ default4: [], default6: [{ dev: 'eth1', gateway: '2001:db8:42::1' }] });
    const eth1 = r.nics.find((n) => n.name === 'eth1')!;
    expect(eth1.addresses.map((a) => a.family)).not.toContain('inet');
    expect(eth1.addresses).toContainEqual({ family: 'inet6', address: '2001:db8:42::50', prefix: 64, scope: 'global' });
    expect(r.errors.map((e) => e.section)).not.toContain('route4');
  });

  it('this machine with an lsblk that rejects -J: disks come from lsblk -P', () => {
    const d = buildReportDetailed(fixture('local', 'debian12-no-lsblk-json.probe.txt'), META);
    expect(d.report.disks).toEqual([expect.objectContaining({ name: 'vda', sizeBytes: 274877906944, mounted: true })]);
    expect(d.report.errors.map((e) => e.section)).not.toContain('lsblk-json');
    expect(d.warnings).toContain('lsblk -J is not supported here; disks were read from lsblk -P');
  });

  it('this machine as an unprivileged user: sudo wants a password, that is an answer and not an error', () => {
    const r = buildReport(fixture('local', 'debian12-unprivileged.probe.txt'), META);
    expect(r.sudo).toEqual({ user: 'nobody', passwordless: false });
    expect(r.errors.map((e) => e.section)).not.toContain('sudo');
    expect(r.errors.find((e) => e.section === 'by-id')).toMatchObject({ exitCode: 2 });
  });

  it('failed and missing commands become errors with exit code and stderr; the rest is still read', () => {
    const r = buildReport(probe(
      sec('hostname', 'box'),
      sec('lscpu', '', 127, "timeout: failed to run command 'lscpu': No such file or directory"),
      sec('meminfo', 'MemTotal: 1024 kB\n'),
      sec('timedatectl', '', 1, 'Failed to connect to bus: Host is down'),
      sec('timedatectl-status', '', 1, 'Failed to connect to bus: Host is down'),
      sec('lsblk-json', '{"blockdevices": [', 0),
      sec('virt', 'none', 1),
      sec('sudo', '', 1, 'sudo: a password is required'),
      sec('id', 'uid=1000(op) gid=1000(op)'),
      sec('df', '', 124),
    ), META);
    expect(schemaProblem(r)).toBeNull();
    expect(r.host.hostname).toBe('box');
    expect(r.host.virtualization).toBe('none');
    expect(r.memory.totalBytes).toBe(1024 * 1024);
    expect(r.sudo).toEqual({ user: 'op', passwordless: false });
    const err = (s: string) => r.errors.find((e) => e.section === s);
    expect(err('lscpu')).toEqual({ section: 'lscpu', message: "command not found: timeout: failed to run command 'lscpu': No such file or directory", exitCode: 127 });
    expect(err('timedatectl')?.message).toBe('failed with exit code 1: Failed to connect to bus: Host is down; fallback timedatectl-status: failed with exit code 1: Failed to connect to bus: Host is down');
    expect(err('lsblk-json')?.message).toMatch(/^output could not be parsed: lsblk -J output is not JSON/);
    expect(err('df')).toMatchObject({ message: 'timed out after 5 s', exitCode: 124 });
    expect(err('kernel')?.message).toMatch(/not in the probe output/);
    expect(r.errors.map((e) => e.section)).not.toContain('sudo');
  });

  it('a different probe version is named, and root needs no sudo', () => {
    const r = buildReport(`@@ciab-probe:begin:v2:${N}\n${sec('id', 'uid=0(root) gid=0(root)')}${sec('sudo', '', 127)}`, META);
    expect(r.errors[0]).toEqual({ section: 'probe', message: 'probe output is v2; this installer reads v1', exitCode: null });
    expect(r.sudo).toEqual({ user: 'root', passwordless: true });
  });

  it('bad metadata is replaced, never passed into an invalid report', () => {
    const r = buildReport('', { probedAt: 'yesterday', durationMs: -5 });
    expect(schemaProblem(r)).toBeNull();
    expect(r.durationMs).toBe(0);
    expect(r.errors).toEqual([{ section: 'probe', message: 'the probe printed nothing', exitCode: null }]);
    expect(schemaProblem(emptyReport(META))).toBeNull();
  });
});
