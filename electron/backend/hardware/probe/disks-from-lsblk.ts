// SPDX-License-Identifier: Apache-2.0
// Turns lsblk device trees into the report's disks: size, ids, partitions, signatures, in-use state.
import type { Disk } from '../../../api/generated/hardware-report-types.js';
import { splitDmName, type BlockDevice } from './block-device.js';
import type { ByIdMap } from './parse-by-id.js';
import type { HoldersFacts } from './parse-holders.js';

// Whole-disk types that are not storage for CiaB: RAM disks, compressed swap, floppies, loop images.
const NOT_A_DISK = /^(zram|ram|fd|loop)\d/;

/**
 * Physical disks (lsblk type "disk") with what is on them; loop, zram, ram and floppy are skipped.
 * `holders` fills in where lsblk could not name a signature (no udev data): a partition held open by
 * a device-mapper or md device gets a `holder:<name>` signature, so it is never mistaken for empty.
 */
export function disksFromLsblk(roots: BlockDevice[], byId: ByIdMap, holders?: HoldersFacts): Disk[] {
  const disks: Disk[] = [];
  const seen = new Set<string>();
  for (const d of roots) {
    if (d.type !== 'disk' || NOT_A_DISK.test(d.kname) || seen.has(d.kname)) continue;
    seen.add(d.kname);
    const parts = d.children.filter((c) => c.type === 'part');
    const signatures: string[] = [];
    const add = (s: string | null) => {
      if (s && !signatures.includes(s)) signatures.push(s);
    };
    add(d.pttype);
    add(d.fstype);
    for (const p of parts) add(p.fstype);
    // A whole-disk PV or md member shows up as a child of type lvm/raid* without partitions.
    for (const c of d.children) {
      if (c.type === 'lvm' && !d.fstype) add('LVM2_member');
      if (/^raid\d+$|^md$/.test(c.type) && !d.fstype) add('linux_raid_member');
      if (c.type === 'crypt' && !d.fstype) add('crypto_LUKS');
    }
    // Convention shared with the evaluator (the schema has no field for it): `vg:<name>` names the
    // volume group whose active LVs sit on this disk, so the wipe commands can deactivate it by name.
    for (const dev of [d, ...parts]) {
      for (const c of dev.children) {
        const vg = c.type === 'lvm' ? splitDmName(c.name)?.[0] : undefined;
        if (vg) add(`vg:${vg}`);
      }
    }
    for (const dev of [d, ...parts]) {
      if (dev.fstype || dev.children.length > 0) continue;
      for (const h of holders?.holders.get(dev.kname) ?? []) add(`holder:${holders?.dmNames.get(h) ?? h}`);
    }
    disks.push({
      name: d.kname,
      path: `/dev/${d.kname}`,
      byId: byId.get(d.kname) ?? [],
      sizeBytes: d.size ?? 0,
      rotational: d.rota,
      transport: d.tran,
      model: d.model,
      serial: d.serial,
      removable: d.rm === true,
      partitions: parts.map((p) => ({
        name: p.kname,
        sizeBytes: p.size ?? 0,
        fstype: p.fstype,
        mountpoint: p.mountpoints[0] ?? null,
      })),
      signatures,
      mounted: inUse(d),
    });
  }
  return disks;
}

// Mounted or swap anywhere below (partition, LV on a PV, md array, crypt mapping).
function inUse(d: BlockDevice, depth = 0): boolean {
  if (d.mountpoints.length > 0) return true;
  return depth < 16 && d.children.some((c) => inUse(c, depth + 1));
}
