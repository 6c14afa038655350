// SPDX-License-Identifier: Apache-2.0
// Human units and safe strings for required/found texts: RAM in GiB (what the kernel counts),
// disks in decimal TB/GB (what is printed on them), and report strings cleaned of control bytes.

/** Bytes in a GiB. */
export const GiB = 1024 ** 3;

/** Drops trailing zeros of a fixed-point number: 1.50 -> 1.5, 2.00 -> 2. */
function trimFixed(n: number, digits: number): string {
  const s = n.toFixed(digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Memory and free space: "31.3 GiB", "128 GiB". */
export function formatGiB(bytes: number): string {
  const g = bytes / GiB;
  return `${trimFixed(g, g >= 100 ? 0 : 1)} GiB`;
}

/** Disk sizes, decimal as on the label: "1.92 TB", "480 GB". */
export function formatDiskSize(bytes: number): string {
  if (bytes >= 1e12) return `${trimFixed(bytes / 1e12, 2)} TB`;
  return `${trimFixed(bytes / 1e9, bytes >= 1e10 ? 0 : 1)} GB`;
}

/** Link speed: "10 Gb/s", "100 Mb/s". */
export function formatSpeed(mbps: number): string {
  return mbps >= 1000 ? `${trimFixed(mbps / 1000, 1)} Gb/s` : `${mbps} Mb/s`;
}

/** "1 failure" / "3 failures". */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "a", "a or b", "a, b or c". */
export function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Lists at most `max` items, then "and N more", so a hostile report cannot flood a cell. */
export function listSome(items: readonly string[], max = 6): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** A report string made safe for one line of text: no control bytes, bounded length. */
export function cleanText(value: unknown, max = 120): string {
  // eslint-disable-next-line no-control-regex -- stripping control bytes is the point
  const s = String(value ?? '').replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** A finite number, or null for anything else a broken report might hold. */
export function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** An array, or [] for anything else a broken report might hold. */
export function arr<T>(value: T[] | null | undefined): T[] {
  return Array.isArray(value) ? value : [];
}
