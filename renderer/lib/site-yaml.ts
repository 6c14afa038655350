// SPDX-License-Identifier: Apache-2.0
// The YAML side of the site form: a `yaml` Document that follows form edits key by key (so the
// operator's comments survive), parsing typed or imported text with the line of a syntax error,
// and the line each validation error's field sits on.
import { Document, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { asSiteObject, deepEqual, setAt, splitPointer, type SiteObject } from './site-draft.js';
import { schemaAt } from './site-schema.js';

/**
 * How site YAML is written: no folding and no block scalars. yaml 2.9 writes the text " ⏎" as a
 * `|+` block whose only line is spaces, which reads back as "⏎" (the space is lost); double-quoted
 * strings with escapes keep every character.
 */
export const SITE_YAML_OPTIONS = { lineWidth: 0, blockQuote: false } as const;

/** A problem in the text itself, with the line it is on (1-based). */
export interface YamlProblem {
  line: number | null;
  message: string;
}

/** The result of reading site text. */
export type ParsedSite = { ok: true; doc: Document; site: SiteObject } | { ok: false; problem: YamlProblem };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A fresh block-style document for a site. */
export function newDocument(site: SiteObject): Document {
  return new Document(site);
}

/** Applies the difference between `before` and `after` to `doc` in place, keeping untouched nodes and their comments. */
export function syncDocument(doc: Document, before: SiteObject, after: SiteObject): Document {
  if (!isMap(doc.contents)) return newDocument(after);
  const walk = (path: string[], a: unknown, b: unknown): void => {
    if (deepEqual(a, b)) return;
    if (isObj(a) && isObj(b)) {
      for (const k of Object.keys(a)) if (!(k in b)) doc.deleteIn([...path, k]);
      for (const [k, v] of Object.entries(b)) walk([...path, k], a[k], v);
      return;
    }
    if (b === undefined) doc.deleteIn(path);
    else {
      // Scalars in place (an existing node keeps its comment); collections as nodes, so later edits can walk into them.
      doc.setIn(path, typeof b === 'object' && b !== null ? doc.createNode(b) : b);
      if (a === undefined) placeInSchemaOrder(doc, path);
    }
  };
  walk([], before, after);
  return doc;
}

/** Moves a key just added at `path` to where the schema lists it among its siblings (it was appended last). */
function placeInSchemaOrder(doc: Document, path: string[]): void {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return;
  const order = Object.keys(schemaAt(`/${path.slice(0, -1).join('/')}`)?.properties ?? {});
  const rank = (key: unknown): number => {
    const i = order.indexOf(String(isScalar(key) ? key.value : key));
    return i < 0 ? order.length : i;
  };
  const items = parent.items;
  const added = items.pop();
  if (!added) return;
  const at = items.findIndex((p) => rank(p.key) > rank(added.key));
  items.splice(at < 0 ? items.length : at, 0, added);
}

/** Parses YAML (or JSON, which is YAML too) into a site; the first syntax error names its line. */
export function parseSiteText(text: string): ParsedSite {
  const doc = parseDocument(text, { uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0].line ?? null;
    return { ok: false, problem: { line, message: first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') } };
  }
  if (doc.contents === null) return { ok: true, doc: newDocument({}), site: {} };
  const site = asSiteObject(doc.toJS({ maxAliasCount: 100 }));
  if (!site) return { ok: false, problem: { line: 1, message: 'A site configuration must be a mapping of keys (name: …, type: …), not a single value or a list' } };
  // JSON comes in flow style; show it as block YAML like everything else.
  const flow = /^\s*\{/.test(text);
  return { ok: true, doc: flow ? newDocument(site) : doc, site };
}

/** The document's text (no trailing blank line for an empty site). */
export function documentText(doc: Document): string {
  return isMap(doc.contents) && doc.contents.items.length === 0 ? '' : doc.toString(SITE_YAML_OPTIONS);
}

/** The text to export: the document without any registry password. */
export function exportText(doc: Document, site: SiteObject): string {
  const copy = doc.clone();
  if (copy.hasIn(['registry', 'password'])) copy.deleteIn(['registry', 'password']);
  const text = documentText(syncDocument(copy, site, setAt(site, '/registry/password', undefined)));
  return text;
}

/** The line (1-based) of the field at `pointer` in `text` (its key), or of its nearest parent that exists. */
export function lineOfField(text: string, pointer: string): number | null {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return null;
  let node: unknown = doc.contents;
  let line: number | null = null;
  for (const seg of splitPointer(pointer)) {
    let next: { range?: [number, number, number] | null } | null | undefined;
    let at: number | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
      at = (pair?.key as { range?: [number, number, number] } | undefined)?.range?.[0];
      next = pair?.value as typeof next;
    } else if (isSeq(node) && /^\d+$/.test(seg)) {
      next = node.items[Number(seg)] as typeof next;
      at = next?.range?.[0];
    }
    if (at === undefined) break;
    line = lineAt(text, at);
    node = next;
  }
  return line ?? (doc.contents ? 1 : null);
}

/** The 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The character range of a 1-based line, to select it in a textarea. */
export function lineRange(text: string, line: number): [number, number] {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return [text.length, text.length];
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  return [start, end < 0 ? text.length : end];
}
