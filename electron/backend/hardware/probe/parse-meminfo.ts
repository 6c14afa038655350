// SPDX-License-Identifier: Apache-2.0
// /proc/meminfo: total, available and swap in bytes (the 2.4-era "Mem:" byte table as a fallback).
import { parsed, safeLines, toSize, type Parsed } from './parse-util.js';

/** Memory sizes in bytes; null when not reported. */
export interface MeminfoFacts {
  totalBytes: number | null;
  availableBytes: number | null;
  swapBytes: number | null;
}

/** Parse /proc/meminfo ("MemTotal:  131811428 kB"). */
export function parseMeminfo(text: string): Parsed<MeminfoFacts | null> {
  const kv = new Map<string, number>();
  for (const line of safeLines(text)) {
    const m = /^([A-Za-z0-9_()]+):\s+(\d+)(?:\s+([kKmMgG]B))?\s*$/.exec(line);
    if (!m) continue;
    const n = toSize(m[2]);
    if (n === null) continue;
    const unit = (m[3] ?? '').toLowerCase();
    kv.set(m[1] as string, n * (unit === 'kb' ? 1024 : unit === 'mb' ? 1024 ** 2 : unit === 'gb' ? 1024 ** 3 : 1));
  }
  const total = kv.get('MemTotal');
  if (total === undefined) return legacyTable(text);
  // Kernels before 3.14 lack MemAvailable; free + buffers + page cache is the old estimate.
  const fallback = ['MemFree', 'Buffers', 'Cached'].every((k) => kv.has(k))
    ? (kv.get('MemFree') ?? 0) + (kv.get('Buffers') ?? 0) + (kv.get('Cached') ?? 0)
    : null;
  return parsed({
    totalBytes: total,
    availableBytes: kv.get('MemAvailable') ?? fallback,
    swapBytes: kv.get('SwapTotal') ?? null,
  });
}

// "        total:    used:    free: ..." / "Mem:  260579328 ..." / "Swap: 0 ...": values in bytes.
function legacyTable(text: string): Parsed<MeminfoFacts | null> {
  const mem = /^Mem:\s+(\d+)\s+\d+\s+(\d+)/m.exec(text);
  if (!mem) return parsed(null, ['/proc/meminfo has no MemTotal line']);
  const swap = /^Swap:\s+(\d+)/m.exec(text);
  return parsed(
    { totalBytes: toSize(mem[1]), availableBytes: toSize(mem[2]), swapBytes: swap ? toSize(swap[1]) : null },
    ['old /proc/meminfo byte table: available memory is the free column only'],
  );
}
