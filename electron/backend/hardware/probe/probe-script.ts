// SPDX-License-Identifier: Apache-2.0
// The probe script (playbooks/probe/probe.sh) and the exact command that runs it in ONE exec.
//
// Transport: `sh -c '<script>'`. The whole script is one single-quoted argument, so the login shell
// (sh, bash, dash, zsh; fish too, as the script contains no double backslash) passes it to sh
// unchanged, nothing is read from stdin (a command that reads stdin cannot swallow the rest of the
// script, as with `sh -s`), and the remote side needs no temporary file. Linux allows 128 KiB for one
// argument; the script is about 6 KiB. csh/tcsh login shells are not supported (newlines in quotes).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { schemasDir } from '../../../api/schema-files.js';

/** First line of the script: names the output format the parsers expect. */
export const PROBE_VERSION_LINE = '# ciab-probe v1';

/** Path of playbooks/probe/probe.sh, found next to schemas/ (source tree and packaged app alike). */
export function probeScriptPath(): string {
  return path.join(path.dirname(schemasDir()), 'playbooks', 'probe', 'probe.sh');
}

let cached: string | null = null;

/** The probe script text; throws if the file is missing or is not a v1 probe (a packaging bug). */
export function probeScript(): string {
  if (cached !== null) return cached;
  const text = readFileSync(probeScriptPath(), 'utf8');
  if (!text.startsWith(`${PROBE_VERSION_LINE}\n`)) throw new Error(`${probeScriptPath()} does not start with "${PROBE_VERSION_LINE}"`);
  cached = text;
  return text;
}

/** Quote a string as one POSIX shell word: '...' with each ' written as '\''. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The exact exec command: `sh -c '<script>'`. */
export function probeCommand(script: string = probeScript()): string {
  return `sh -c ${shellQuote(script)}`;
}

/** Does an exec request carry the probe? (How the simulated server recognises it without running it.) */
export function isProbeCommand(command: string): boolean {
  return command.startsWith(`sh -c '${PROBE_VERSION_LINE}\n`);
}
