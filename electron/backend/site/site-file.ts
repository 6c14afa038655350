// SPDX-License-Identifier: Apache-2.0
// Reads a site file (YAML or JSON text) and validates it; every error carries the field and,
// when the field exists in the text, the line it is on.
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
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
  const config = doc.toJS({ maxAliasCount: 100 }) as unknown;
  const result = validateSite(config);
  const errors: SiteError[] = result.errors.map((e) => {
    const segs = pointerSegments(e.field).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    // The line of the field itself, or of its nearest parent that exists (a missing field's block).
    for (let n = segs.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(segs.slice(0, n), true);
      const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (range) return { ...e, line: lineCounter.linePos(range[0]).line };
    }
    return e;
  });
  return { ...result, errors, config };
}

/** Reads and validates a site file from disk. */
export async function readSiteFile(file: string): Promise<SiteFileResult> {
  return parseSiteText(await readFile(file, 'utf8'));
}

/** One line per error: "site.yaml:12: /networks/internal/vip must differ …". */
export function formatSiteErrors(file: string, errors: SiteError[]): string[] {
  return errors.map((e) => `${file}${e.line ? `:${e.line}` : ''}: ${e.field} ${e.message}`);
}
