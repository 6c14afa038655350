// SPDX-License-Identifier: Apache-2.0
// The exact wipe commands for disks with old data: LVM (VG known or not), RAID, plain tables,
// NVMe partition names, and names that must never reach a shell.
import { describe, expect, it } from 'vitest';
import { wipeCommands } from '../../../../../electron/backend/hardware/evaluate/kinds/wipe-commands.js';
import { emptyDisk, lvmGptDisk, TB } from './make-report.js';

describe('wipeCommands', () => {
  it('LVM + GPT with a known volume group: deactivate it, wipe partitions, disk, re-read', () => {
    expect(wipeCommands(lvmGptDisk('sdb', 2 * TB, true))).toEqual({
      disk: '/dev/sdb',
      commands: [
        'sudo -n vgchange -an osd-vg',
        'sudo -n wipefs --all --force /dev/sdb1',
        'sudo -n wipefs --all --force /dev/sdb2',
        'sudo -n wipefs --all --force /dev/sdb',
        'sudo -n blockdev --rereadpt /dev/sdb',
      ],
    });
  });

  it('LVM with the volume group unknown: asks LVM for the VGs on this disk only, never a bare vgchange', () => {
    const w = wipeCommands(lvmGptDisk('nvme1n1', 2 * TB, false))!;
    expect(w.disk).toBe('/dev/nvme1n1');
    expect(w.commands).toEqual([
      "sudo -n sh -c 'pvs --noheadings -o vg_name /dev/nvme1n1 /dev/nvme1n11 /dev/nvme1n12 2>/dev/null | sort -u | xargs -r -n1 vgchange -an'",
      'sudo -n wipefs --all --force /dev/nvme1n11',
      'sudo -n wipefs --all --force /dev/nvme1n12',
      'sudo -n wipefs --all --force /dev/nvme1n1',
      'sudo -n blockdev --rereadpt /dev/nvme1n1',
    ]);
    expect(w.commands.some((c) => /vgchange -an\s*$/.test(c))).toBe(false);
  });

  it('RAID members: stops only the md arrays built on this disk first', () => {
    const d = emptyDisk('sdc', TB, { signatures: ['gpt'], partitions: [{ name: 'sdc1', sizeBytes: TB, fstype: 'linux_raid_member', mountpoint: null }] });
    expect(wipeCommands(d)!.commands).toEqual([
      `sudo -n sh -c 'for h in /sys/block/sdc/holders/md* /sys/block/sdc/sdc*/holders/md*; do if [ -e "$h" ]; then mdadm --stop "/dev/\${h##*/}" || exit 1; fi; done'`,
      'sudo -n wipefs --all --force /dev/sdc1',
      'sudo -n wipefs --all --force /dev/sdc',
      'sudo -n blockdev --rereadpt /dev/sdc',
    ]);
  });

  it('a bare filesystem on the whole disk: just the disk', () => {
    expect(wipeCommands(emptyDisk('sdd', TB, { signatures: ['xfs'] }))!.commands).toEqual(['sudo -n wipefs --all --force /dev/sdd', 'sudo -n blockdev --rereadpt /dev/sdd']);
  });

  it('refuses names that are not plain device names', () => {
    expect(wipeCommands(emptyDisk('sdb;reboot', TB, { signatures: ['gpt'] }))).toBeNull();
    expect(wipeCommands(emptyDisk('sdb', TB, { partitions: [{ name: '$(reboot)', sizeBytes: 1, fstype: null, mountpoint: null }] }))).toBeNull();
    // A hostile VG name is ignored rather than put into a command; the pvs form takes over.
    const w = wipeCommands(emptyDisk('sdb', TB, { signatures: ['LVM2_member', "vg:x';reboot;'"] }))!;
    expect(w.commands[0]).toMatch(/^sudo -n sh -c 'pvs /);
    expect(w.commands.join('\n')).not.toContain('reboot');
  });
});
