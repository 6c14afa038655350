// SPDX-License-Identifier: Apache-2.0
// Makes raw probe output safe to parse: caps its size and removes NUL and other binary garbage.

/** The most probe output we look at; a real probe prints 20-200 kB. */
export const PROBE_OUTPUT_LIMIT = 8 * 1024 * 1024;

/** Cleaned probe output and what had to be done to it. */
export interface SanitizedOutput {
  text: string;
  /** Characters in the input before cleaning. */
  originalLength: number;
  /** True when the input was longer than the limit and cut. */
  truncated: boolean;
  /** Control characters (NUL, escape, ...) and replacement characters removed. */
  removedChars: number;
}

// Every C0 control except tab and newline, DEL, and U+FFFD (what invalid UTF-8 decodes to).
// Matching control characters is the point here, so the lint rule against them does not apply.
// eslint-disable-next-line no-control-regex
const GARBAGE = /[\u0000-\u0008\u000b-\u001f\u007f\ufffd]/g;

/** Cut to `limit` characters, turn CRLF into LF, and drop control and replacement characters. */
export function sanitizeProbeOutput(raw: string, limit = PROBE_OUTPUT_LIMIT): SanitizedOutput {
  const input = typeof raw === 'string' ? raw : '';
  const truncated = input.length > limit;
  const cut = truncated ? input.slice(0, limit) : input;
  // CR first, so a CRLF stream (a pty) keeps its line breaks once CR counts as garbage.
  const lf = cut.replace(/\r\n/g, '\n');
  let removed = cut.length - lf.length;
  const text = lf.replace(GARBAGE, () => {
    removed++;
    return '';
  });
  return { text, originalLength: input.length, truncated, removedChars: removed };
}
