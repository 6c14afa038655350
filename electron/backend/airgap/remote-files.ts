// SPDX-License-Identifier: Apache-2.0
// The server side of the bundle upload around the transfer itself: what is there already (size, .part
// size, sha256) in batches, the size of one .part after a drop, and directory setup.
import type { SshSession } from '../ssh/ssh-session.js';
import { shellQuote } from '../ssh/shell-quote.js';

/** What the server holds for one manifest file. */
export interface RemoteFileState {
  /** Size of the finished file, or null when there is none. */
  size: number | null;
  /** Size of `<file>.part`, or null when there is none. */
  partSize: number | null;
  /** sha256 of the finished file, computed only when its size matches the manifest. */
  sha256: string | null;
}

type Exec = Pick<SshSession, 'exec'>;

// Command lines stay well below ARG_MAX and the SSH packet size, however many files a bundle has.
const MAX_ARGS_CHARS = 60_000;

// sha256sum reads stdin so odd file names never change its output format.
const INSPECT = 'i=0; while [ $# -ge 2 ]; do w=$1; f=$2; shift 2; s=-; p=-; h=-; '
  + '[ -f "$f" ] && s=$(stat -c %s -- "$f"); [ -f "$f.part" ] && p=$(stat -c %s -- "$f.part"); '
  + '[ "$s" = "$w" ] && h=$(sha256sum < "$f" | cut -c1-64); printf \'%s %s %s %s\\n\' "$i" "${s:--}" "${p:--}" "${h:--}"; i=$((i+1)); done';

/** `sh -c script` with quoted arguments, run by the login shell of the SSH user. */
export function scriptCommand(script: string, name: string, args: readonly string[]): string {
  return `sh -c ${shellQuote(script)} ${name} ${args.map(shellQuote).join(' ')}`;
}

/** Splits pairs of arguments into batches whose quoted length stays below the limit. */
export function pairBatches(pairs: readonly [string, string][], maxChars = MAX_ARGS_CHARS): [string, string][][] {
  const out: [string, string][][] = [];
  let cur: [string, string][] = [];
  let len = 0;
  for (const p of pairs) {
    const n = shellQuote(p[0]).length + shellQuote(p[1]).length + 2;
    if (cur.length > 0 && len + n > maxChars) {
      out.push(cur);
      cur = [];
      len = 0;
    }
    cur.push(p);
    len += n;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** Error with the remote command's output, for the caller to wrap with the file in question. */
export class RemoteCommandError extends Error {
  constructor(message: string, readonly output: string) {
    super(message);
    this.name = 'RemoteCommandError';
  }
}

/** Size, .part size and (for matching sizes) sha256 of every file, in as few execs as the argument limit allows. */
export async function inspectRemote(session: Exec, files: readonly { remote: string; size: number }[], signal?: AbortSignal): Promise<RemoteFileState[]> {
  const out: RemoteFileState[] = [];
  for (const batch of pairBatches(files.map((f) => [String(f.size), f.remote]))) {
    const r = await session.exec(scriptCommand(INSPECT, 'ciab-inspect', batch.flat()), signal ? { signal } : {});
    const rows = parseRows(r.stdout.toString('utf8'), 4);
    if (rows.length !== batch.length) throw new RemoteCommandError(`the check of ${batch.length} files answered for ${rows.length}`, r.stderr.toString('utf8') + r.stdout.toString('utf8'));
    for (const [, s, p, h] of rows) out.push({ size: s === '-' ? null : Number(s), partSize: p === '-' ? null : Number(p), sha256: h === '-' ? null : h! });
  }
  return out;
}

/** Size of `<file>.part` on the server, or null when there is none. */
export async function partSize(session: Exec, file: string, signal?: AbortSignal): Promise<number | null> {
  const r = await session.exec(scriptCommand('if [ -f "$1" ]; then stat -c %s -- "$1"; else echo -; fi', 'ciab-part-size', [`${file}.part`]), signal ? { signal } : {});
  const line = r.stdout.toString('utf8').trim().split('\n').at(-1) ?? '';
  if (r.code !== 0 || !/^(\d+|-)$/.test(line)) throw new RemoteCommandError(`reading the size of ${file}.part failed (exit ${String(r.code)})`, r.stderr.toString('utf8') + r.stdout.toString('utf8'));
  return line === '-' ? null : Number(line);
}

/** Creates the directories and removes stale files (wrong finished files, oversized .part files) before the upload. */
export async function prepareRemote(session: Exec, dirs: readonly string[], remove: readonly string[], signal?: AbortSignal): Promise<void> {
  const pairs: [string, string][] = [...dirs.map((d): [string, string] => ['d', d]), ...remove.map((f): [string, string] => ['f', f])];
  const script = 'set -e; while [ $# -ge 2 ]; do if [ "$1" = d ]; then mkdir -p -- "$2"; else rm -f -- "$2"; fi; shift 2; done';
  for (const batch of pairBatches(pairs)) {
    const r = await session.exec(scriptCommand(script, 'ciab-prepare', batch.flat()), signal ? { signal } : {});
    if (r.code !== 0) throw new RemoteCommandError(`creating the upload directories failed (exit ${String(r.code)})`, r.stderr.toString('utf8') + r.stdout.toString('utf8'));
  }
}

// Lines "<index> <field>..." with exactly `n` fields; anything else (login-shell noise) is ignored.
function parseRows(text: string, n: number): string[][] {
  return text.split('\n').map((l) => l.trim().split(' ')).filter((f) => f.length === n && /^\d+$/.test(f[0]!));
}
