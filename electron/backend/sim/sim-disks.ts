// SPDX-License-Identifier: Apache-2.0
// The simulated server's disks as mutable lsblk JSON, and what wipefs, blockdev and vgchange do to them.
import type { SimCommandResult } from './sim-commands.js';

export { splitDmName } from '../hardware/probe/block-device.js';

/** One lsblk -J -O device object; children are partitions, LVs, ... */
export type LsblkNode = Record<string, unknown> & { name: string; kname?: string; type?: string; children?: LsblkNode[] };

// Where wipefs finds each signature and the bytes it erases there, as wipefs prints them.
const MAGIC: Record<string, [number, number, string][]> = {
  LVM2_member: [[8, 0x218, '4c 56 4d 32 20 30 30 31']],
  ext4: [[2, 0x438, '53 ef']],
  xfs: [[4, 0x0, '58 46 53 42']],
  swap: [[10, 0xff6, '53 57 41 50 53 50 41 43 45 32']],
  vfat: [[8, 0x52, '46 41 54 33 32 20 20 20'], [1, 0x0, 'eb'], [2, 0x1fe, '55 aa']],
  ceph_bluestore: [[22, 0x0, '62 6c 75 65 73 74 6f 72 65 20 62 6c 6f 63 6b 20 64 65 76 69 63 65']],
  linux_raid_member: [[4, 0x1000, 'fc 4e 2b a9']],
  crypto_LUKS: [[6, 0x0, '4c 55 4b 53 ba be']],
  dos: [[2, 0x1fe, '55 aa']],
};
const FS_FIELDS = ['fstype', 'fsver', 'uuid', 'label', 'fsavail', 'fssize', 'fsused', 'fsuse%'] as const;

/** The kernel name of a node (lsblk's KNAME, else NAME). */
export function kname(n: LsblkNode): string {
  return typeof n.kname === 'string' ? n.kname : n.name;
}

/** Depth-first walk with each node's parent. */
export function* walk(nodes: LsblkNode[], parent: LsblkNode | null = null): Generator<[LsblkNode, LsblkNode | null]> {
  for (const n of nodes) {
    yield [n, parent];
    if (Array.isArray(n.children)) yield* walk(n.children, n);
  }
}

function mountpoints(n: LsblkNode): string[] {
  const mps = Array.isArray(n.mountpoints) ? n.mountpoints : [n.mountpoint];
  return mps.filter((m): m is string => typeof m === 'string' && m !== '');
}

/** Mounted (or swap) anywhere at or below this node. */
export function mountedBelow(n: LsblkNode): string | null {
  for (const [d] of walk([n])) {
    const mp = mountpoints(d)[0];
    if (mp) return mp;
  }
  return null;
}

function wipefsLine(path: string, type: string, bytes: number, offset: number, hex: string): string {
  return `${path}: ${bytes} ${bytes === 1 ? 'byte was' : 'bytes were'} erased at offset 0x${offset.toString(16).padStart(8, '0')} (${type}): ${hex}\n`;
}

/** What `wipefs --all --force` prints for the signatures of one node (a partition table or filesystem). */
export function wipefsOutput(path: string, n: LsblkNode): string {
  let out = '';
  // lsblk shows a partition's PTTYPE as the table it lives in; that table is on the disk, not in it.
  const table = n.type === 'part' ? null : n.pttype;
  if (table === 'gpt') {
    const size = typeof n.size === 'number' ? n.size : 0;
    out += wipefsLine(path, 'gpt', 8, 0x200, '45 46 49 20 50 41 52 54');
    out += wipefsLine(path, 'gpt', 8, Math.max(0, size - 512), '45 46 49 20 50 41 52 54');
    out += wipefsLine(path, 'PMBR', 2, 0x1fe, '55 aa');
  } else if (typeof table === 'string') {
    for (const [b, o, h] of MAGIC[table] ?? [[2, 0x1fe, '55 aa']]) out += wipefsLine(path, table, b, o, h);
  }
  if (typeof n.fstype === 'string') {
    for (const [b, o, h] of MAGIC[n.fstype] ?? [[8, 0x0, '00 00 00 00 00 00 00 00']]) out += wipefsLine(path, n.fstype, b, o, h);
  }
  return out;
}

/** Forget the filesystem/PV signature of a node (what wipefs does to the on-disk bytes). */
export function clearFilesystem(n: LsblkNode): void {
  for (const f of FS_FIELDS) if (f in n) n[f] = null;
}

/** Forget a disk's partition table. */
export function clearPartitionTable(n: LsblkNode): void {
  n.pttype = null;
  n.ptuuid = null;
}

/** A partition is busy when something is mounted on it or device-mapper/md devices sit on it. */
export function isBusy(n: LsblkNode): boolean {
  return mountedBelow(n) !== null || (Array.isArray(n.children) && n.children.length > 0);
}

/** Result helper for the simulated commands. */
export function result(stdout: string, stderr = '', exitCode = 0): SimCommandResult {
  return { stdout, stderr, exitCode };
}
