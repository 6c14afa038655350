// SPDX-License-Identifier: Apache-2.0
// The exact commands that wipe a disk carrying old data, in the order that works: release what
// the kernel holds (LVM volume groups, md arrays), erase the signatures of every partition, then
// of the disk itself, then make the kernel forget the old partitions.
import type { Disk } from '../../../../api/generated/hardware-report-types.js';
import { arr } from '../units.js';
import { hasLvm, hasRaid, SAFE_DEVICE_NAME, volumeGroups } from './disk-facts.js';

/** The wipe of one disk, or null when a name is not safe to put into a command. */
export function wipeCommands(d: Disk): { disk: string; commands: string[] } | null {
  const parts = arr(d.partitions).map((p) => p.name);
  // Names come from the probe, i.e. from the server: never let one smuggle shell syntax in.
  if (!SAFE_DEVICE_NAME.test(d.name) || parts.some((p) => typeof p !== 'string' || !SAFE_DEVICE_NAME.test(p))) return null;
  const disk = `/dev/${d.name}`;
  const commands: string[] = [];
  const vgs = volumeGroups(d);
  // Active LVs keep the partitions busy: wipefs would leave stale device-mapper tables and
  // --rereadpt would fail with EBUSY. Deactivate by name when the probe knows the VG...
  for (const vg of vgs) commands.push(`sudo -n vgchange -an ${vg}`);
  // ...else ask LVM which VGs live on this disk's PVs; xargs -r runs nothing when there are none,
  // so a bare `vgchange -an` (which would deactivate every VG, the root VG too) cannot happen.
  if (vgs.length === 0 && hasLvm(d)) {
    const pvs = [disk, ...parts.map((p) => `/dev/${p}`)].join(' ');
    commands.push(`sudo -n sh -c 'pvs --noheadings -o vg_name ${pvs} 2>/dev/null | sort -u | xargs -r -n1 vgchange -an'`);
  }
  // An assembled md array holds its members; stop only arrays built on this disk.
  if (hasRaid(d)) {
    const b = `/sys/block/${d.name}`;
    // A RAID array that cannot be stopped is in use: stop here rather than wipe under it.
    commands.push(`sudo -n sh -c 'for h in ${b}/holders/md* ${b}/${d.name}*/holders/md*; do if [ -e "$h" ]; then mdadm --stop "/dev/\${h##*/}" || exit 1; fi; done'`);
  }
  for (const p of parts) commands.push(`sudo -n wipefs --all --force /dev/${p}`);
  commands.push(`sudo -n wipefs --all --force ${disk}`);
  commands.push(`sudo -n blockdev --rereadpt ${disk}`);
  return { disk, commands };
}
