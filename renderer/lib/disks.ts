// SPDX-License-Identifier: Apache-2.0
// Disks in the operator's words: what the probe found on a disk before it is wiped.
import type { Disk } from '../../electron/api/generated/hardware-report-types.js';

const SIGNATURE_WORDS: Record<string, string> = {
  gpt: 'GPT partition table',
  dos: 'MBR partition table',
  PMBR: 'protective MBR',
  LVM2_member: 'LVM physical volume',
  linux_raid_member: 'software RAID member',
  ceph_bluestore: 'Ceph BlueStore OSD',
  swap: 'swap',
  crypto_LUKS: 'LUKS encrypted volume',
  zfs_member: 'ZFS pool member',
};

/** A signature type as words ("LVM2_member" -> "LVM physical volume", "vg:osd-vg" -> "LVM volume group osd-vg"); unknown ones as reported. */
export function signatureWords(signature: string): string {
  const vg = /^vg:(.+)$/.exec(signature);
  if (vg) return `LVM volume group ${vg[1]}`;
  return SIGNATURE_WORDS[signature] ?? signature;
}

/** What is on a disk now: signatures first, then its partitions with their file system or role. */
export function describeDiskContents(disk: Pick<Disk, 'signatures' | 'partitions'>): string {
  const parts: string[] = [...new Set(disk.signatures)].map(signatureWords);
  if (disk.partitions.length > 0) {
    const list = disk.partitions.map((p) => `${p.name}${p.fstype ? ` (${signatureWords(p.fstype)})` : ''}${p.mountpoint ? ` mounted on ${p.mountpoint}` : ''}`);
    parts.push(`${disk.partitions.length === 1 ? 'partition' : `${disk.partitions.length} partitions`}: ${list.join(', ')}`);
  }
  return parts.length > 0 ? parts.join('; ') : 'nothing the probe recognised';
}
