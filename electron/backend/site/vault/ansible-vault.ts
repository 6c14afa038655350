// SPDX-License-Identifier: Apache-2.0
// Ansible Vault format 1.1 (AES256) in node:crypto, byte-compatible with `ansible-vault`, so the
// laptop can encrypt the rendered secrets without Ansible (see ansible/parsing/vault/__init__.py).
import { createCipheriv, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

const HEADER = '$ANSIBLE_VAULT;1.1;AES256';
const ITERATIONS = 10000;
const KEY_LENGTH = 32;
const IV_LENGTH = 16;
const BLOCK = 16;
const LINE_WIDTH = 80;

/** A vault text that cannot be decrypted: wrong password, changed file or not a vault at all. */
export class VaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultError';
  }
}

interface VaultKeys {
  cipherKey: Buffer;
  hmacKey: Buffer;
  iv: Buffer;
}

// PBKDF2 (10000 rounds, ~5 ms) dominates a render. With deterministic salts an unchanged file has
// the same salt on every render, so the review re-renders reuse its keys. Keyed by an HMAC of the
// password (never the password itself), bounded so a long session cannot grow it without limit.
const keyCache = new Map<string, Buffer>();
const KEY_CACHE_MAX = 512;

// VaultAES256._gen_key_initctr: one PBKDF2 output split into AES key, HMAC key and CTR counter.
function deriveKeys(password: string, salt: Buffer): VaultKeys {
  const cacheKey = createHmac('sha256', salt).update(password, 'utf8').digest('hex');
  let derived = keyCache.get(cacheKey);
  if (!derived) {
    derived = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, ITERATIONS, 2 * KEY_LENGTH + IV_LENGTH, 'sha256');
    if (keyCache.size >= KEY_CACHE_MAX) keyCache.delete(keyCache.keys().next().value!);
    keyCache.set(cacheKey, derived);
  }
  return {
    cipherKey: derived.subarray(0, KEY_LENGTH),
    hmacKey: derived.subarray(KEY_LENGTH, 2 * KEY_LENGTH),
    iv: derived.subarray(2 * KEY_LENGTH),
  };
}

// CTR is symmetric: the same keystream encrypts and decrypts.
function aesCtr(keys: VaultKeys, data: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-ctr', keys.cipherKey, keys.iv);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

function hmac(keys: VaultKeys, ciphertext: Buffer): Buffer {
  return createHmac('sha256', keys.hmacKey).update(ciphertext).digest();
}

function pkcs7Pad(data: Buffer): Buffer {
  const n = BLOCK - (data.length % BLOCK);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

function pkcs7Unpad(data: Buffer): Buffer {
  const n = data.length > 0 ? data[data.length - 1]! : 0;
  const ok = data.length % BLOCK === 0 && n >= 1 && n <= BLOCK && data.subarray(data.length - n).every((b) => b === n);
  if (!ok) throw new VaultError('vault content has invalid padding: the file was changed');
  return data.subarray(0, data.length - n);
}

/** Encrypts `plaintext` as an Ansible Vault 1.1 AES256 document (random 32-byte salt unless given). */
export function encryptVault(plaintext: string, password: string, salt?: Buffer): string {
  if (password.length === 0) throw new VaultError('the vault password must not be empty');
  const saltBytes = salt ?? randomBytes(32);
  if (saltBytes.length === 0) throw new VaultError('the vault salt must not be empty');
  const keys = deriveKeys(password, saltBytes);
  const ciphertext = aesCtr(keys, pkcs7Pad(Buffer.from(plaintext, 'utf8')));
  // Salt, HMAC and ciphertext are hexlified, joined by newlines, then hexlified once more
  // (VaultAES256.encrypt: "unnecessary but getting rid of it is a backwards incompatible change").
  const inner = [saltBytes.toString('hex'), hmac(keys, ciphertext).toString('hex'), ciphertext.toString('hex')].join('\n');
  const body = Buffer.from(inner, 'ascii').toString('hex');
  const lines = [HEADER];
  for (let i = 0; i < body.length; i += LINE_WIDTH) lines.push(body.slice(i, i + LINE_WIDTH));
  return lines.join('\n') + '\n';
}

function unhex(text: string, what: string): Buffer {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) throw new VaultError(`vault ${what} is not valid hex: the file was changed or truncated`);
  return Buffer.from(text, 'hex');
}

function checkHeader(firstLine: string): void {
  const parts = firstLine.trim().split(';').map((p) => p.trim());
  const shown = firstLine.length > 60 ? `${firstLine.slice(0, 60)}…` : firstLine;
  // 1.2 adds a vault id as a fourth field; the cipher and key derivation are the same.
  if (parts[0] !== '$ANSIBLE_VAULT' || !(parts[1] === '1.1' || parts[1] === '1.2') || parts.length > 4) {
    throw new VaultError(`not an Ansible Vault file: first line is ${JSON.stringify(shown)}, expected "${HEADER}"`);
  }
  if (parts[2] !== 'AES256') throw new VaultError(`unsupported vault cipher ${JSON.stringify(parts[2] ?? '')}: only AES256 is supported`);
}

/** Decrypts an Ansible Vault 1.1/1.2 AES256 document; throws VaultError on a wrong password or a changed file. */
export function decryptVault(text: string, password: string): string {
  const lines = text.split(/\r?\n/);
  checkHeader(lines[0] ?? '');
  const outer = unhex(lines.slice(1).map((l) => l.trim()).join(''), 'body');
  const parts = outer.toString('latin1').split('\n');
  if (parts.length !== 3) throw new VaultError('vault body does not hold salt, HMAC and ciphertext: the file was changed or truncated');
  const [saltHex, hmacHex, cipherHex] = parts as [string, string, string];
  const salt = unhex(saltHex, 'salt');
  const expected = unhex(hmacHex, 'HMAC');
  const ciphertext = unhex(cipherHex, 'ciphertext');
  const keys = deriveKeys(password, salt);
  const actual = hmac(keys, ciphertext);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    throw new VaultError('wrong vault password or the file was changed (HMAC check failed)');
  }
  const plain = pkcs7Unpad(aesCtr(keys, ciphertext));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    throw new VaultError('vault content is not UTF-8 text');
  }
}

/**
 * A salt derived from the password, the file's path and its content.
 * Rendering must be byte-identical for the same inputs so re-renders diff cleanly; a salt derived
 * from the password and content only reveals that two encryptions of the same file are equal.
 */
export function deterministicSalt(password: string, path: string, plaintext: string): Buffer {
  return createHmac('sha256', Buffer.from(password, 'utf8')).update(`ciab-vault-salt\0${path}\0${plaintext}`, 'utf8').digest();
}
