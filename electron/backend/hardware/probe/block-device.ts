// SPDX-License-Identifier: Apache-2.0
// The one shape every lsblk format (JSON, -P pairs, plain table) is read into.

/** A block device and what lsblk says is on it; children are partitions, LVs, md arrays, ... */
export interface BlockDevice {
  name: string;
  kname: string;
  type: string;
  size: number | null;
  rota: boolean | null;
  tran: string | null;
  model: string | null;
  serial: string | null;
  rm: boolean | null;
  fstype: string | null;
  pttype: string | null;
  mountpoints: string[];
  pkname: string | null;
  children: BlockDevice[];
}

/** A device with every field empty, to be filled by a parser. */
export function emptyDevice(name: string): BlockDevice {
  return {
    name, kname: name, type: '', size: null, rota: null, tran: null, model: null, serial: null, rm: null,
    fstype: null, pttype: null, mountpoints: [], pkname: null, children: [],
  };
}

/** Link a flat device list into trees by PKNAME (or, without it, partition name → disk name). */
export function linkByParent(flat: BlockDevice[]): BlockDevice[] {
  const byName = new Map<string, BlockDevice>();
  for (const d of flat) if (!byName.has(d.kname)) byName.set(d.kname, d);
  const roots: BlockDevice[] = [];
  for (const d of flat) {
    const parentName = d.pkname ?? (d.type === 'part' ? partitionParent(d.kname, byName) : null);
    const parent = parentName && parentName !== d.kname ? byName.get(parentName) : undefined;
    if (parent && parent !== d) parent.children.push(d);
    else roots.push(d);
  }
  return roots;
}

// sda1 → sda, nvme0n1p2 → nvme0n1, mmcblk0p1 → mmcblk0: the longest known name the partition starts with.
function partitionParent(kname: string, byName: Map<string, BlockDevice>): string | null {
  let best: string | null = null;
  for (const name of byName.keys()) {
    if (name !== kname && kname.startsWith(name) && /^p?\d+$/.test(kname.slice(name.length)) && (!best || name.length > best.length)) best = name;
  }
  return best;
}

/** Convert lsblk's human sizes ("1.4M", "20G", "0B", "512") into bytes (binary units, as lsblk uses). */
export function humanSize(s: string): number | null {
  const m = /^(\d+(?:[.,]\d+)?)\s*([BKMGTPE]?)(?:i?B)?$/i.exec(s.trim());
  if (!m) return null;
  const n = Number((m[1] as string).replace(',', '.'));
  const exp = 'BKMGTPE'.indexOf((m[2] || 'B').toUpperCase());
  return Number.isFinite(n) ? Math.round(n * 1024 ** exp) : null;
}

/** "osd--vg-osd--1" → ["osd-vg", "osd-1"]: device-mapper doubles the dashes inside VG and LV names. */
export function splitDmName(name: string): [string, string] | null {
  const m = /^((?:[^-]|--)+)-((?:[^-]|--)+)$/.exec(name);
  return m ? [(m[1] as string).replace(/--/g, '-'), (m[2] as string).replace(/--/g, '-')] : null;
}
