// SPDX-License-Identifier: Apache-2.0
// Small helpers shared by the probe parsers: tolerant number/boolean conversion and the result shape.

/** What every parser returns: a value (null/empty when nothing usable was found) and warnings. */
export interface Parsed<T> {
  value: T;
  warnings: string[];
}

/** Wrap a value and its warnings. */
export function parsed<T>(value: T, warnings: string[] = []): Parsed<T> {
  return { value, warnings };
}

/** An integer from a number or a decimal string ("32", " 8 "), else null. */
export function toInt(v: unknown): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : null;
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (!/^-?\d{1,16}$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/** A non-negative finite number from a number or a numeric string, else null. */
export function toSize(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : null;
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (!/^\d{1,20}$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** A boolean from the many spellings tools use: true/false, 1/0, "1"/"0", yes/no, Y/N, on/off. */
export function toBool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : null;
  if (typeof v !== 'string') return null;
  const s = v.trim().toLowerCase();
  if (['1', 'y', 'yes', 'true', 'on'].includes(s)) return true;
  if (['0', 'n', 'no', 'false', 'off'].includes(s)) return false;
  return null;
}

/** A trimmed string, or null when absent or blank. */
export function text(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const s = v.trim();
  return s === '' ? null : s;
}

/** Longest line a line parser looks at; real tools print far shorter lines (lscpu flags: ~2 kB). */
export const MAX_LINE = 64 * 1024;

/**
 * Lines of a text, leaving out absurdly long ones: hostile output must not make the per-line
 * regular expressions slow, and no real command prints such a line.
 */
export function safeLines(s: string): string[] {
  return s.split('\n').filter((l) => l.length <= MAX_LINE);
}

/** Parse JSON without throwing: the value, or an error message. */
export function parseJson(s: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(s) as unknown };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Is this a plain object (not null, not an array)? */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Unique values in first-seen order. */
export function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

/** Cut a text for an error message: first lines, at most `max` characters. */
export function excerpt(s: string, max = 300): string {
  // Cut first: the regex below must never run over megabytes of hostile whitespace.
  const t = s.slice(0, max * 4).trim().replace(/[ \t]*\n\s*/g, ' | ');
  return t.length > max ? `${t.slice(0, max)}…` : t;
}
