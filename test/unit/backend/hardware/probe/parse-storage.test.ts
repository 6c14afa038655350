// SPDX-License-Identifier: Apache-2.0
// Disks and memory: lsblk JSON (typed and all-strings), -P pairs, plain tables, by-id, holders, df, meminfo.
import { describe, expect, it } from 'vitest';
import { disksFromLsblk } from '../../../../../electron/backend/hardware/probe/disks-from-lsblk.js';
import { humanSize, splitDmName } from '../../../../../electron/backend/hardware/probe/block-device.js';
import { parseById } from '../../../../../electron/backend/hardware/probe/parse-by-id.js';
import { parseDf } from '../../../../../electron/backend/hardware/probe/parse-df.js';
import { parseHolders } from '../../../../../electron/backend/hardware/probe/parse-holders.js';
import { parseLsblkJson, parseLsblkPairs } from '../../../../../electron/backend/hardware/probe/parse-lsblk.js';
import { parseLsblkTable } from '../../../../../electron/backend/hardware/probe/parse-lsblk-table.js';
import { parseMeminfo } from '../../../../../electron/backend/hardware/probe/parse-meminfo.js';
import { splitSections } from '../../../../../electron/backend/hardware/probe/probe-sections.js';
import { simProbeOutput } from '../../../../../electron/backend/sim/sim-hardware.js';
import { fixture, fixtureNames } from './fixtures.js';

const noIds = new Map<string, string[]>();
const GiB = 1024 ** 3;

describe('lsblk', () => {
  it('VMware guest with LVM (plain all-columns table): signatures, LVs, mounted', () => {
    const roots = parseLsblkTable(fixture('lsblk', 'kellyjonbrazil-jc__centos77-vmware-lvm-allcols.txt')).value!;
    const sda2 = roots[0]!.children[1]!;
    expect(sda2.children.map((c) => [c.name, c.kname, c.type, c.fstype, c.mountpoints])).toEqual([
      ['centos-root', 'dm-0', 'lvm', 'xfs', ['/']],
      ['centos-swap', 'dm-1', 'lvm', 'swap', ['[SWAP]']],
    ]);
    const disks = disksFromLsblk(roots, noIds);
    expect(disks).toHaveLength(1); // sr0 is a CD-ROM, not a disk
    expect(disks[0]).toMatchObject({
      name: 'sda', path: '/dev/sda', sizeBytes: 20 * GiB, rotational: true, transport: 'spi', model: 'VMware Virtual S', mounted: true,
      signatures: ['xfs', 'LVM2_member', 'vg:centos'],
      partitions: [
        { name: 'sda1', sizeBytes: GiB, fstype: 'xfs', mountpoint: '/boot' },
        { name: 'sda2', sizeBytes: 19 * GiB, fstype: 'LVM2_member', mountpoint: null },
      ],
    });
  });

  it('plain tables without optional columns; snaps on loop devices and floppies are not disks', () => {
    for (const name of ['kellyjonbrazil-jc__ubuntu1804-allcols.txt', 'kellyjonbrazil-jc__ubuntu1804-loops.txt']) {
      const disks = disksFromLsblk(parseLsblkTable(fixture('lsblk', name)).value!, noIds);
      expect(disks.map((d) => d.name), name).toEqual(['sda']);
      expect(disks[0]).toMatchObject({ sizeBytes: 20 * GiB, mounted: true });
      expect(disks[0]!.partitions.map((p) => p.mountpoint)).toEqual([null, '/']);
    }
  });

  it('NVMe-only machine, all-strings JSON of util-linux 2.32 (zram and loop devices skipped)', () => {
    const disks = disksFromLsblk(parseLsblkJson(fixture('lsblk', 'nya3jp-tast__chromebook-eve-nvme-json.txt')).value!, noIds);
    expect(disks.map((d) => d.name)).toEqual(['nvme0n1']);
    expect(disks[0]).toMatchObject({ sizeBytes: 512110190592, removable: false, mounted: true });
    expect(disks[0]!.partitions.map((p) => p.name)).toEqual(['nvme0n1p1', 'nvme0n1p2', 'nvme0n1p3', 'nvme0n1p12']);
  });

  it('lsblk -P pairs (a machine without lsblk -J) with escapes and parent names', () => {
    const local = disksFromLsblk(parseLsblkPairs(fixture('lsblk', 'local__debian12-pairs.txt')).value!, noIds);
    expect(local).toEqual([expect.objectContaining({ name: 'vda', sizeBytes: 274877906944, rotational: true, mounted: true, partitions: [] })]);
    const pairs = [
      'NAME="sdb" KNAME="sdb" TYPE="disk" SIZE="1000204886016" ROTA="1" TRAN="sata" MODEL="ST1000NM0055\\x20old" SERIAL="Z1" RM="0" FSTYPE="" PTTYPE="gpt" MOUNTPOINT="" PKNAME=""',
      'NAME="sdb1" KNAME="sdb1" TYPE="part" SIZE="1000202788864" ROTA="1" TRAN="" MODEL="" SERIAL="" RM="0" FSTYPE="LVM2_member" PTTYPE="gpt" MOUNTPOINT="" PKNAME="sdb"',
      'NAME="osd--vg-osd--1" KNAME="dm-1" TYPE="lvm" SIZE="160000000000" ROTA="1" TRAN="" MODEL="" SERIAL="" RM="0" FSTYPE="ceph_bluestore" PTTYPE="" MOUNTPOINT="" PKNAME="sdb1"',
    ].join('\n');
    const [d] = disksFromLsblk(parseLsblkPairs(pairs).value!, noIds);
    expect(d).toMatchObject({ name: 'sdb', model: 'ST1000NM0055 old', transport: 'sata', signatures: ['gpt', 'LVM2_member', 'vg:osd-vg'], mounted: false });
  });

  it('holders fill in when lsblk could not name a signature (no udev data)', () => {
    const roots = parseLsblkPairs('NAME="sdc" KNAME="sdc" TYPE="disk" SIZE="10" PKNAME=""\nNAME="sdc1" KNAME="sdc1" TYPE="part" SIZE="9" PKNAME="sdc"').value!;
    const holders = parseHolders('sdc1:dm-3\ndm-3=data--vg-lv1\n').value;
    expect(disksFromLsblk(roots, noIds, holders)[0]!.signatures).toEqual(['holder:data--vg-lv1']);
    expect(parseHolders('what\n').warnings).toHaveLength(1);
  });

  it('rejects what is not lsblk output', () => {
    expect(parseLsblkJson('{"blockdevices": {}}').value).toBeNull();
    expect(parseLsblkJson('[').warnings[0]).toMatch(/not JSON/);
    expect(parseLsblkPairs('garbage\n').value).toBeNull();
    expect(parseLsblkTable('no header').value).toBeNull();
  });

  it('sizes and device-mapper names', () => {
    expect([humanSize('1.4M'), humanSize('20G'), humanSize('0B'), humanSize('512'), humanSize('1,5T'), humanSize('x')]).toEqual([1468006, 20 * GiB, 0, 512, 1.5 * 1024 ** 4, null]);
    expect(splitDmName('osd--vg-osd--1')).toEqual(['osd-vg', 'osd-1']);
    expect(splitDmName('ubuntu--vg-ubuntu--lv')).toEqual(['ubuntu-vg', 'ubuntu-lv']);
    expect(splitDmName('luks')).toBeNull();
  });

  it('by-id links per kernel name', () => {
    const text = splitSections(simProbeOutput('good')).sections.get('by-id')!.stdout;
    const ids = parseById(text).value;
    expect(ids.get('sda')).toEqual(['ata-SAMSUNG_MZ7L3480HCHQ-00A07_S664NE0T301234', 'wwn-0x5002538f42a1b2c3']);
    expect(ids.get('nvme0n1')).toHaveLength(3);
    expect(ids.get('dm-0')).toHaveLength(2);
    expect(parseById('total 0\nnonsense\n').warnings).toHaveLength(1);
  });
});

describe('meminfo and df', () => {
  it('meminfo captures, including the 2.4-era byte table in front', () => {
    for (const name of fixtureNames('meminfo')) expect(parseMeminfo(fixture('meminfo', name)).value?.totalBytes, name).toBeGreaterThan(0);
    expect(parseMeminfo(fixture('meminfo', 'kellyjonbrazil-jc__vm-4gb.txt')).value).toEqual({ totalBytes: 3997272 * 1024, availableBytes: 3386876 * 1024, swapBytes: 3996668 * 1024 });
    expect(parseMeminfo(fixture('meminfo', 'shirou-gopsutil__issue1002.txt')).value?.totalBytes).toBe(254472 * 1024);
    expect(parseMeminfo('Mem:  260579328 136073216 124506112 0 4915200 94064640\nSwap: 0 0 0\n').value).toEqual({ totalBytes: 260579328, availableBytes: 124506112, swapBytes: 0 });
    expect(parseMeminfo('MemTotal: 100 kB\nMemFree: 10 kB\nBuffers: 1 kB\nCached: 4 kB\n').value?.availableBytes).toBe(15 * 1024);
    expect(parseMeminfo('nothing').value).toBeNull();
  });

  it('df in 1K blocks (plain) and bytes with types (the probe form); pseudo filesystems dropped', () => {
    expect(parseDf(fixture('df', 'kellyjonbrazil-jc__centos77.txt')).value).toEqual([
      { source: '/dev/mapper/centos-root', fstype: null, mount: '/', sizeBytes: 17811456 * 1024, availableBytes: 16005876 * 1024 },
      { source: '/dev/sda1', fstype: null, mount: '/boot', sizeBytes: 1038336 * 1024, availableBytes: 800736 * 1024 },
    ]);
    expect(parseDf(fixture('df', 'kellyjonbrazil-jc__ubuntu1804.txt')).value!.map((e) => e.mount)).toEqual(['/']);
    const probe = 'Filesystem Type 1-blocks Used Available Capacity Mounted on\n/dev/sdb1 ext4 1000 10 990 1% /mnt/my data\ntmpfs tmpfs 5 0 5 0% /run\n';
    expect(parseDf(probe).value).toEqual([{ source: '/dev/sdb1', fstype: 'ext4', mount: '/mnt/my data', sizeBytes: 1000, availableBytes: 990 }]);
    expect(parseDf('oops').value).toBeNull();
  });
});
