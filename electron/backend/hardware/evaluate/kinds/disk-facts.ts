// SPDX-License-Identifier: Apache-2.0
// What the storage checks need to know about a disk: is it a real fixed disk, is it in use, is
// it empty, and what old data does it carry. "Empty" means no partitions, no signatures of any
// kind (partition table, filesystem, LVM, RAID) and not mounted or otherwise in use.
import type { Disk } from '../../../../api/generated/hardware-report-types.js';
import { arr, cleanText, formatDiskSize, listSome, num } from '../units.js';

// Block devices that are not disks an installer could use: loop files, RAM disks, optical
// drives, device-mapper and md devices built on top of real disks, network block devices.
const NOT_A_DISK = /^(loop|ram|zram|sr|fd|md|dm-|nbd|drbd|rbd)\d*/;

/** Kernel names that are safe to put into a shell command unquoted. */
export const SAFE_DEVICE_NAME = /^[A-Za-z0-9_-]+$/;

/** The disks an installer could use: fixed, real, with a size. */
export function fixedDisks(disks: Disk[] | null | undefined): Disk[] {
  return arr(disks).filter((d) => d && typeof d.name === 'string' && !d.removable && !NOT_A_DISK.test(d.name) && (num(d.sizeBytes) ?? 0) > 0);
}

/** Mounted, or holding a mounted partition, swap or the root volume group. */
export function inUse(d: Disk): boolean {
  return d.mounted === true || arr(d.partitions).some((p) => typeof p.mountpoint === 'string' && p.mountpoint !== '');
}

/** Carries partitions or signatures (which may be all that is left of an old install). */
export function hasOldData(d: Disk): boolean {
  return arr(d.partitions).length > 0 || arr(d.signatures).length > 0;
}

/** Fit for Ceph as it is: not in use and nothing on it. */
export function isEmpty(d: Disk): boolean {
  return !inUse(d) && !hasOldData(d);
}

/** Every signature on the disk or its partitions, without the `vg:<name>` annotations. */
function allSignatures(d: Disk): string[] {
  const fromParts = arr(d.partitions).map((p) => p.fstype).filter((t): t is string => typeof t === 'string' && t !== '');
  return [...new Set([...arr(d.signatures), ...fromParts])].filter((s) => typeof s === 'string' && !s.startsWith('vg:'));
}

/** Carries an LVM physical volume (on the disk or a partition). */
export function hasLvm(d: Disk): boolean {
  return allSignatures(d).includes('LVM2_member');
}

/** Is a member of an md RAID array. */
export function hasRaid(d: Disk): boolean {
  return allSignatures(d).includes('linux_raid_member');
}

/**
 * LVM volume group names on the disk, when the probe knows them. Convention: a signature entry
 * `vg:<name>` next to `LVM2_member` (the contract has no field of its own for it yet).
 */
export function volumeGroups(d: Disk): string[] {
  return arr(d.signatures)
    .filter((s) => typeof s === 'string' && s.startsWith('vg:'))
    .map((s) => s.slice(3))
    .filter((vg) => /^[A-Za-z0-9+_.][A-Za-z0-9+_.-]*$/.test(vg));
}

const TABLES: Record<string, string> = { gpt: 'a GPT partition table', dos: 'an MBR partition table' };

/** "a GPT partition table, 2 partitions, LVM (volume group osd-vg), signatures: ext4". */
export function describeOldData(d: Disk): string {
  const sigs = allSignatures(d);
  const parts: string[] = [];
  for (const s of sigs) if (TABLES[s]) parts.push(TABLES[s]);
  const n = arr(d.partitions).length;
  if (n > 0) parts.push(n === 1 ? '1 partition' : `${n} partitions`);
  if (hasLvm(d)) {
    const vgs = volumeGroups(d);
    parts.push(vgs.length ? `LVM (volume group ${vgs.map((v) => cleanText(v, 40)).join(', ')})` : 'LVM');
  }
  if (hasRaid(d)) parts.push('RAID (md) membership');
  const other = sigs.filter((s) => !TABLES[s] && s !== 'LVM2_member' && s !== 'linux_raid_member').map((s) => cleanText(s, 30));
  if (other.length) parts.push(`signatures: ${listSome(other, 5)}`);
  return parts.length ? parts.join(', ') : 'old data';
}

/** "/dev/sdb (2 TB)" style facts for found texts. */
export function diskVars(d: Disk): { disk: string; name: string; size: string; model: string | null } {
  const name = cleanText(d.name, 40);
  const model = d.model ? cleanText(d.model, 40) : null;
  return { disk: `/dev/${name}`, name, size: formatDiskSize(num(d.sizeBytes) ?? 0), model };
}
