// SPDX-License-Identifier: Apache-2.0
// Reads a site file (YAML or JSON text) and validates it; every error carries the field and,
// when the field exists in the text, the line it is on.
import { readFile } from 'node:fs/promises';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { pointerSegments, validateSite, type SiteValidation } from './validate-site.js';
import type { SiteError } from './site-types.js';

export interface SiteFileResult extends SiteValidation {
  /** The parsed document (null when the text is not YAML). */
  config: unknown;
}

/** Parses site text and validates it; YAML syntax errors name their line. */
export function parseSiteText(text: string): SiteFileResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0].line;
    return { valid: false, config: null, errors: [{ field: '/', message: `is not valid YAML: ${first.message.split('\n')[0]}`, ...(line ? { line } : {}) }] };
  }
  let config: unknown;
  try {
    config = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (err) {
    return { valid: false, config: null, errors: [{ field: '/', message: `cannot be read: ${(err as Error).message.split('\n')[0]}` }] };
  }
  const odd = nonPlain(config);
  if (odd !== null) return { valid: false, config: null, errors: [{ field: odd, message: 'must be plain text, a number, true/false, a list or a group of fields (not binary or tagged data)' }] };
  const result = validateSite(config);
  const errors: SiteError[] = result.errors.map((e) => {
    const segs = pointerSegments(e.field).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    // The line of the field's key (or of its nearest parent that exists: a missing field's block).
    for (let n = segs.length; n >= 0; n--) {
      const line = keyLine(doc, segs.slice(0, n), lineCounter);
      if (line !== null) return { ...e, line };
    }
    return e;
  });
  return { ...result, errors, config };
}

/** The line of the key of `path` (of the value for list entries and the root), or null if absent. */
function keyLine(doc: Document, path: (string | number)[], lc: LineCounter): number | null {
  if (path.length === 0) {
    const r = (doc.contents as { range?: [number, number, number] } | null)?.range;
    return r ? lc.linePos(r[0]).line : null;
  }
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === last);
    const r = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
    return r ? lc.linePos(r[0]).line : null;
  }
  const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  return node?.range ? lc.linePos(node.range[0]).line : null;
}

/** The first value in parsed YAML that is not plain data (e.g. !!binary), as a JSON pointer. */
function nonPlain(value: unknown, at = ''): string | null {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = nonPlain(value[i], `${at}/${i}`);
      if (p !== null) return p;
    }
    return null;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const p = nonPlain(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      if (p !== null) return p;
    }
    return null;
  }
  return at || '/';
}

/** Reads and validates a site file from disk. */
export async function readSiteFile(file: string): Promise<SiteFileResult> {
  return parseSiteText(await readFile(file, 'utf8'));
}

/** One line per error: "site.yaml:12: /networks/internal/vip must differ …". */
export function formatSiteErrors(file: string, errors: SiteError[]): string[] {
  return errors.map((e) => `${file}${e.line ? `:${e.line}` : ''}: ${e.field} ${e.message}`);
}
