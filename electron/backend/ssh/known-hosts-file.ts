// SPDX-License-Identifier: Apache-2.0
// Parsing and host matching for OpenSSH known_hosts files (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT").
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** One usable key line of a known_hosts file. */
export interface KnownHostEntry {
  /** `@revoked` keys must never be trusted; `@cert-authority` lines are kept but never match a plain key. */
  marker: 'revoked' | 'cert-authority' | null;
  /** Either comma-separated patterns (`host`, `[host]:port`, `*.lan`, `!bad`) or one hashed name. */
  hosts: { kind: 'patterns'; patterns: string[] } | { kind: 'hashed'; salt: Buffer; hash: Buffer };
  /** Key type as written in the file, e.g. `ssh-ed25519`. */
  keyType: string;
  /** The raw public key blob (base64-decoded third field). */
  blob: Buffer;
  /** Where it came from, for messages. */
  file: string;
  line: number;
}

/** Name a host is looked up under: `host` for port 22, `[host]:port` otherwise (as OpenSSH does). */
export function knownHostName(host: string, port: number): string {
  const lower = host.toLowerCase();
  return port === 22 ? lower : `[${lower}]:${port}`;
}

/** Parse known_hosts text; malformed lines are skipped, as OpenSSH skips them. */
export function parseKnownHosts(text: string, file = '<memory>'): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    let marker: KnownHostEntry['marker'] = null;
    if (fields[0]?.startsWith('@')) {
      const m = fields.shift();
      if (m === '@revoked') marker = 'revoked';
      else if (m === '@cert-authority') marker = 'cert-authority';
      else return;
    }
    const [hostField, keyType, keyB64] = fields;
    if (!hostField || !keyType || !keyB64) return;
    const blob = Buffer.from(keyB64, 'base64');
    // A line whose blob does not name its own key type is corrupt; never match it.
    if (blobKeyType(blob) !== keyType) return;
    const hosts = parseHostField(hostField);
    if (!hosts) return;
    entries.push({ marker, hosts, keyType, blob, file, line: index + 1 });
  });
  return entries;
}

/** Read and parse a known_hosts file; a missing file is an empty list. */
export async function readKnownHostsFile(file: string): Promise<KnownHostEntry[]> {
  try {
    return parseKnownHosts(await readFile(file, 'utf8'), file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** Whether a known_hosts entry names this lookup name (see knownHostName). */
export function entryMatchesName(entry: KnownHostEntry, name: string): boolean {
  if (entry.hosts.kind === 'hashed') {
    const mac = createHmac('sha1', entry.hosts.salt).update(name).digest();
    return mac.length === entry.hosts.hash.length && timingSafeEqual(mac, entry.hosts.hash);
  }
  let matched = false;
  for (const pattern of entry.hosts.patterns) {
    const negated = pattern.startsWith('!');
    const body = (negated ? pattern.slice(1) : pattern).toLowerCase();
    if (!globMatch(body, name)) continue;
    // A matching negated pattern vetoes the whole line, whatever else matched.
    if (negated) return false;
    matched = true;
  }
  return matched;
}

/** The key type string embedded at the start of an SSH public key blob, or null if malformed. */
export function blobKeyType(blob: Buffer): string | null {
  if (blob.length < 4) return null;
  const len = blob.readUInt32BE(0);
  if (len === 0 || len > 64 || 4 + len > blob.length) return null;
  return blob.subarray(4, 4 + len).toString('latin1');
}

function parseHostField(field: string): KnownHostEntry['hosts'] | null {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    if (!salt || !hash) return null;
    const saltBuf = Buffer.from(salt, 'base64');
    const hashBuf = Buffer.from(hash, 'base64');
    // SHA-1 HMAC output and OpenSSH's salt are both 20 bytes; anything else is not a valid entry.
    if (saltBuf.length !== 20 || hashBuf.length !== 20) return null;
    return { kind: 'hashed', salt: saltBuf, hash: hashBuf };
  }
  const patterns = field.split(',').filter((p) => p !== '');
  return patterns.length ? { kind: 'patterns', patterns } : null;
}

// OpenSSH host patterns: `*` any run of characters, `?` exactly one; everything else literal.
function globMatch(pattern: string, name: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern === name;
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(name);
}
