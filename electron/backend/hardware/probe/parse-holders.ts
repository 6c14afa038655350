// SPDX-License-Identifier: Apache-2.0
// The probe's holders section: which dm/md devices hold a disk or partition open, and dm names.
import { parsed, safeLines, type Parsed } from './parse-util.js';

/** Holder relations from /sys/block/.../holders and device-mapper names. */
export interface HoldersFacts {
  /** sda3 → [dm-0] */
  holders: Map<string, string[]>;
  /** dm-0 → ubuntu--vg-ubuntu--lv */
  dmNames: Map<string, string>;
}

/** Lines `sda3:dm-0` and `dm-0=ubuntu--vg-ubuntu--lv`. */
export function parseHolders(text: string): Parsed<HoldersFacts> {
  const holders = new Map<string, string[]>();
  const dmNames = new Map<string, string>();
  const warnings: string[] = [];
  for (const line of safeLines(text)) {
    const l = line.trim();
    if (l === '') continue;
    let m = /^([\w.-]+):([\w.-]+)$/.exec(l);
    if (m) {
      holders.set(m[1] as string, [...(holders.get(m[1] as string) ?? []), m[2] as string]);
      continue;
    }
    m = /^(dm-\d+)=(.+)$/.exec(l);
    if (m) {
      dmNames.set(m[1] as string, m[2] as string);
      continue;
    }
    warnings.push(`holders line not understood: ${l.slice(0, 120)}`);
  }
  return parsed({ holders, dmNames }, warnings);
}
