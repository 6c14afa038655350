// SPDX-License-Identifier: Apache-2.0
// Hardware fixtures for the screen tests: a good CiaB server (everything passes) and a small one
// with a dirty disk (memory and boot mode fail, old LVM on /dev/sdb with its wipe commands,
// warnings, a waiver), the profiles, and a probe report to copy. Shaped like the contract; the
// fake backend validates views and the report against the schemas.
import type { CheckResult, HardwareView } from '../../electron/api/contract.js';
import type { HardwareReport } from '../../electron/api/generated/hardware-report-types.js';

/** The requirement profiles the backend offers. */
export const PROFILES: HardwareView['profiles'] = [
  { id: 'ciab-sandbox', title: 'CiaB sandbox', description: 'The full Cloud-in-a-Box for developers and demos: OSISM OpenStack with Ceph, OpenSearch and the dashboards on one server. Requires 4 cores, 32 GB RAM, one empty disk of 1 TB or more for Ceph, UEFI, Ubuntu 24.04 and a NIC with a default route.' },
  { id: 'ciab-edge', title: 'CiaB edge', description: 'A single-node edge cloud appliance: OpenStack and Ceph like the sandbox, without OpenSearch and the dashboards (logs go to a central place).' },
  { id: 'ciab-kubernetes', title: 'CiaB kubernetes', description: 'A single-node edge Kubernetes appliance: k3s with the Kubernetes dashboard and Netdata; no OpenStack, no Ceph.' },
  { id: 'lab', title: 'Lab / VM (relaxed)', description: 'For labs, VMs and trying things out, not for a site. Most checks only warn.' },
];

/** The hardware part of a view. */
export function hardwareView(patch: Partial<HardwareView> = {}): HardwareView {
  return { profileId: 'ciab-sandbox', profiles: PROFILES, probedAt: '2026-11-22T14:03:12.000Z', durationMs: 412, summary: null, ...patch };
}

const c = (p: Omit<CheckResult, 'why' | 'fix'> & Partial<CheckResult>): CheckResult => ({ why: 'Required by the CiaB reference installation.', fix: 'See the CiaB hardware guide.', ...p });

/** A good CiaB server: every check passes. */
export const GOOD_CHECKS: CheckResult[] = [
  c({ id: 'cpu.cores', group: 'cpu', title: 'CPU cores', state: 'pass', required: '≥ 4 cores', found: '16 cores, 32 threads (AMD EPYC 7313P)', why: 'OpenStack control services, Ceph and the first workloads share this one server; Nova reserves 2 cores for the host.' }),
  c({ id: 'cpu.virtualization', group: 'cpu', title: 'Hardware virtualization', state: 'pass', required: 'AMD-V or Intel VT-x', found: 'AMD-V (svm), KVM loaded', why: 'Nova runs virtual machines with KVM, which needs the CPU’s virtualization extensions.' }),
  c({ id: 'memory.total', group: 'memory', title: 'Memory', state: 'pass', required: '≥ 32 GB', found: '128 GB', why: 'With less memory the OOM killer stops services during the deploy.' }),
  c({ id: 'storage.ceph-disk', group: 'storage', title: 'Empty disk for Ceph', state: 'pass', required: 'one empty disk ≥ 1 TB', found: '/dev/nvme1n1: 1.9 TB, empty', why: 'Ceph takes a whole disk for its OSDs; anything on it is lost.' }),
  c({ id: 'storage.root-free', group: 'storage', title: 'Free space on /', state: 'pass', required: '≥ 100 GB free', found: '412 GB free', why: 'Container images, the APT mirror and the registry of the air-gap bundle are unpacked there.' }),
  c({ id: 'network.default-route', group: 'network', title: 'NIC with a default route', state: 'pass', required: 'a NIC with carrier and a default route', found: 'eno1 via 10.20.0.1, 10 Gbit/s', why: 'OSISM binds its services to the interface of the default route.' }),
  c({ id: 'network.dns', group: 'network', title: 'DNS resolver', state: 'pass', required: 'at least one resolver', found: '10.20.0.1', why: 'Designate forwards to the site’s resolvers.' }),
  c({ id: 'network.time', group: 'network', title: 'Clock synchronised', state: 'pass', required: 'NTP synchronised', found: 'synchronised (systemd-timesyncd)', why: 'Ceph monitors refuse to form a quorum when clocks drift.' }),
  c({ id: 'os.release', group: 'os', title: 'Ubuntu 24.04 LTS', state: 'pass', required: 'Ubuntu 24.04 LTS', found: 'Ubuntu 24.04.1 LTS' }),
  c({ id: 'os.boot-mode', group: 'os', title: 'Boot mode', state: 'pass', required: 'UEFI', found: 'UEFI', why: 'The CiaB disk layout is GPT with an EFI system partition.' }),
  c({ id: 'os.sudo', group: 'os', title: 'Passwordless sudo', state: 'pass', required: 'sudo -n works', found: 'yes, as ubuntu', why: 'The installer runs its steps as root without typing a password each time.' }),
  c({ id: 'security.cpu-vulnerabilities', group: 'security', title: 'CPU vulnerabilities mitigated', state: 'pass', required: 'all mitigated', found: '14 of 14 mitigated', why: 'Decides whether the SCS flavors may drop the “i” (insecure) suffix.' }),
  c({ id: 'security.iommu', group: 'security', title: 'IOMMU', state: 'pass', required: 'enabled', found: 'enabled, 58 groups', why: 'Needed for PCI passthrough and SR-IOV.' }),
];

/** The wipe commands the backend offers for the dirty disk. */
export const WIPE_COMMANDS = ['vgchange --activate n ceph-1d5c0a', 'wipefs --all --force /dev/sdb2 /dev/sdb1', 'wipefs --all --force /dev/sdb', 'sgdisk --zap-all /dev/sdb'];

/** A small server with a dirty disk: 3 blocking failures, warnings, one waiver. */
export const BAD_CHECKS: CheckResult[] = [
  c({ id: 'cpu.cores', group: 'cpu', title: 'CPU cores', state: 'warn', required: '≥ 4 cores (8 recommended)', found: '4 cores, 8 threads (Intel Xeon E-2224)', why: 'At the minimum there is no room for payload such as load balancers or Kubernetes clusters.', fix: 'Use a server with 8 or more cores for anything beyond a demo. Check with: lscpu' }),
  c({ id: 'memory.total', group: 'memory', title: 'Memory', state: 'fail', blocking: true, required: '≥ 32 GB', found: '16 GB', why: 'OpenStack control services, Ceph OSDs and the first workloads share one server; with 16 GB the OOM killer stops services during the deploy.', fix: 'Add memory to at least 32 GB, or pick the Lab profile for a test rig.\nCheck with: free -g' }),
  c({
    id: 'storage.ceph-disk',
    group: 'storage',
    title: 'Empty disk for Ceph',
    state: 'fail',
    blocking: true,
    required: 'one empty disk ≥ 1 TB',
    found: '/dev/sdb: 1.0 TB with an old GPT, 2 partitions and LVM (ceph-1d5c0a)',
    why: 'Ceph takes a whole disk for its OSDs and refuses one that still has partitions or LVM on it.',
    fix: 'Wipe the disk with the commands shown (they erase everything on /dev/sdb; the app asks you to type the disk name first). Make sure it is the disk you mean: lsblk -o NAME,SIZE,MODEL,SERIAL,FSTYPE,MOUNTPOINTS /dev/sdb',
    wipe: { disk: '/dev/sdb', commands: WIPE_COMMANDS },
  }),
  c({ id: 'network.speed', group: 'network', title: 'Link speed', state: 'warn', required: '≥ 10 Gbit/s recommended', found: 'eno1: 1 Gbit/s', why: 'Ceph replication and image uploads are slow on 1 Gbit/s.', fix: 'Connect the 10 Gbit/s port, or accept slower image uploads. Check with: ethtool eno1' }),
  c({ id: 'network.time', group: 'network', title: 'Clock synchronised', state: 'error', blocking: false, required: 'NTP synchronised', found: 'timedatectl: command not found (exit 127)', why: 'Ceph monitors refuse to form a quorum when clocks drift.', fix: 'sudo apt install systemd-timesyncd\ntimedatectl status' }),
  c({ id: 'os.boot-mode', group: 'os', title: 'Boot mode', state: 'fail', blocking: true, required: 'UEFI', found: 'Legacy BIOS', why: 'The CiaB disk layout is GPT with an EFI system partition; a BIOS boot cannot use it.', fix: 'In the firmware setup, switch the boot mode to UEFI and reinstall Ubuntu 24.04.\nCheck with: ls /sys/firmware/efi' }),
  c({ id: 'os.release', group: 'os', title: 'Ubuntu 24.04 LTS', state: 'pass', required: 'Ubuntu 24.04 LTS', found: 'Ubuntu 24.04.1 LTS' }),
  c({ id: 'security.cpu-vulnerabilities', group: 'security', title: 'CPU vulnerabilities mitigated', state: 'warn', required: 'all mitigated', found: '1 vulnerable: gather_data_sampling', why: 'Decides whether the SCS flavors may drop the “i” (insecure) suffix.', fix: 'Update the CPU microcode and the kernel:\nsudo apt install intel-microcode && sudo reboot' }),
  c({ id: 'security.iommu', group: 'security', title: 'IOMMU', state: 'waived', required: 'enabled', found: 'disabled in firmware', waiver: 'No PCI passthrough or SR-IOV planned at this site (ticket OPS-1234).', why: 'Needed for PCI passthrough and SR-IOV.' }),
];

/** The probe's raw report for the bad server (what `hardware.report` answers). */
export const BAD_REPORT: HardwareReport = {
  version: 1,
  probedAt: '2026-11-22T14:03:12.000Z',
  durationMs: 412,
  host: { hostname: 'lab-small-01', os: { id: 'ubuntu', versionId: '24.04', prettyName: 'Ubuntu 24.04.1 LTS', codename: 'noble' }, kernel: '6.8.0-48-generic', arch: 'x86_64', bootMode: 'bios', virtualization: 'none' },
  cpu: { model: 'Intel(R) Xeon(R) E-2224 CPU @ 3.40GHz', vendor: 'GenuineIntel', sockets: 1, cores: 4, threads: 8, flags: ['vmx', 'aes', 'avx2'], hwVirtualization: 'vmx', kvmNested: true, vulnerabilities: [{ name: 'gather_data_sampling', status: 'Vulnerable: No microcode', mitigated: false }], sev: false, sevSnp: false, tdx: false },
  memory: { totalBytes: 16_000_000_000, availableBytes: 14_200_000_000, swapBytes: 0 },
  disks: [
    { name: 'sda', path: '/dev/sda', byId: ['ata-SAMSUNG_MZ7L3480_S6KMNX0T123456'], sizeBytes: 480_103_981_056, rotational: false, transport: 'sata', model: 'SAMSUNG MZ7L3480', serial: 'S6KMNX0T123456', removable: false, partitions: [{ name: 'sda1', sizeBytes: 1_073_741_824, fstype: 'vfat', mountpoint: '/boot/efi' }, { name: 'sda2', sizeBytes: 479_000_000_000, fstype: 'ext4', mountpoint: '/' }], signatures: ['gpt'], mounted: true },
    { name: 'sdb', path: '/dev/sdb', byId: ['ata-ST1000NM0008-2F2100_ZFL1ABCD'], sizeBytes: 1_000_204_886_016, rotational: true, transport: 'sata', model: 'ST1000NM0008-2F2100', serial: 'ZFL1ABCD', removable: false, partitions: [{ name: 'sdb1', sizeBytes: 1_048_576, fstype: null, mountpoint: null }, { name: 'sdb2', sizeBytes: 1_000_000_000_000, fstype: 'LVM2_member', mountpoint: null }], signatures: ['gpt', 'LVM2_member'], mounted: false },
  ],
  nics: [{ name: 'eno1', mac: '3c:ec:ef:12:34:56', mtu: 1500, operState: 'up', carrier: true, speedMbps: 1000, driver: 'igb', addresses: [{ family: 'inet', address: '10.20.0.5', prefix: 24, scope: 'global' }], virtual: false, sriovTotalVfs: null }],
  routes: { default4: [{ dev: 'eno1', gateway: '10.20.0.1' }], default6: [] },
  dns: { servers: ['10.20.0.1'], search: ['lab.example'] },
  time: { synchronized: null, ntpActive: null, timezone: 'Etc/UTC' },
  gpus: [],
  iommu: { enabled: false, groups: 0 },
  filesystems: [{ mount: '/', sizeBytes: 470_000_000_000, availableBytes: 440_000_000_000 }],
  listening: [{ proto: 'tcp', address: '0.0.0.0', port: 22, process: 'sshd' }],
  sudo: { user: 'ubuntu', passwordless: true },
  errors: [{ section: 'time', message: 'timedatectl: command not found', exitCode: 127 }],
};
