// SPDX-License-Identifier: Apache-2.0
// What the hardware probe suggests for the site: the management NIC (the one with the default
// route), its address and gateway, the disk for Ceph (the largest empty one, by its stable by-id
// path), the host name and the resolvers; and how NICs and disks read in the pickers.
import type { Disk, HardwareReport, Nic } from '../../electron/api/generated/hardware-report-types.js';
import { formatBytes } from './format.js';

/** Values the probe suggests, by field pointer. */
export type ProbeSuggestions = Record<string, unknown>;

const HOSTNAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** The NIC that carries the IPv4 default route (else the first physical NIC with carrier). */
export function defaultNic(report: HardwareReport): Nic | null {
  const dev = report.routes.default4[0]?.dev;
  return report.nics.find((n) => n.name === dev) ?? report.nics.find((n) => !n.virtual && n.carrier === true) ?? null;
}

/** The NIC's first IPv4 address with its prefix ("10.20.0.5/24"), or null. */
export function nicIpv4(nic: Nic): string | null {
  const a = nic.addresses.find((x) => x.family === 'inet');
  return a ? `${a.address}/${a.prefix}` : null;
}

/** A disk's stable path: its first /dev/disk/by-id name, else its kernel path. */
export function diskPath(disk: Disk): string {
  return disk.byId[0] ? `/dev/disk/by-id/${disk.byId[0]}` : disk.path;
}

/** Whether the disk holds the system or data (mounted, partitions or signatures). */
export function diskInUse(disk: Disk): 'system' | 'data' | null {
  if (disk.mounted) return 'system';
  return disk.partitions.length > 0 || disk.signatures.length > 0 ? 'data' : null;
}

/** Which probed disk a configured path names (kernel path or any by-id path). */
export function findDisk(disks: readonly Disk[], value: string): Disk | undefined {
  return disks.find((d) => d.path === value || d.byId.some((id) => `/dev/disk/by-id/${id}` === value));
}

/** The disk for Ceph: the largest empty, non-removable disk. */
export function suggestedDisk(report: HardwareReport): Disk | null {
  const empty = report.disks.filter((d) => !d.removable && diskInUse(d) === null);
  return empty.sort((a, b) => b.sizeBytes - a.sizeBytes)[0] ?? null;
}

/** The probe's suggestions for a fresh site (only values it is sure of). */
export function probeSuggestions(report: HardwareReport): ProbeSuggestions {
  const out: ProbeSuggestions = {};
  const nic = defaultNic(report);
  if (nic) out['/management/interface'] = nic.name;
  const host = report.host.hostname?.split('.')[0]?.toLowerCase();
  if (host && HOSTNAME.test(host)) out['/node/hostname'] = host;
  const disk = suggestedDisk(report);
  if (disk) out['/storage/disk'] = diskPath(disk);
  // The stub resolver of systemd-resolved (127.0.0.53) is no site resolver.
  const dns = report.dns.servers.filter((s) => !s.startsWith('127.') && s !== '::1').slice(0, 3);
  if (dns.length > 0) out['/dns/servers'] = dns;
  return out;
}

/** Static address and gateway as the management NIC has them now (for when DHCP is turned off). */
export function staticSuggestions(report: HardwareReport, nicName: string): ProbeSuggestions {
  const nic = report.nics.find((n) => n.name === nicName);
  const out: ProbeSuggestions = {};
  const address = nic ? nicIpv4(nic) : null;
  if (address) out['/management/address'] = address;
  const gw = report.routes.default4.find((r) => r.dev === nicName)?.gateway;
  if (gw) out['/management/gateway'] = gw;
  return out;
}

/** A link speed in words ("10 Gbit/s", "100 Mbit/s"). */
export function formatSpeed(mbps: number | null): string | null {
  if (mbps === null || mbps <= 0) return null;
  return mbps >= 1000 ? `${mbps / 1000} Gbit/s` : `${mbps} Mbit/s`;
}

/** One line for a NIC in the picker: "eno1 · link up · 10 Gbit/s · 10.20.0.5/24 · default route". */
export function nicLabel(nic: Nic, report: HardwareReport): string {
  const parts = [nic.name, nic.carrier === true ? 'link up' : nic.carrier === false ? 'no link' : (nic.operState ?? 'state unknown')];
  const speed = formatSpeed(nic.speedMbps);
  if (speed) parts.push(speed);
  const v4 = nicIpv4(nic);
  if (v4) parts.push(v4);
  if (report.routes.default4.some((r) => r.dev === nic.name)) parts.push('default route');
  if (nic.virtual) parts.push('virtual');
  return parts.join(' · ');
}

/** One line for a disk in the picker: "nvme1n1 · 1.9 TB · SAMSUNG MZQL2960 · empty". */
export function diskLabel(disk: Disk): string {
  const use = diskInUse(disk);
  const parts = [disk.name, formatBytes(disk.sizeBytes)];
  if (disk.model) parts.push(disk.model);
  parts.push(use === 'system' ? 'system disk (in use)' : use === 'data' ? `has data (${disk.signatures.join(', ') || 'partitions'})` : 'empty');
  if (disk.removable) parts.push('removable');
  return parts.join(' · ');
}
