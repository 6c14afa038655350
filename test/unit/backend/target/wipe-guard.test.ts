// SPDX-License-Identifier: Apache-2.0
// The check right before a wipe: only the confirmed disk, unchanged, unused, with the commands shown.
import { describe, expect, it } from 'vitest';
import { wipeCommands } from '../../../../electron/backend/hardware/evaluate/kinds/wipe-commands.js';
import { wipeRefusal } from '../../../../electron/backend/target/wipe-guard.js';
import { dirtyServer } from '../hardware/evaluate/make-report.js';

const report = dirtyServer();
const sdb = report.disks.find((d) => d.path === '/dev/sdb')!;
const commands = wipeCommands(sdb)!.commands;
const withDisk = (patch: Partial<typeof sdb>) => ({ ...report, disks: report.disks.map((d) => (d.path === '/dev/sdb' ? { ...d, ...patch } : d)) });

describe('wipe guard', () => {
  it('lets the confirmed, unchanged, unused disk through', () => {
    expect(wipeRefusal('/dev/sdb', sdb, commands, report)).toBeNull();
  });

  it('refuses when the kernel name now points at another disk', () => {
    expect(wipeRefusal('/dev/sdb', sdb, commands, withDisk({ serial: 'OTHER-123', byId: ['ata-OTHER'] }))).toMatch(/now a different disk/);
  });

  it('refuses a disk that was mounted meanwhile, or vanished', () => {
    expect(wipeRefusal('/dev/sdb', sdb, commands, withDisk({ mounted: true }))).toMatch(/mounted/);
    expect(wipeRefusal('/dev/sdb', sdb, commands, { ...report, disks: report.disks.filter((d) => d.path !== '/dev/sdb') })).toMatch(/not on the server/);
  });

  it('refuses commands that differ from the ones the fresh probe implies (edited snapshot, changed disk)', () => {
    expect(wipeRefusal('/dev/sdb', sdb, [...commands.slice(0, -1), 'sudo -n wipefs --all --force /dev/sda'], report)).toMatch(/commands would differ/);
    expect(wipeRefusal('/dev/sdb', sdb, commands, withDisk({ partitions: [], signatures: [] }))).toMatch(/commands would differ/);
  });

  it('refuses a disk that was never in the confirmed report', () => {
    expect(wipeRefusal('/dev/sdz', null, commands, report)).toMatch(/not in the report/);
  });
});
