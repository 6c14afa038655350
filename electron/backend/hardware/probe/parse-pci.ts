// SPDX-License-Identifier: Apache-2.0
// The probe's pci section: one line per PCI function read from /sys/bus/pci/devices (no lspci needed).
import { parsed, safeLines, toInt, type Parsed } from './parse-util.js';

/** One PCI function. IDs keep sysfs' 0x-prefixed hex form. */
export interface PciEntry {
  address: string;
  classId: string;
  vendorId: string;
  deviceId: string;
  driver: string | null;
  sriovTotalVfs: number | null;
}

// Vendors a CiaB operator meets on servers; enough to tell a BMC's VGA from a real GPU.
const VENDORS: Record<string, string> = {
  '0x10de': 'NVIDIA', '0x1002': 'AMD/ATI', '0x1022': 'AMD', '0x8086': 'Intel', '0x1a03': 'ASPEED', '0x102b': 'Matrox',
  '0x1af4': 'Red Hat (virtio)', '0x1234': 'QEMU', '0x1b36': 'Red Hat (QEMU)', '0x15ad': 'VMware', '0x1414': 'Microsoft',
  '0x19e5': 'Huawei', '0x14e4': 'Broadcom', '0x15b3': 'Mellanox/NVIDIA', '0x1077': 'QLogic', '0x1924': 'Solarflare',
  '0x1d0f': 'Amazon', '0x144d': 'Samsung', '0x1000': 'Broadcom/LSI', '0x9005': 'Microchip/Adaptec', '0x1cc1': 'ADATA',
  '0x1e0f': 'KIOXIA', '0x1c5c': 'SK hynix', '0x126f': 'Silicon Motion', '0x1987': 'Phison', '0x102a': 'Cirrus Logic',
  '0x1013': 'Cirrus Logic', '0x5143': 'Qualcomm', '0x1ded': 'Alibaba', '0x13b5': 'ARM', '0x177d': 'Cavium', '0x1dd8': 'Pensando',
};

/** Human vendor name for a 0x-prefixed PCI vendor ID, or null. */
export function pciVendorName(vendorId: string): string | null {
  return VENDORS[vendorId.toLowerCase()] ?? null;
}

/** Lines `0000:01:00.0 class=0x030000 vendor=0x10de device=0x2230 driver=nvidia sriov_totalvfs=`. */
export function parsePci(text: string): Parsed<PciEntry[]> {
  const out: PciEntry[] = [];
  const warnings: string[] = [];
  for (const line of safeLines(text)) {
    const l = line.trim();
    if (l === '') continue;
    const [address, ...pairs] = l.split(/\s+/);
    const kv = new Map(pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as const));
    const classId = kv.get('class') ?? '';
    const vendorId = kv.get('vendor') ?? '';
    const deviceId = kv.get('device') ?? '';
    if (!address || !/^[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/i.test(address) || !/^0x[0-9a-f]+$/i.test(classId)) {
      warnings.push(`pci line not understood: ${l.slice(0, 120)}`);
      continue;
    }
    out.push({
      address,
      classId: classId.toLowerCase(),
      vendorId: vendorId.toLowerCase(),
      deviceId: deviceId.toLowerCase(),
      driver: kv.get('driver') || null,
      sriovTotalVfs: toInt(kv.get('sriov_totalvfs')),
    });
  }
  return parsed(out, warnings);
}

/** Display controllers (class 0x03xxxx): GPUs, and also the BMC's VGA on most servers. */
export function isDisplayController(p: PciEntry): boolean {
  return p.classId.startsWith('0x03');
}
