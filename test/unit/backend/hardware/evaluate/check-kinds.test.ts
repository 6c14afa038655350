// SPDX-License-Identifier: Apache-2.0
// Every check kind on crafted reports: pass, unmet (fail or warn by severity), weak (warn) and
// error, with the found and required texts the operator reads.
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../../../electron/api/generated/api-types.js';
import type { HardwareReport } from '../../../../../electron/api/generated/hardware-report-types.js';
import { evaluateProfile, scsInsecurity, type CheckKind, type HardwareProfile, type Severity } from '../../../../../electron/backend/hardware/evaluate/index.js';
import { emptyDisk, GiB, lvmGptDisk, makeReport, systemDisk, TB, type ReportPatch } from './make-report.js';

/** Runs one check of `kind` in a one-check profile. */
function check(kind: CheckKind, params: object | undefined, patch: ReportPatch | HardwareReport = {}, severity: Severity = 'fail'): CheckResult {
  const profile = { id: 't', title: 'T', description: 'T', checks: [{ kind, severity, ...(params ? { params } : {}) }] } as HardwareProfile;
  const report = 'version' in patch ? (patch as HardwareReport) : makeReport(patch);
  const results = evaluateProfile(report, profile).filter((c) => !c.id.startsWith('probe.section.'));
  expect(results).toHaveLength(1);
  return results[0]!;
}

const sectionError = (section: string): ReportPatch => ({ errors: [{ section, message: `${section} could not be read`, exitCode: 1 }] });

type Case = [name: string, kind: CheckKind, params: object | undefined, patch: ReportPatch, state: CheckResult['state'], found: string | RegExp];

const CASES: Case[] = [
  ['arch ok', 'cpu.arch', { allowed: ['x86_64'] }, {}, 'pass', 'x86_64'],
  ['arch arm', 'cpu.arch', { allowed: ['x86_64'] }, { host: { arch: 'aarch64' } }, 'fail', 'aarch64'],
  ['arch unknown', 'cpu.arch', { allowed: ['x86_64'] }, { host: { arch: null } }, 'error', 'the probe did not report the machine architecture'],
  ['cores ok', 'cpu.cores', { min: 4, recommended: 8 }, {}, 'pass', '16 cores (32 threads)'],
  ['cores weak', 'cpu.cores', { min: 4, recommended: 8 }, { cpu: { cores: 6, threads: 6, sockets: 2 } }, 'warn', '6 cores on 2 sockets'],
  ['cores few', 'cpu.cores', { min: 4, recommended: 8 }, { cpu: { cores: 2, threads: 4 } }, 'fail', '2 cores (4 threads)'],
  ['cores unknown', 'cpu.cores', { min: 4 }, { cpu: { cores: null } }, 'error', 'the probe did not report the core count'],
  ['vt ok', 'cpu.virtualization', undefined, {}, 'pass', 'AMD-V (svm)'],
  ['vt off', 'cpu.virtualization', undefined, { cpu: { hwVirtualization: null, flags: ['aes'] } }, 'fail', 'no vmx or svm CPU flag'],
  ['vt unread', 'cpu.virtualization', undefined, { cpu: { model: null, cores: null, flags: [], hwVirtualization: null } }, 'error', 'the probe could not read the CPU flags'],
  ['nested on', 'cpu.kvm-nested', undefined, {}, 'pass', 'kvm_amd nested=Y'],
  ['nested off', 'cpu.kvm-nested', undefined, { cpu: { kvmNested: false, vendor: 'GenuineIntel', hwVirtualization: 'vmx' } }, 'fail', 'kvm_intel nested=N'],
  ['nested unloaded', 'cpu.kvm-nested', undefined, { cpu: { kvmNested: null } }, 'fail', 'kvm_amd is not loaded'],
  ['nested error', 'cpu.kvm-nested', undefined, sectionError('cpu.kvmNested'), 'error', 'cpu.kvmNested: cpu.kvmNested could not be read (exit 1)'],
  ['vulns ok', 'cpu.vulnerabilities', undefined, {}, 'pass', '4 listed, all mitigated or not affected: SCS flavors need no `i` suffix'],
  ['vulns unknown', 'cpu.vulnerabilities', undefined, { cpu: { vulnerabilities: [] } }, 'error', /is missing/],
  ['metal', 'host.virtualization', undefined, {}, 'pass', 'bare metal'],
  ['vm nested', 'host.virtualization', undefined, { host: { virtualization: 'kvm' }, cpu: { hwVirtualization: 'vmx' } }, 'pass', 'kvm virtual machine with vmx passed through'],
  ['vm flat', 'host.virtualization', undefined, { host: { virtualization: 'vmware' }, cpu: { hwVirtualization: null } }, 'fail', 'vmware virtual machine without VT-x/AMD-V: instances would run emulated'],
  ['vm unknown', 'host.virtualization', undefined, { host: { virtualization: null } }, 'error', 'the probe could not tell whether this is a virtual machine'],
  ['ram ok', 'memory.total', { minGiB: 30, recommendedGiB: 60 }, {}, 'pass', '126 GiB usable'],
  ['ram 32 GB', 'memory.total', { minGiB: 30, recommendedGiB: 60 }, { memory: { totalBytes: 31.3 * GiB } }, 'warn', '31.3 GiB usable'],
  ['ram low', 'memory.total', { minGiB: 30 }, { memory: { totalBytes: 15.5 * GiB } }, 'fail', '15.5 GiB usable'],
  ['ram error', 'memory.total', { minGiB: 30 }, { memory: { totalBytes: null }, ...sectionError('memory') }, 'error', 'memory: memory could not be read (exit 1)'],
  ['swap ok', 'memory.swap', { minGiB: 7 }, {}, 'pass', '8 GiB swap'],
  ['swap none', 'memory.swap', { minGiB: 7 }, { memory: { swapBytes: 0 } }, 'fail', 'no swap'],
  ['swap unknown', 'memory.swap', { minGiB: 7 }, { memory: { swapBytes: null } }, 'error', 'the probe did not report the swap size'],
  ['ceph ok', 'storage.ceph-disk', { minGB: 1000, names: ['sda', 'nvme0n1'] }, {}, 'pass', '/dev/nvme0n1: 1.92 TB, empty (SAMSUNG MZQL21T9)'],
  ['ceph other name', 'storage.ceph-disk', { minGB: 1000, names: ['sda', 'nvme0n1'] }, { disks: [systemDisk(), emptyDisk('sdb', 2 * TB)] }, 'warn', '/dev/sdb: 2 TB, empty (SAMSUNG MZQL21T9), but named sdb, not /dev/sda or /dev/nvme0n1'],
  ['ceph any name', 'storage.ceph-disk', { minGB: 100 }, { disks: [systemDisk(), emptyDisk('sdb', 200e9)] }, 'pass', '/dev/sdb: 200 GB, empty (SAMSUNG MZQL21T9)'],
  ['ceph small', 'storage.ceph-disk', { minGB: 1000 }, { disks: [systemDisk(), emptyDisk('nvme0n1', 960e9)] }, 'fail', 'no empty disk of 1 TB or more: /dev/sda 480 GB (in use), /dev/nvme0n1 960 GB (too small)'],
  ['ceph usb only', 'storage.ceph-disk', { minGB: 1000 }, { disks: [emptyDisk('sdc', 2 * TB, { removable: true })] }, 'fail', 'no disk found besides removable media'],
  ['ceph mounted', 'storage.ceph-disk', { minGB: 1000 }, { disks: [systemDisk(), emptyDisk('nvme0n1', 2 * TB, { mounted: true })] }, 'fail', /\/dev\/nvme0n1 2 TB \(in use\)/],
  ['ceph error', 'storage.ceph-disk', { minGB: 1000 }, { disks: [], ...sectionError('disks') }, 'error', 'disks: disks could not be read (exit 1)'],
  ['clean', 'storage.dirty-disks', undefined, {}, 'pass', 'no unused disk carries old data (checked /dev/nvme0n1)'],
  ['no unused', 'storage.dirty-disks', undefined, { disks: [systemDisk()] }, 'pass', 'no unused disks'],
  ['root ok', 'storage.root-free', { path: '/var/lib/docker', minGiB: 100 }, {}, 'pass', '420 GiB free of 460 GiB on /'],
  ['root own mount', 'storage.root-free', { path: '/var/lib/docker', minGiB: 100 }, { filesystems: [{ mount: '/', sizeBytes: 460 * GiB, availableBytes: 420 * GiB }, { mount: '/var', sizeBytes: 50 * GiB, availableBytes: 30 * GiB }] }, 'fail', '30 GiB free of 50 GiB on /var'],
  ['root no fs', 'storage.root-free', { path: '/var/lib/docker', minGiB: 100 }, { filesystems: [{ mount: '/boot', sizeBytes: GiB, availableBytes: GiB }] }, 'fail', 'no filesystem holds /var/lib/docker'],
  ['root unknown', 'storage.root-free', { path: '/', minGiB: 100 }, { filesystems: [] }, 'error', 'the probe did not report free space'],
  ['uefi', 'firmware.uefi', undefined, {}, 'pass', 'UEFI'],
  ['bios', 'firmware.uefi', undefined, { host: { bootMode: 'bios' } }, 'fail', 'legacy BIOS'],
  ['boot unknown', 'firmware.uefi', undefined, { host: { bootMode: null } }, 'error', 'the probe could not tell the boot mode'],
  ['noble', 'os.release', { id: 'ubuntu', versionIds: ['24.04'] }, {}, 'pass', 'Ubuntu 24.04.1 LTS'],
  ['jammy', 'os.release', { id: 'ubuntu', versionIds: ['24.04'] }, { host: { os: { id: 'ubuntu', versionId: '22.04', prettyName: 'Ubuntu 22.04.4 LTS' } } }, 'fail', 'Ubuntu 22.04.4 LTS'],
  ['debian', 'os.release', { id: 'ubuntu', versionIds: ['24.04'] }, { host: { os: { id: 'debian', versionId: '24.04', prettyName: 'Debian' } } }, 'fail', 'Debian'],
  ['os unknown', 'os.release', { id: 'ubuntu', versionIds: ['24.04'] }, { host: { os: null } }, 'error', 'the probe could not read /etc/os-release'],
  ['kernel ok', 'os.kernel', { min: '6.8' }, { host: { kernel: '6.11.0-19-generic' } }, 'pass', '6.11.0-19-generic'],
  ['kernel old', 'os.kernel', { min: '6.8' }, { host: { kernel: '5.15.0-1-generic' } }, 'fail', '5.15.0-1-generic'],
  ['kernel odd', 'os.kernel', { min: '6.8' }, { host: { kernel: 'weird' } }, 'error', 'weird (not a version the installer understands)'],
  ['synced', 'time.sync', undefined, {}, 'pass', 'synchronized (Etc/UTC)'],
  ['not synced', 'time.sync', undefined, { time: { synchronized: false, ntpActive: false } }, 'fail', 'not synchronized (NTP service off)'],
  ['time unknown', 'time.sync', undefined, { time: { synchronized: null, ntpActive: null } }, 'error', 'the probe could not read the time sync state'],
  ['sudo ok', 'access.sudo', undefined, {}, 'pass', 'ubuntu has passwordless sudo'],
  ['root user', 'access.sudo', undefined, { sudo: { user: 'root', passwordless: null } }, 'pass', 'logged in as root'],
  ['sudo password', 'access.sudo', undefined, { sudo: { passwordless: false } }, 'fail', 'ubuntu needs a sudo password'],
  ['sudo unknown', 'access.sudo', undefined, { sudo: { user: null, passwordless: null } }, 'error', 'the probe could not test sudo'],
  ['ports free', 'host.ports', { ports: [{ port: 80, proto: 'tcp', service: 'Traefik' }, { port: 53, proto: 'tcp', service: 'DNS' }] }, {}, 'pass', 'all 2 ports free'],
  ['ports taken', 'host.ports', { ports: [{ port: 80, proto: 'tcp', service: 'Traefik' }, { port: 51820, proto: 'udp', service: 'WireGuard' }] }, { listening: [{ proto: 'tcp', address: '0.0.0.0', port: 80, process: 'apache2' }, { proto: 'tcp', address: '::', port: 80, process: 'apache2' }, { proto: 'tcp', address: '0.0.0.0', port: 51820 }] }, 'fail', 'in use: 80/tcp (Traefik) by apache2 on 0.0.0.0, ::'],
  ['route ok', 'net.default-route', undefined, {}, 'pass', 'eno1 via 10.20.0.1 (IPv4)'],
  ['route v6', 'net.default-route', undefined, { routes: { default4: [], default6: [{ dev: 'eno1', gateway: 'fe80::1' }] } }, 'pass', 'eno1 via fe80::1 (IPv6)'],
  ['route none', 'net.default-route', undefined, { routes: { default4: [], default6: [] } }, 'fail', 'no default route'],
  ['route down', 'net.default-route', undefined, { nics: [{ ...makeReport().nics[1]!, operState: 'down', carrier: false }] }, 'fail', 'default route via eno1, but eno1 is down'],
  ['route error', 'net.default-route', undefined, sectionError('routes'), 'error', 'routes: routes could not be read (exit 1)'],
  ['link ok', 'net.link', { minSpeedMbps: 1000 }, {}, 'pass', 'eno1: link up, 10 Gb/s, MTU 1500'],
  ['link slow', 'net.link', { minSpeedMbps: 1000 }, { nics: [{ ...makeReport().nics[1]!, speedMbps: 100 }] }, 'fail', 'eno1: link up at 100 Mb/s'],
  ['link down', 'net.link', undefined, { nics: [{ ...makeReport().nics[1]!, carrier: false, operState: 'down' }] }, 'fail', 'eno1: no carrier (cable or switch port)'],
  ['link none', 'net.link', undefined, { nics: [], routes: { default4: [], default6: [] } }, 'fail', 'no physical NIC found'],
  ['dns ok', 'net.dns', undefined, {}, 'pass', '10.20.0.53'],
  ['dns stub', 'net.dns', undefined, { dns: { servers: ['127.0.0.53'], search: [] } }, 'fail', 'only the local stub 127.0.0.53, no upstream server'],
  ['dns none', 'net.dns', undefined, { dns: { servers: [], search: [] } }, 'fail', 'no DNS server configured'],
  ['dns error', 'net.dns', undefined, sectionError('dns'), 'error', 'dns: dns could not be read (exit 1)'],
  ['hostname ok', 'net.hostname', undefined, {}, 'pass', 'ciab-01'],
  ['localhost', 'net.hostname', undefined, { host: { hostname: 'localhost' } }, 'fail', 'localhost'],
  ['bad hostname', 'net.hostname', undefined, { host: { hostname: 'my_host!' } }, 'fail', 'my_host! (not a valid host name)'],
  ['hostname unknown', 'net.hostname', undefined, { host: { hostname: null } }, 'error', 'the probe could not read the host name'],
  ['sriov info', 'net.sriov', { expected: false }, { nics: [] }, 'pass', 'no SR-IOV capable NIC'],
  ['sriov wanted', 'net.sriov', { expected: true }, { nics: [] }, 'fail', 'no SR-IOV capable NIC'],
  ['sriov there', 'net.sriov', { expected: true }, {}, 'pass', 'eno1 (63 VFs)'],
  ['iommu off info', 'security.iommu', { expected: false }, { iommu: { enabled: false, groups: null } }, 'pass', 'off'],
  ['iommu off wanted', 'security.iommu', { expected: true }, { iommu: { enabled: false, groups: null } }, 'fail', 'off'],
  ['iommu unknown wanted', 'security.iommu', { expected: true }, { iommu: { enabled: null, groups: null } }, 'error', 'the probe could not read the IOMMU state'],
  ['iommu unknown info', 'security.iommu', { expected: false }, { iommu: { enabled: null, groups: null } }, 'pass', 'the probe could not read the IOMMU state'],
  ['sev snp', 'security.sev', { expected: true }, { cpu: { sevSnp: true } }, 'pass', 'AMD SEV-SNP available'],
  ['sev intel', 'security.sev', { expected: true }, { cpu: { sev: null, sevSnp: null, vendor: 'GenuineIntel' } }, 'fail', 'not an AMD CPU'],
  ['sev error', 'security.sev', { expected: false }, sectionError('cpu.sev'), 'error', 'cpu.sev: cpu.sev could not be read (exit 1)'],
  ['tdx on', 'security.tdx', { expected: true }, { cpu: { tdx: true, vendor: 'GenuineIntel' } }, 'pass', 'Intel TDX available'],
  ['tdx amd', 'security.tdx', { expected: true }, { cpu: { tdx: null } }, 'fail', 'not an Intel CPU'],
  ['gpu none', 'accel.gpu', { expected: false }, {}, 'pass', 'no GPU'],
  ['gpu some', 'accel.gpu', { expected: true }, { gpus: [{ address: '0000:41:00.0', vendorId: '10de', deviceId: '2236', classId: '0302', vendor: 'NVIDIA Corporation' }] }, 'pass', '0000:41:00.0 NVIDIA Corporation (10de:2236)'],
];

describe('check kinds', () => {
  it.each(CASES)('%s (%s)', (_name, kind, params, patch, state, found) => {
    const c = check(kind, params, patch);
    expect(c.state, `${c.found}`).toBe(state);
    if (typeof found === 'string') expect(c.found).toBe(found);
    else expect(c.found).toMatch(found);
    expect(`${c.required} ${c.found} ${c.fix}`).not.toMatch(/\{[A-Za-z]+\}/);
  });

  it('an unmet check takes the profile severity; only fails block', () => {
    expect(check('memory.total', { minGiB: 200 }, {}, 'warn')).toMatchObject({ state: 'warn', blocking: false });
    expect(check('memory.total', { minGiB: 200 }, {}, 'fail')).toMatchObject({ state: 'fail', blocking: true });
    // Below the recommendation always only warns, whatever the severity.
    expect(check('memory.total', { minGiB: 30, recommendedGiB: 200 }, {}, 'fail')).toMatchObject({ state: 'warn', blocking: false });
  });

  it('phrases required in human units from the params', () => {
    expect(check('storage.ceph-disk', { minGB: 1000, names: ['nvme0n1'] }).required).toBe('one empty disk of 1 TB or more as /dev/nvme0n1, not the system disk');
    expect(check('storage.ceph-disk', { minGB: 100 }).required).toBe('one empty disk of 100 GB or more, not the system disk');
    expect(check('net.link', { minSpeedMbps: 10000 }).required).toBe('link up at 10 Gb/s or faster');
    expect(check('net.link', {}).required).toBe('link up');
    expect(check('os.release', { id: 'ubuntu', versionIds: ['24.04', '24.10'] }).required).toBe('Ubuntu 24.04 or 24.10');
    expect(check('host.ports', { ports: [{ port: 80, proto: 'tcp', service: 'x' }, { port: 51820, proto: 'udp', service: 'y' }] }).required).toBe('free: TCP 80; UDP 51820');
    expect(check('security.iommu', { expected: false }).required).toMatch(/^informational: /);
    expect(check('security.iommu', { expected: true }).required).toBe('IOMMU on');
  });

  it('picks the fix that fits: a VM gets the hypervisor fix, bare metal the firmware one', () => {
    const metal = check('cpu.virtualization', undefined, { cpu: { hwVirtualization: null } });
    const vm = check('cpu.virtualization', undefined, { host: { virtualization: 'kvm' }, cpu: { hwVirtualization: null } });
    expect(metal.fix).toMatch(/firmware setup/);
    expect(vm.fix).toMatch(/^This is a virtual machine/);
    expect(check('cpu.kvm-nested', undefined, { cpu: { kvmNested: false } }).fix).toContain("echo 'options kvm_amd nested=1'");
  });

  it('sudo fix only puts a plain login name into the copyable command', () => {
    expect(check('access.sudo', undefined, { sudo: { user: 'dragon', passwordless: false } }).fix).toContain("echo 'dragon ALL=(ALL) NOPASSWD:ALL'");
    const hostile = check('access.sudo', undefined, { sudo: { user: "x' ; reboot ; '", passwordless: false } });
    expect(hostile.fix).toContain("echo '<user> ALL=(ALL) NOPASSWD:ALL'");
    expect(hostile.found).toBe("x' ; reboot ; ' needs a sudo password");
  });

  it('a dirty disk gives one check per disk, named after it', () => {
    const report = makeReport({ disks: [systemDisk(), lvmGptDisk('sdb', 2 * TB, false), emptyDisk('sdc', TB, { signatures: ['dos'] }), emptyDisk('nvme0n1', 2 * TB)] });
    const profile = { id: 't', title: 'T', description: 'T', checks: [{ kind: 'storage.dirty-disks', severity: 'fail' }] } as HardwareProfile;
    const results = evaluateProfile(report, profile);
    expect(results.map((c) => [c.id, c.state, c.found])).toEqual([
      ['storage.dirty-disks.sdb', 'fail', '/dev/sdb (2 TB, OLD DISK) carries a GPT partition table, 2 partitions, LVM, signatures: vfat'],
      ['storage.dirty-disks.sdc', 'fail', '/dev/sdc (1 TB, SAMSUNG MZQL21T9) carries an MBR partition table'],
    ]);
    expect(results.map((c) => c.wipe?.disk)).toEqual(['/dev/sdb', '/dev/sdc']);
  });
});

describe('SCS `i` suffix (cpu.vulnerabilities)', () => {
  const vulns = (list: { name: string; status: string; mitigated: boolean }[]) => makeReport({ cpu: { vulnerabilities: list } });

  it('is needed when a vulnerability is unmitigated', () => {
    const r = vulns([{ name: 'mds', status: 'Vulnerable', mitigated: false }, { name: 'spectre_v1', status: 'Mitigation: usercopy/swapgs barriers', mitigated: true }]);
    expect(scsInsecurity(r)).toEqual(['mds unmitigated']);
    expect(check('cpu.vulnerabilities', undefined, r, 'warn')).toMatchObject({ state: 'warn', found: 'mds unmitigated: SCS flavors on this server must carry the `i` suffix (e.g. SCS-2Vi-4)' });
  });

  it('is needed when SMT is on with an L1TF/MDS-class leak, even if mitigated otherwise', () => {
    const r = vulns([
      { name: 'l1tf', status: 'Mitigation: PTE Inversion; VMX: conditional cache flushes, SMT vulnerable', mitigated: true },
      { name: 'mds', status: 'Mitigation: Clear CPU buffers; SMT vulnerable', mitigated: true },
    ]);
    expect(scsInsecurity(r)).toEqual(['l1tf exposed with SMT on', 'mds exposed with SMT on']);
  });

  it('is not needed with SMT off or protected', () => {
    const r = vulns([
      { name: 'l1tf', status: 'Mitigation: PTE Inversion; VMX: conditional cache flushes, SMT disabled', mitigated: true },
      { name: 'retbleed', status: 'Mitigation: untrained return thunk; SMT enabled with STIBP protection', mitigated: true },
      { name: 'meltdown', status: 'Not affected', mitigated: true },
    ]);
    expect(scsInsecurity(r)).toEqual([]);
    expect(check('cpu.vulnerabilities', undefined, r).state).toBe('pass');
  });
});
