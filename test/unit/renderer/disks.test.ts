// SPDX-License-Identifier: Apache-2.0
import { describe, expect, test } from 'vitest';
import { describeDiskContents, signatureWords } from '../../../renderer/lib/disks.js';

describe('what is on a disk, in words', () => {
  test('signatures as words, each once; partitions with their file system and mount point', () => {
    expect(signatureWords('LVM2_member')).toBe('LVM physical volume');
    expect(signatureWords('btrfs')).toBe('btrfs');
    expect(signatureWords('vg:osd-vg')).toBe('LVM volume group osd-vg');
    const disk = {
      signatures: ['gpt', 'LVM2_member', 'gpt'],
      partitions: [
        { name: 'sdb1', sizeBytes: 1, fstype: null, mountpoint: null },
        { name: 'sdb2', sizeBytes: 2, fstype: 'LVM2_member', mountpoint: null },
        { name: 'sdb3', sizeBytes: 3, fstype: 'ext4', mountpoint: '/srv' },
      ],
    };
    expect(describeDiskContents(disk)).toBe('GPT partition table; LVM physical volume; 3 partitions: sdb1, sdb2 (LVM physical volume), sdb3 (ext4) mounted on /srv');
    expect(describeDiskContents({ signatures: ['linux_raid_member'], partitions: [] })).toBe('software RAID member');
    expect(describeDiskContents({ signatures: [], partitions: [] })).toBe('nothing the probe recognised');
  });
});
