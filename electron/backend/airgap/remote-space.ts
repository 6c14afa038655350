// SPDX-License-Identifier: Apache-2.0
// Free space on the server before an upload: `df -P` of the upload directory (or its nearest existing
// parent), parsed in the C locale, and the refusal that names needed vs available bytes.
import type { SshSession } from '../ssh/ssh-session.js';
import { shellQuote } from '../ssh/shell-quote.js';
import { humanBytes, lastLines, UploadError } from './upload-errors.js';

/** One filesystem as `df -P` reports it, in bytes. */
export interface DfReading {
  /** The existing directory df was asked about (the upload directory or a parent). */
  dir: string;
  filesystem: string;
  size: number;
  used: number;
  available: number;
  mount: string;
}

// The first line names the directory that exists; GNU df takes -B1, BusyBox only -k (the header says which unit).
const DF_SCRIPT = 'd=$1; while [ ! -d "$d" ]; do d=$(dirname -- "$d"); done; printf \'%s\\n\' "$d"; '
  + 'LC_ALL=C df -P -B1 -- "$d" 2>/dev/null || LC_ALL=C df -P -k -- "$d"';

/** Parses `printf dir; df -P` output; throws with the text when it is not what df prints. */
export function parseDf(text: string): DfReading {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const headerAt = lines.findIndex((l) => /^Filesystem\s+\d+-blocks\s/.test(l));
  if (headerAt < 0) throw new Error(`no df header in: ${lastLines(text)}`);
  const unit = Number(/^Filesystem\s+(\d+)-blocks/.exec(lines[headerAt]!)?.[1]);
  // -P keeps one line per filesystem; names and mount points may hold spaces, so read the numbers from the middle.
  const data = lines.slice(headerAt + 1).find((l) => l.trim().length > 0) ?? '';
  const m = /^(.*?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+|-)%?\s+(\/.*)$/.exec(data);
  if (!m || !unit) throw new Error(`cannot read the df line: ${JSON.stringify(data)}`);
  const dir = lines.slice(0, headerAt).filter((l) => l.length > 0).at(-1) ?? m[6]!;
  return { dir, filesystem: m[1]!, size: Number(m[2]) * unit, used: Number(m[3]) * unit, available: Number(m[4]) * unit, mount: m[6]! };
}

/** Runs df on the server for `dir` (or its nearest existing parent) and parses the answer. */
export async function remoteFreeSpace(session: Pick<SshSession, 'exec' | 'target'>, dir: string, signal?: AbortSignal): Promise<DfReading> {
  const r = await session.exec(`sh -c ${shellQuote(DF_SCRIPT)} ciab-df ${shellQuote(dir)}`, { timeoutMs: 60_000, ...(signal ? { signal } : {}) });
  try {
    return parseDf(r.stdout.toString('utf8'));
  } catch (err) {
    const t = session.target;
    throw new UploadError({ kind: 'remote', server: `${t.username}@${t.host}:${t.port}`, remotePath: dir,
      message: `Could not read the free space for ${dir} on ${t.host}: ${(err as Error).message}`,
      detail: lastLines(Buffer.concat([r.stdout, r.stderr])),
      nextAction: 'Check that `df -P` works for this user on the server (coreutils or busybox), then try again.' });
  }
}

/** Headroom kept free beyond the bundle: 5 % of the bytes to send, at least 64 MiB, at most 1 GiB. */
export function spaceMargin(needed: number): number {
  return Math.min(1024 ** 3, Math.max(64 * 1024 ** 2, Math.ceil(needed * 0.05)));
}

/** Throws a `space` UploadError when `needed` plus the margin does not fit in what df reported. */
export function checkSpace(df: DfReading, needed: number, server: string, remoteDir: string, margin = spaceMargin(needed)): void {
  if (needed <= 0 || needed + margin <= df.available) return;
  const where = df.dir === remoteDir ? remoteDir : `${remoteDir} (on ${df.mount}, checked at ${df.dir})`;
  throw new UploadError({
    kind: 'space', server, remotePath: remoteDir,
    message: `Not enough free space on ${server} for the bundle in ${where}: it needs ${humanBytes(needed)} plus ${humanBytes(margin)} headroom, `
      + `but only ${humanBytes(df.available)} of ${humanBytes(df.size)} are free on ${df.filesystem} (mounted at ${df.mount}). Nothing was uploaded.`,
    detail: `needed ${needed} B + margin ${margin} B > available ${df.available} B`,
    nextAction: `Free at least ${humanBytes(needed + margin - df.available)} on ${df.mount} (old bundles, images, logs), or choose an upload directory on a larger filesystem, then start the upload again.`,
  });
}
