// SPDX-License-Identifier: Apache-2.0
// Parses YAML text and keeps source positions, so a problem found later (by a schema or a
// loader) can name the line of the offending field. Callers wrap the syntax error in their own.
import { LineCounter, parseDocument } from 'yaml';

/** Parsed YAML that can tell the line of any field path. */
export interface YamlWithLines {
  data: unknown;
  /** Line of the deepest existing node on `segments` (the parent when the field is missing). */
  lineOf(segments: readonly (string | number)[]): number | null;
}

/** A YAML syntax error (or duplicate key) with its line. */
export class YamlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
    this.name = 'YamlSyntaxError';
  }
}

/** Parses `text`; throws YamlSyntaxError ("is not valid YAML: …") with the line of the first error. */
export function parseYamlWithLines(text: string): YamlWithLines {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) throw new YamlSyntaxError(`is not valid YAML: ${first.message.split('\n')[0]}`, first.linePos?.[0].line ?? null);
  return {
    data: doc.toJS({ maxAliasCount: 100 }) as unknown,
    lineOf(segments) {
      for (let n = segments.length; n >= 0; n--) {
        const node = n === 0 ? doc.contents : doc.getIn(segments.slice(0, n), true);
        const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
        if (range) return lineCounter.linePos(range[0]).line;
      }
      return null;
    },
  };
}
