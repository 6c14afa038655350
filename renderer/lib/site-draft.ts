// SPDX-License-Identifier: Apache-2.0
// The site draft as a plain object, kept minimal: JSON-pointer get/set where an empty value removes
// the key (so the per-type default applies) and empty parents go with it; typed text to values.
import type { FieldError } from './field-errors.js';

/** A site configuration as the form holds it (the shape of schemas/site.schema.json). */
export type SiteObject = Record<string, unknown>;

/** The three CiaB types. */
export type SiteType = 'sandbox' | 'edge' | 'kubernetes';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "/networks/internal/vip" → ["networks", "internal", "vip"] (RFC 6901 escapes undone). */
export function splitPointer(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .filter((s) => s !== '')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at `pointer` (undefined when any part is missing). */
export function getAt(obj: unknown, pointer: string): unknown {
  let node: unknown = obj;
  for (const seg of splitPointer(pointer)) {
    if (Array.isArray(node) && /^\d+$/.test(seg)) node = node[Number(seg)];
    else if (isObj(node)) node = node[seg];
    else return undefined;
  }
  return node;
}

/** Whether a value means "not given": undefined, null, '' or an empty list. */
export function isEmptyValue(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** A copy of `obj` with `value` at `pointer`; an empty value removes the key and any parent left empty. */
export function setAt(obj: SiteObject, pointer: string, value: unknown): SiteObject {
  const segs = splitPointer(pointer);
  const put = (node: unknown, i: number): unknown => {
    const base = isObj(node) ? { ...node } : {};
    const key = segs[i]!;
    const child = i === segs.length - 1 ? value : put(base[key], i + 1);
    if (isEmptyValue(child) || (isObj(child) && Object.keys(child).length === 0)) delete base[key];
    else base[key] = child;
    return base;
  };
  return segs.length === 0 ? obj : (put(obj, 0) as SiteObject);
}

/** Structural equality for JSON-like values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** The parsed value as a site object, or null when it is not a mapping. */
export function asSiteObject(value: unknown): SiteObject | null {
  return isObj(value) ? value : null;
}

/** The site without the registry password, and the password that was in it (never sent in SET_SITE). */
export function takePassword(site: SiteObject): { site: SiteObject; password: string | null } {
  const pw = getAt(site, '/registry/password');
  if (pw === undefined) return { site, password: null };
  // YAML may have typed the password as a number or boolean; it is still the password.
  const text = typeof pw === 'string' || typeof pw === 'number' || typeof pw === 'boolean' ? String(pw) : '';
  return { site: setAt(site, '/registry/password', undefined), password: text !== '' ? text : null };
}

/** The CiaB type of a draft ('sandbox' when it names none or an unknown one). */
export function siteType(site: SiteObject): SiteType {
  const t = site.type;
  return t === 'edge' || t === 'kubernetes' ? t : 'sandbox';
}

/** Typed text for an integer field: a number when it is one, the text itself otherwise (the backend names the problem). */
export function integerFromText(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^-?\d+$/.test(t) ? Number(t) : text;
}

/** A list typed as words ("noble noble-updates" or comma-separated) as its entries. */
export function tokensFromText(text: string): string[] {
  return text.split(/[\s,]+/).filter((t) => t !== '');
}

/** Which widget shows an error: its own, the list it is an entry of, or the first field inside a missing group. */
export function placeError(field: string, widgets: readonly string[]): string | null {
  if (widgets.includes(field)) return field;
  const parent = widgets.filter((w) => field.startsWith(`${w}/`)).sort((a, b) => b.length - a.length)[0];
  if (parent) return parent;
  return widgets.find((w) => field !== '/' && w.startsWith(`${field}/`)) ?? null;
}

/** Errors grouped by the widget that shows them; `unplaced` are those no visible widget takes. */
export function groupErrors(errors: readonly FieldError[], widgets: readonly string[]): { byWidget: Map<string, FieldError[]>; unplaced: FieldError[] } {
  const byWidget = new Map<string, FieldError[]>();
  const unplaced: FieldError[] = [];
  for (const e of errors) {
    const w = placeError(e.field, widgets);
    if (w === null) unplaced.push(e);
    else byWidget.set(w, [...(byWidget.get(w) ?? []), e]);
  }
  return { byWidget, unplaced };
}
