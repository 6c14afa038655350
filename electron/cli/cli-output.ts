// SPDX-License-Identifier: Apache-2.0
// Terminal output for the `ciab` command: colour only on a TTY and never with NO_COLOR, and
// one JSON object per line with --json, so scripts can rely on it.

export interface Output {
  json: boolean;
  /** A human line (stdout); suppressed in --json mode. */
  info(text: string): void;
  /** A machine record (stdout, one JSON line); only in --json mode. */
  record(value: Record<string, unknown>): void;
  /** An error for the operator (stderr): what failed and what to do next. */
  error(what: string, next?: string): void;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
}

/** Creates the output helpers for one command run. */
export function createOutput(opts: { json: boolean; env?: NodeJS.ProcessEnv; stream?: NodeJS.WriteStream }): Output {
  const env = opts.env ?? process.env;
  const stream = opts.stream ?? process.stdout;
  const color = !opts.json && stream.isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  const wrap = (code: string) => (t: string) => (color ? `\x1b[${code}m${t}\x1b[0m` : t);
  return {
    json: opts.json,
    info: (text) => {
      if (!opts.json) stream.write(`${text}\n`);
    },
    record: (value) => {
      if (opts.json) stream.write(`${JSON.stringify(value)}\n`);
    },
    error: (what, next) => {
      if (opts.json) process.stderr.write(`${JSON.stringify({ error: what, ...(next ? { next } : {}) })}\n`);
      else process.stderr.write(`ciab: ${what}\n${next ? `  → ${next}\n` : ''}`);
    },
    bold: wrap('1'),
    dim: wrap('2'),
    red: wrap('31'),
    green: wrap('32'),
  };
}

/** Exit codes the CLI uses; documented in the README. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130, terminated: 143 } as const;
