// SPDX-License-Identifier: Apache-2.0
// Hardware reports for the evaluation tests: a good CiaB server, and variations built with a
// patch that merges one level deep (host, cpu, memory, ... merge; lists are replaced).
import type { Disk, HardwareReport } from '../../../../../electron/api/generated/hardware-report-types.js';

export const GiB = 1024 ** 3;
export const TB = 1e12;

/** A patch: top-level fields, with object sections merged key by key. */
export type ReportPatch = { [K in keyof HardwareReport]?: HardwareReport[K] extends unknown[] ? HardwareReport[K] : Partial<HardwareReport[K]> };

/** The system disk of the good server: GPT, EFI, /boot, root on LVM — in use. */
export function systemDisk(patch: Partial<Disk> = {}): Disk {
  return {
    name: 'sda',
    path: '/dev/sda',
    byId: ['ata-SAMSUNG_MZ7L3480HCHQ_S1'],
    sizeBytes: 480e9,
    rotational: false,
    transport: 'sata',
    model: 'SAMSUNG MZ7L3480',
    serial: 'S1',
    removable: false,
    partitions: [
      { name: 'sda1', sizeBytes: 1e9, fstype: 'vfat', mountpoint: '/boot/efi' },
      { name: 'sda2', sizeBytes: 2e9, fstype: 'ext4', mountpoint: '/boot' },
      { name: 'sda3', sizeBytes: 477e9, fstype: 'LVM2_member', mountpoint: null },
    ],
    signatures: ['gpt', 'vfat', 'ext4', 'LVM2_member'],
    mounted: true,
    ...patch,
  };
}

/** An empty data disk. */
export function emptyDisk(name: string, sizeBytes: number, patch: Partial<Disk> = {}): Disk {
  return {
    name,
    path: `/dev/${name}`,
    byId: [`nvme-SAMSUNG_MZQL2_${name}`],
    sizeBytes,
    rotational: false,
    transport: name.startsWith('nvme') ? 'nvme' : 'sata',
    model: 'SAMSUNG MZQL21T9',
    serial: `S-${name}`,
    removable: false,
    partitions: [],
    signatures: [],
    mounted: false,
    ...patch,
  };
}

/** A disk left over from an earlier CiaB: GPT, an EFI partition and an LVM PV of osd-vg. */
export function lvmGptDisk(name: string, sizeBytes: number, vgKnown: boolean): Disk {
  return emptyDisk(name, sizeBytes, {
    model: 'OLD DISK',
    partitions: [
      { name: `${name}1`, sizeBytes: 1e9, fstype: 'vfat', mountpoint: null },
      { name: `${name}2`, sizeBytes: sizeBytes - 1e9, fstype: 'LVM2_member', mountpoint: null },
    ],
    signatures: ['gpt', 'vfat', 'LVM2_member', ...(vgKnown ? ['vg:osd-vg'] : [])],
  });
}

/** A schema-valid report of a good CiaB server (every CiaB profile passes); `patch` changes it. */
export function makeReport(patch: ReportPatch = {}): HardwareReport {
  const base: HardwareReport = {
    version: 1,
    probedAt: '2026-11-22T10:00:00.000Z',
    durationMs: 412,
    host: { hostname: 'ciab-01', os: { id: 'ubuntu', versionId: '24.04', prettyName: 'Ubuntu 24.04.1 LTS', codename: 'noble' }, kernel: '6.8.0-48-generic', arch: 'x86_64', bootMode: 'uefi', virtualization: 'none' },
    cpu: {
      model: 'AMD EPYC 7302P 16-Core Processor',
      vendor: 'AuthenticAMD',
      sockets: 1,
      cores: 16,
      threads: 32,
      flags: ['svm', 'aes', 'avx2', 'sev'],
      hwVirtualization: 'svm',
      kvmNested: true,
      vulnerabilities: [
        { name: 'l1tf', status: 'Not affected', mitigated: true },
        { name: 'mds', status: 'Not affected', mitigated: true },
        { name: 'spectre_v2', status: 'Mitigation: Retpolines; IBPB: conditional; STIBP: always-on', mitigated: true },
        { name: 'retbleed', status: 'Mitigation: untrained return thunk; SMT enabled with STIBP protection', mitigated: true },
      ],
      sev: true,
      sevSnp: false,
      tdx: false,
    },
    memory: { totalBytes: 125.7 * GiB, availableBytes: 120 * GiB, swapBytes: 8 * GiB },
    disks: [systemDisk(), emptyDisk('nvme0n1', 1.92 * TB)],
    nics: [
      { name: 'lo', mac: '00:00:00:00:00:00', mtu: 65536, operState: 'unknown', carrier: true, speedMbps: null, driver: null, addresses: [{ family: 'inet', address: '127.0.0.1', prefix: 8 }], virtual: true, sriovTotalVfs: null },
      { name: 'eno1', mac: '3c:ec:ef:10:20:30', mtu: 1500, operState: 'up', carrier: true, speedMbps: 10000, driver: 'ixgbe', addresses: [{ family: 'inet', address: '10.20.0.5', prefix: 24 }], virtual: false, sriovTotalVfs: 63 },
    ],
    routes: { default4: [{ dev: 'eno1', gateway: '10.20.0.1' }], default6: [] },
    dns: { servers: ['10.20.0.53'], search: ['site.example'] },
    time: { synchronized: true, ntpActive: true, timezone: 'Etc/UTC' },
    gpus: [],
    iommu: { enabled: true, groups: 48 },
    filesystems: [
      { mount: '/', sizeBytes: 460 * GiB, availableBytes: 420 * GiB },
      { mount: '/boot', sizeBytes: 2 * GiB, availableBytes: 1.7 * GiB },
    ],
    listening: [
      { proto: 'tcp', address: '0.0.0.0', port: 22, process: 'sshd' },
      { proto: 'udp', address: '127.0.0.53', port: 53, process: 'systemd-resolve' },
    ],
    sudo: { user: 'ubuntu', passwordless: true },
    errors: [],
  };
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    const old = out[k];
    const merge = v && typeof v === 'object' && !Array.isArray(v) && old && typeof old === 'object' && !Array.isArray(old);
    out[k] = merge ? { ...old, ...v } : v;
  }
  return out as unknown as HardwareReport;
}

/** A small server with old data: 16 GB RAM, legacy BIOS, and a leftover LVM + GPT disk. */
export function dirtyServer(vgKnown = true): HardwareReport {
  return makeReport({
    host: { bootMode: 'bios', hostname: 'old-box' },
    cpu: { model: 'Intel(R) Xeon(R) E-2136', vendor: 'GenuineIntel', cores: 6, threads: 12, flags: ['vmx'], hwVirtualization: 'vmx', sev: null, sevSnp: null, tdx: false },
    memory: { totalBytes: 15.5 * GiB, availableBytes: 14 * GiB, swapBytes: 4 * GiB },
    disks: [systemDisk(), lvmGptDisk('sdb', 2 * TB, vgKnown)],
  });
}

/** A KVM guest whose hypervisor does not pass VT-x through. */
export function vmWithoutNested(): HardwareReport {
  return makeReport({
    host: { virtualization: 'kvm' },
    cpu: { model: 'QEMU Virtual CPU version 2.5+', vendor: 'GenuineIntel', sockets: 8, cores: 8, threads: 8, flags: ['aes'], hwVirtualization: null, kvmNested: null, sev: null, sevSnp: null, tdx: null },
    disks: [systemDisk({ name: 'vda', path: '/dev/vda', partitions: [{ name: 'vda1', sizeBytes: 100e9, fstype: 'ext4', mountpoint: '/' }] }), emptyDisk('sda', 1.1 * TB, { model: 'QEMU HARDDISK' })],
    nics: [{ name: 'enp1s0', mac: '52:54:00:12:34:56', mtu: 1500, operState: 'up', carrier: true, speedMbps: null, driver: 'virtio_net', addresses: [{ family: 'inet', address: '192.168.122.10', prefix: 24 }], virtual: false, sriovTotalVfs: null }],
    routes: { default4: [{ dev: 'enp1s0', gateway: '192.168.122.1' }], default6: [] },
    iommu: { enabled: false, groups: null },
  });
}
