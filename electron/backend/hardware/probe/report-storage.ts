// SPDX-License-Identifier: Apache-2.0
// Assembles memory, disks and filesystems from meminfo, lsblk (JSON or -P), by-id, holders and df.
import type { Disk, HardwareReport, MemoryInfo } from '../../../api/generated/hardware-report-types.js';
import type { BlockDevice } from './block-device.js';
import { disksFromLsblk } from './disks-from-lsblk.js';
import { parseById, type ByIdMap } from './parse-by-id.js';
import { parseDf } from './parse-df.js';
import { parseHolders, type HoldersFacts } from './parse-holders.js';
import { parseLsblkJson, parseLsblkPairs } from './parse-lsblk.js';
import { parseMeminfo } from './parse-meminfo.js';
import type { SectionReader } from './section-reader.js';

/** RAM and swap. */
export function buildMemory(r: SectionReader): MemoryInfo {
  const s = r.read(['meminfo']);
  const m = s ? r.parse(s, parseMeminfo) : null;
  return { totalBytes: m?.totalBytes ?? null, availableBytes: m?.availableBytes ?? null, swapBytes: m?.swapBytes ?? null };
}

/** Every disk with its partitions and signatures; lsblk -P stands in on util-linux without -J. */
export function buildDisks(r: SectionReader): Disk[] {
  const s = r.read(['lsblk-json', 'lsblk-pairs']);
  if (!s) return [];
  if (s.name === 'lsblk-pairs') r.warnings.push('lsblk -J is not supported here; disks were read from lsblk -P');
  const roots: BlockDevice[] | null = r.parse(s, s.name === 'lsblk-json' ? parseLsblkJson : parseLsblkPairs);
  if (!roots) return [];
  const idSection = r.read(['by-id']);
  const byId: ByIdMap = idSection ? (r.parse(idSection, parseById) ?? new Map()) : new Map();
  const holdSection = r.read(['holders']);
  const holders: HoldersFacts | undefined = holdSection ? (r.parse(holdSection, parseHolders) ?? undefined) : undefined;
  return disksFromLsblk(roots, byId, holders);
}

/** Local filesystems with size and free space (df). */
export function buildFilesystems(r: SectionReader): HardwareReport['filesystems'] {
  const s = r.read(['df']);
  const entries = s ? r.parse(s, parseDf) : null;
  return (entries ?? []).map((e) => ({ mount: e.mount, sizeBytes: e.sizeBytes, availableBytes: e.availableBytes }));
}
