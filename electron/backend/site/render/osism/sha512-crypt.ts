// SPDX-License-Identifier: Apache-2.0
// SHA-512 crypt ("$6$", Ulrich Drepper's SHA-crypt, as mkpasswd --method=sha-512 and glibc's
// crypt(3) write it): osism.commons.operator sets the operator's password from this hash.
import { createHash } from 'node:crypto';

const ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ROUNDS = 5000; // the default, so the hash carries no rounds= field

function sha512(...parts: Buffer[]): Buffer {
  const h = createHash('sha512');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** `len` bytes of `digest` repeated (the spec's "for each block of 64 bytes" steps). */
function repeatTo(digest: Buffer, len: number): Buffer {
  const out = Buffer.alloc(len);
  for (let i = 0; i < len; i += 64) digest.copy(out, i, 0, Math.min(64, len - i));
  return out;
}

/** The spec's base-64 encoding of the final digest, in its byte-shuffled order. */
function encode(d: Buffer): string {
  let out = '';
  const b64 = (b2: number, b1: number, b0: number, n: number): void => {
    let w = (b2 << 16) | (b1 << 8) | b0;
    for (let i = 0; i < n; i++) {
      out += ALPHABET[w & 0x3f];
      w >>= 6;
    }
  };
  for (let i = 0; i < 21; i++) {
    // Group i takes bytes i, i+21, i+42, rotated by i mod 3 (the spec's table, as a rule).
    const t = [d[i]!, d[i + 21]!, d[i + 42]!];
    const r = i % 3;
    b64(t[r]!, t[(r + 1) % 3]!, t[(r + 2) % 3]!, 4);
  }
  b64(0, 0, d[63]!, 2);
  return out;
}

/** Salt characters from arbitrary bytes (16 of them, the maximum SHA-crypt uses). */
export function cryptSalt(seed: Buffer): string {
  return [...seed.subarray(0, 16)].map((b) => ALPHABET[b & 0x3f]).join('');
}

/** The "$6$<salt>$<hash>" crypt string of `password` (salt: up to 16 characters of the crypt alphabet). */
export function sha512Crypt(password: string, salt: string): string {
  if (!/^[./0-9A-Za-z]{1,16}$/.test(salt)) throw new Error('A SHA-crypt salt is 1 to 16 characters of [./0-9A-Za-z]');
  const p = Buffer.from(password, 'utf8');
  const s = Buffer.from(salt, 'ascii');
  const b = sha512(p, s, p);
  const aParts = [p, s, repeatTo(b, p.length)];
  for (let n = p.length; n > 0; n >>= 1) aParts.push(n & 1 ? b : p);
  let c = sha512(...aParts);
  const dp = repeatTo(sha512(...Array<Buffer>(p.length).fill(p)), p.length);
  const ds = repeatTo(sha512(...Array<Buffer>(16 + c[0]!).fill(s)), s.length);
  for (let i = 0; i < ROUNDS; i++) {
    const parts: Buffer[] = [i & 1 ? dp : c];
    if (i % 3) parts.push(ds);
    if (i % 7) parts.push(dp);
    parts.push(i & 1 ? c : dp);
    c = sha512(...parts);
  }
  return `$6$${salt}$${encode(c)}`;
}
