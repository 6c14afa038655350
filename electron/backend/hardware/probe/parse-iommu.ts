// SPDX-License-Identifier: Apache-2.0
// The probe's iommu section: number of IOMMU groups and the IOMMU units (dmar0, ivhd0, ...).
import { parsed, safeLines, toInt, type Parsed } from './parse-util.js';

/** IOMMU state: enabled when the kernel made groups or registered units. */
export interface IommuFacts {
  enabled: boolean | null;
  groups: number | null;
  units: string[];
}

/** Lines `groups:42` and `unit:dmar0`. */
export function parseIommu(text: string): Parsed<IommuFacts> {
  let groups: number | null = null;
  const units: string[] = [];
  for (const line of safeLines(text)) {
    const m = /^(groups|unit):(.*)$/.exec(line.trim());
    if (!m) continue;
    if (m[1] === 'groups') groups = toInt(m[2]);
    else if (m[2]) units.push(m[2].trim());
  }
  if (groups === null) return parsed({ enabled: null, groups: null, units }, ['iommu section without a group count']);
  return parsed({ enabled: groups > 0 || units.length > 0, groups, units });
}
