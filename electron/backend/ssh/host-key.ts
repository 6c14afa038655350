// SPDX-License-Identifier: Apache-2.0
// Host key identity: OpenSSH fingerprints, the trust decision against known_hosts files, and pinning.
import { createHash } from 'node:crypto';
import { appendFile, chmod, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  blobKeyType,
  entryMatchesName,
  knownHostName,
  readKnownHostsFile,
  type KnownHostEntry,
} from './known-hosts-file.js';

export { knownHostName } from './known-hosts-file.js';

/** The known_hosts files consulted: the app's own (written) and the user's (read only). */
export interface KnownHostsFiles {
  appFile: string;
  userFile?: string;
}

/** Outcome of comparing a presented host key with the known_hosts files. */
export interface HostKeyCheck {
  status: 'pinned' | 'unknown' | 'mismatch';
  algorithm: string;
  fingerprint: string;
  /** For a mismatch: the fingerprint the files expect for this algorithm. */
  expectedFingerprint?: string;
  /** Where the expected (or revoked) key is written, e.g. `/home/op/.ssh/known_hosts:12`. */
  expectedAt?: string;
  /** True when the presented key is listed as `@revoked`: a hard stop like a mismatch. */
  revoked?: boolean;
}

/** OpenSSH `SHA256:` fingerprint of a public key blob, as `ssh-keygen -lf` prints it. */
export function hostKeyFingerprint(blob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
}

/** Algorithm (key type) name of a public key blob, e.g. `ssh-ed25519`. */
export function hostKeyAlgorithm(blob: Buffer): string {
  const type = blobKeyType(blob);
  if (!type) throw new Error('malformed SSH public key blob');
  return type;
}

/** Entries of both files that concern host:port (missing files count as empty). */
export async function knownEntriesFor(
  files: KnownHostsFiles,
  host: string,
  port: number,
): Promise<KnownHostEntry[]> {
  const name = knownHostName(host, port);
  const lists = await Promise.all(
    [files.appFile, files.userFile].filter((f): f is string => !!f).map(readKnownHostsFile),
  );
  return lists.flat().filter((e) => e.marker !== 'cert-authority' && entryMatchesName(e, name));
}

/** Decide pinned / unknown / mismatch for a presented key, given the entries for its host. */
export function decideHostKey(entries: KnownHostEntry[], blob: Buffer): HostKeyCheck {
  const algorithm = hostKeyAlgorithm(blob);
  const fingerprint = hostKeyFingerprint(blob);
  const revoked = entries.find((e) => e.marker === 'revoked' && e.blob.equals(blob));
  if (revoked) {
    return { status: 'mismatch', algorithm, fingerprint, revoked: true, expectedAt: where(revoked) };
  }
  const plain = entries.filter((e) => e.marker === null);
  // Like OpenSSH: any matching line in any file is enough, even if another line disagrees.
  if (plain.some((e) => e.blob.equals(blob))) return { status: 'pinned', algorithm, fingerprint };
  const sameType = plain.find((e) => e.keyType === algorithm);
  if (sameType) {
    return {
      status: 'mismatch',
      algorithm,
      fingerprint,
      expectedFingerprint: hostKeyFingerprint(sameType.blob),
      expectedAt: where(sameType),
    };
  }
  return { status: 'unknown', algorithm, fingerprint };
}

/** Read both files and decide the trust status of a presented host key blob. */
export async function checkHostKey(
  files: KnownHostsFiles,
  host: string,
  port: number,
  blob: Buffer,
): Promise<HostKeyCheck> {
  return decideHostKey(await knownEntriesFor(files, host, port), blob);
}

/** Append a pin line for host:port to the app's known_hosts file (dirs created, mode 0600). */
export async function pinHostKey(appFile: string, host: string, port: number, blob: Buffer): Promise<void> {
  const algorithm = hostKeyAlgorithm(blob);
  await mkdir(dirname(appFile), { recursive: true, mode: 0o700 });
  let existing = '';
  try {
    existing = await readFile(appFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const name = knownHostName(host, port);
  const already = (await readKnownHostsFile(appFile)).some(
    (e) => e.marker === null && e.blob.equals(blob) && entryMatchesName(e, name),
  );
  if (already) return;
  // Never glue our line onto a last line that someone left without a newline.
  const sep = existing !== '' && !existing.endsWith('\n') ? '\n' : '';
  await appendFile(appFile, `${sep}${name} ${algorithm} ${blob.toString('base64')}\n`, { mode: 0o600 });
  // appendFile's mode only applies on creation; the file holds trust decisions, so tighten it anyway.
  await chmod(appFile, 0o600);
}

/** Host key algorithms to offer, known types for this host first, so the server shows a key we can check. */
export function preferredHostKeyAlgorithms(entries: KnownHostEntry[]): string[] {
  const defaults = [
    'ssh-ed25519',
    'ecdsa-sha2-nistp256',
    'ecdsa-sha2-nistp384',
    'ecdsa-sha2-nistp521',
    'rsa-sha2-512',
    'rsa-sha2-256',
    'ssh-rsa',
  ];
  const known = new Set<string>();
  for (const e of entries) {
    if (e.marker !== null) continue;
    // An RSA key is stored as `ssh-rsa` but negotiated under its SHA-2 signature names.
    if (e.keyType === 'ssh-rsa') ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'].forEach((a) => known.add(a));
    else if (defaults.includes(e.keyType)) known.add(e.keyType);
  }
  return [...defaults.filter((a) => known.has(a)), ...defaults.filter((a) => !known.has(a))];
}

function where(e: KnownHostEntry): string {
  return `${e.file}:${e.line}`;
}
