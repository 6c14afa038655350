// SPDX-License-Identifier: Apache-2.0
// POSIX shell quoting for command lines sent over SSH (the remote login shell parses them).

// Words made only of these characters mean the same quoted or not, so they stay readable in logs
// (`=` is left out: `A=b cmd` as the first word would be an assignment).
const SAFE = /^[A-Za-z0-9_@%+:,./-]+$/;

/** Quote one argument so a POSIX shell (sh, bash, dash, zsh) passes it through as exactly one word. */
export function shellQuote(arg: string): string {
  if (arg.includes('\0')) throw new Error('a command argument cannot contain a NUL byte');
  if (SAFE.test(arg)) return arg;
  // Inside single quotes nothing is special; a single quote itself is closed, escaped, reopened.
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Quote every argument and join them with spaces: argv in, one shell command line out. */
export function shellJoin(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
