// SPDX-License-Identifier: Apache-2.0
// The one error a broken profile or catalogue file raises: it names the file, the line and the
// field, e.g. "playbooks/profiles/lab.yaml:23: checks[4] (memory.total).params.minGiB is required".
import path from 'node:path';

/** A data file that does not hold a valid profile or catalogue. */
export class ProfileError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly line: number | null,
    problem: string,
  ) {
    super(`${displayPath(file)}${line !== null ? `:${line}` : ''}: ${field ? `${field} ` : ''}${problem}`);
    this.name = 'ProfileError';
  }
}

/** The file relative to the working directory when it lies below it, else as given. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** ["checks", "2", "params", "minGiB"] -> "checks[2].params.minGiB"; odd keys get brackets. */
export function fieldName(segments: readonly string[], label?: (index: number) => string | undefined): string {
  let out = '';
  segments.forEach((seg, i) => {
    if (/^\d+$/.test(seg)) {
      out += `[${seg}]`;
      // After checks[N], name the check's kind so the reader need not count.
      const note = i === 1 && segments[0] === 'checks' ? label?.(Number(seg)) : undefined;
      if (note) out += ` (${note})`;
    } else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  });
  return out;
}
