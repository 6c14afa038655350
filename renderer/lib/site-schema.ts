// SPDX-License-Identifier: Apache-2.0
// What the site form reads from the shipped data files: labels, hints, enums and limits from
// schemas/site.schema.json, and the per-type defaults of playbooks/site/defaults.yaml (shown as
// placeholders; a field left empty takes them).
// The node tsconfig (unit tests) does not include renderer/, so it needs the ?raw declarations named here.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./raw-imports.d.ts" />
import { parse } from 'yaml';
import type { SiteDefaultsFile } from '../../electron/api/site-defaults-file.js';
import defaultsText from '../../playbooks/site/defaults.yaml?raw';
import schemaText from '../../schemas/site.schema.json?raw';
import { getAt, splitPointer, type SiteObject, type SiteType, siteType } from './site-draft.js';

/** The parts of a schema node the form uses. */
export interface FieldSchema {
  title?: string;
  description?: string;
  type?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  'x-message'?: string;
  properties?: Record<string, FieldSchema>;
  items?: FieldSchema;
  $ref?: string;
}

type Obj = Record<string, unknown>;

const root = JSON.parse(schemaText) as FieldSchema & { $defs: Record<string, FieldSchema> };
const defaults = parse(defaultsText) as SiteDefaultsFile;

function deref(node: FieldSchema): FieldSchema {
  if (!node.$ref) return node;
  const target = root.$defs[node.$ref.split('/').pop()!] ?? {};
  return { ...target, ...node, $ref: undefined };
}

/** The schema node at a JSON pointer ($refs followed); null when the path leaves the schema. */
export function schemaAt(pointer: string): FieldSchema | null {
  let node: FieldSchema | undefined = root;
  for (const seg of splitPointer(pointer)) {
    if (!node) return null;
    node = deref(node);
    node = /^\d+$/.test(seg) ? node.items : node.properties?.[seg];
  }
  return node ? deref(node) : null;
}

/** The field's label (the schema title), e.g. "Virtual IP"; the pointer itself when untitled. */
export function fieldTitle(pointer: string): string {
  return schemaAt(pointer)?.title ?? pointer;
}

/** Where a field sits, for the error summary: "Internal network › Virtual IP", "DNS servers, entry 2". */
export function fieldPath(pointer: string): string {
  const segs = splitPointer(pointer);
  if (segs.length === 0) return 'The whole file';
  const last = segs[segs.length - 1]!;
  if (/^\d+$/.test(last)) return `${fieldPath('/' + segs.slice(0, -1).join('/'))}, entry ${Number(last) + 1}`;
  const title = fieldTitle(pointer);
  if (segs.length < 2) return title;
  // "Management network › Gateway" tells the two gateways apart; "DNS › DNS servers" would repeat itself.
  const parent = schemaAt('/' + segs.slice(0, -1).join('/'))?.title;
  return parent && !title.startsWith(parent.split(' ')[0]!) ? `${parent} › ${title}` : title;
}

/** A validator message as the rest of a sentence after a field's name: "must be …." (the backend's own case kept). */
export function clause(message: string): string {
  const m = message.trim().replace(/\bNOT\b/g, 'not');
  return /[.!?]$/.test(m) ? m : `${m}.`;
}

function merge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(base) || !isObj(over)) return over;
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v);
  return out;
}

/** The defaults that apply to a draft of `type` (before the draft's own values). */
export function defaultsFor(type: SiteType): Obj {
  return merge(defaults.common, defaults[type]) as Obj;
}

/** The default a field takes when left empty in `site` (undefined when there is none). */
export function defaultFor(pointer: string, site: SiteObject): unknown {
  const [top] = splitPointer(pointer);
  if (top !== undefined && defaults.whole.includes(top) && site[top] !== undefined) {
    // A registry or mirror the operator names keeps none of the bundle's values, only `when_given`.
    return getAt({ [top]: defaults.when_given[top] ?? {} }, pointer);
  }
  if (pointer === '/api_fqdn') return `api.${typeof site.domain === 'string' && site.domain !== '' ? site.domain : String(defaultsFor(siteType(site)).domain)}`;
  if (pointer === '/dns/search') return [typeof site.domain === 'string' && site.domain !== '' ? site.domain : String(defaultsFor(siteType(site)).domain)];
  return getAt(defaultsFor(siteType(site)), pointer);
}

/** A default as placeholder text ("default: 192.168.16.254"); null when there is none. */
export function defaultText(pointer: string, site: SiteObject): string | null {
  const d = defaultFor(pointer, site);
  if (d === undefined || d === null || (Array.isArray(d) && d.length === 0)) return null;
  if (Array.isArray(d)) return `default: ${d.join(', ')}`;
  if (typeof d === 'boolean') return d ? 'on by default' : 'off by default';
  return `default: ${String(d)}`;
}

/** The optional services in schema order, with their titles. */
export function serviceList(): { id: string; title: string }[] {
  return Object.entries(schemaAt('/services')?.properties ?? {}).map(([id, s]) => ({ id, title: s.title ?? id }));
}
