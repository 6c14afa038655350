// SPDX-License-Identifier: Apache-2.0
// Site-form fixtures for the screen tests: the probe report of a CiaB server (two ports, a bridge,
// a system disk, a disk with old data and two empty ones), and a fake-backend answer that
// validates SET_SITE with the real site validator, as the backend does.
import type { WorkflowEvent, WorkflowView } from '../../electron/api/contract.js';
import type { HardwareReport } from '../../electron/api/generated/hardware-report-types.js';
import { validateSite } from '../../electron/backend/site/validate-site.js';
import { BAD_REPORT } from './fixture-hardware.js';

/** A good server as the probe reports it. */
export const SITE_REPORT: HardwareReport = {
  ...BAD_REPORT,
  host: { ...BAD_REPORT.host, hostname: 'fra1-ciab-01', bootMode: 'uefi' },
  disks: [
    { name: 'nvme0n1', path: '/dev/nvme0n1', byId: ['nvme-SAMSUNG_MZVL2512HCJQ_S675NX0T100001'], sizeBytes: 512_110_190_592, rotational: false, transport: 'nvme', model: 'SAMSUNG MZVL2512HCJQ', serial: 'S675NX0T100001', removable: false, partitions: [{ name: 'nvme0n1p1', sizeBytes: 1_073_741_824, fstype: 'vfat', mountpoint: '/boot/efi' }, { name: 'nvme0n1p2', sizeBytes: 510_000_000_000, fstype: 'ext4', mountpoint: '/' }], signatures: ['gpt'], mounted: true },
    { name: 'nvme1n1', path: '/dev/nvme1n1', byId: ['nvme-SAMSUNG_MZQL21T9HCJR_S64GNE0R812345', 'nvme-eui.36344730528123450025384500000001'], sizeBytes: 1_920_383_410_176, rotational: false, transport: 'nvme', model: 'SAMSUNG MZQL21T9HCJR', serial: 'S64GNE0R812345', removable: false, partitions: [], signatures: [], mounted: false },
    { name: 'sda', path: '/dev/sda', byId: ['ata-ST1000NM0008-2F2100_ZFL1ABCD'], sizeBytes: 1_000_204_886_016, rotational: true, transport: 'sata', model: 'ST1000NM0008-2F2100', serial: 'ZFL1ABCD', removable: false, partitions: [], signatures: [], mounted: false },
    { name: 'sdb', path: '/dev/sdb', byId: ['ata-ST4000NM0035-1V4107_ZC1XYZ12'], sizeBytes: 4_000_787_030_016, rotational: true, transport: 'sata', model: 'ST4000NM0035-1V4107', serial: 'ZC1XYZ12', removable: false, partitions: [{ name: 'sdb1', sizeBytes: 4_000_000_000_000, fstype: 'LVM2_member', mountpoint: null }], signatures: ['gpt', 'LVM2_member'], mounted: false },
  ],
  nics: [
    { name: 'eno1', mac: '3c:ec:ef:12:34:56', mtu: 1500, operState: 'up', carrier: true, speedMbps: 10000, driver: 'ice', addresses: [{ family: 'inet', address: '10.20.0.5', prefix: 24, scope: 'global' }, { family: 'inet6', address: 'fe80::3eec:efff:fe12:3456', prefix: 64, scope: 'link' }], virtual: false, sriovTotalVfs: 64 },
    { name: 'eno2', mac: '3c:ec:ef:12:34:57', mtu: 1500, operState: 'down', carrier: false, speedMbps: null, driver: 'ice', addresses: [], virtual: false, sriovTotalVfs: 64 },
    { name: 'virbr0', mac: '52:54:00:aa:bb:cc', mtu: 1500, operState: 'down', carrier: false, speedMbps: null, driver: 'bridge', addresses: [{ family: 'inet', address: '192.168.122.1', prefix: 24, scope: 'global' }], virtual: true, sriovTotalVfs: null },
  ],
  routes: { default4: [{ dev: 'eno1', gateway: '10.20.0.1' }], default6: [] },
  dns: { servers: ['10.20.0.2', '10.20.0.3'], search: ['fra1.example.net'] },
  errors: [],
};

/** The fake backend's answer to SET_SITE: the real validator's verdict in the view, like the backend. */
export function validatingSend(e: WorkflowEvent, current: WorkflowView): { accepted: boolean; view?: WorkflowView } {
  if (e.type !== 'SET_SITE') return { accepted: true };
  const site = e.site as Record<string, unknown>;
  const v = validateSite(site);
  const reason = v.valid ? undefined : 'The site configuration has problems: fix the fields marked in red.';
  return {
    accepted: true,
    view: { ...current, site: { ...current.site, config: site, valid: v.valid, errors: v.errors }, can: { next: v.valid, back: current.can.back, cancel: current.can.cancel, ...(reason ? { nextBlockedReason: reason } : {}) } },
  };
}
