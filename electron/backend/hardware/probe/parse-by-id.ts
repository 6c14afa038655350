// SPDX-License-Identifier: Apache-2.0
// `ls -l /dev/disk/by-id`: stable disk names (wwn-..., nvme-..., ata-...) per kernel device name.
import { parsed, safeLines, type Parsed } from './parse-util.js';

/** Kernel name (sda, nvme0n1p1, dm-0) → its by-id link names, sorted. */
export type ByIdMap = Map<string, string[]>;

/** Lines like `lrwxrwxrwx 1 root root 9 Nov 12 09:14 wwn-0x5002538f42a1b2c3 -> ../../sda`. */
export function parseById(text: string): Parsed<ByIdMap> {
  const map: ByIdMap = new Map();
  const warnings: string[] = [];
  for (const line of safeLines(text)) {
    const l = line.trim();
    if (l === '' || /^total \d+/.test(l)) continue;
    const m = /(\S+) -> (?:\S*\/)?([^/\s]+)$/.exec(l);
    if (!m) {
      warnings.push(`by-id line not understood: ${l.slice(0, 120)}`);
      continue;
    }
    const [, link, target] = m as unknown as [string, string, string];
    map.set(target, [...(map.get(target) ?? []), link].sort());
  }
  return parsed(map, warnings);
}
