// SPDX-License-Identifier: Apache-2.0
// The native Ansible Vault 1.1 implementation: round trips, failure modes and the exact layout
// (compatibility with the real ansible-vault is in test/integration/site/ansible-vault.test.ts).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { VaultError, decryptVault, deterministicSalt, encryptVault } from '../../../../../electron/backend/site/vault/ansible-vault.js';

const PASSWORD = 'correct horse battery staple';

describe('encryptVault / decryptVault', () => {
  it.each([
    ['empty string', ''],
    ['one block exactly', '0123456789abcdef'],
    ['yaml', '---\nkeystone_admin_password: s3cr3t\n'],
    ['unicode', 'pässwörd: "日本語 🔐"\n'],
    ['newlines and quotes', 'a: "x\\ny"\nb: \'$(rm -rf /)\'\r\n\n\n'],
  ])('round-trips %s', (_label, text) => {
    expect(decryptVault(encryptVault(text, PASSWORD), PASSWORD)).toBe(text);
  });

  it('round-trips 1 MB', () => {
    const text = randomBytes(512 * 1024).toString('hex');
    expect(text.length).toBe(1024 * 1024);
    expect(decryptVault(encryptVault(text, PASSWORD), PASSWORD)).toBe(text);
  });

  it('writes the 1.1 header, 80-column hex lines and a final newline', () => {
    const out = encryptVault('x'.repeat(1000), PASSWORD);
    const lines = out.split('\n');
    expect(lines[0]).toBe('$ANSIBLE_VAULT;1.1;AES256');
    expect(lines[lines.length - 1]).toBe('');
    const body = lines.slice(1, -1);
    for (const l of body.slice(0, -1)) expect(l).toMatch(/^[0-9a-f]{80}$/);
    expect(body[body.length - 1]).toMatch(/^[0-9a-f]{1,80}$/);
    // The body unhexlifies to salt, HMAC and ciphertext in hex, one per line.
    const inner = Buffer.from(body.join(''), 'hex').toString('ascii').split('\n');
    expect(inner).toHaveLength(3);
    expect(inner[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(inner[1]).toMatch(/^[0-9a-f]{64}$/);
    expect(inner[2]!.length).toBe(2 * 1008); // 1000 bytes padded to a multiple of 16
  });

  it('uses a fresh random salt unless one is given', () => {
    expect(encryptVault('same', PASSWORD)).not.toBe(encryptVault('same', PASSWORD));
    const salt = Buffer.alloc(32, 7);
    expect(encryptVault('same', PASSWORD, salt)).toBe(encryptVault('same', PASSWORD, salt));
  });

  it('rejects a wrong password', () => {
    const text = encryptVault('secret: 1\n', PASSWORD);
    expect(() => decryptVault(text, 'wrong')).toThrow(VaultError);
    expect(() => decryptVault(text, 'wrong')).toThrow(/wrong vault password or the file was changed/);
  });

  it('rejects a changed ciphertext byte (HMAC check)', () => {
    const text = encryptVault('secret: 1\n'.repeat(20), PASSWORD);
    const lines = text.split('\n');
    const [salt, mac, ct] = Buffer.from(lines.slice(1).join(''), 'hex').toString('ascii').split('\n') as [string, string, string];
    const bytes = Buffer.from(ct, 'hex');
    bytes[50] = bytes[50]! ^ 0x01;
    const body = Buffer.from([salt, mac, bytes.toString('hex')].join('\n'), 'ascii').toString('hex');
    const changed = `${lines[0]}\n${body.match(/.{1,80}/g)!.join('\n')}\n`;
    expect(() => decryptVault(changed, PASSWORD)).toThrow(/wrong vault password or the file was changed/);
  });

  it('rejects a changed hex digit of the envelope', () => {
    const text = encryptVault('secret: 1\n'.repeat(20), PASSWORD);
    const lines = text.split('\n');
    const line = lines[5]!;
    lines[5] = line.slice(0, 40) + (line[40] === '0' ? '1' : '0') + line.slice(41);
    expect(() => decryptVault(lines.join('\n'), PASSWORD)).toThrow(VaultError);
  });

  it('rejects a truncated body', () => {
    const text = encryptVault('secret: 1\n', PASSWORD);
    expect(() => decryptVault(text.slice(0, text.length - 20), PASSWORD)).toThrow(VaultError);
  });

  it('names the first line of a file that is not a vault', () => {
    expect(() => decryptVault('---\nkey: value\n', PASSWORD)).toThrow(/not an Ansible Vault file: first line is "---"/);
    expect(() => decryptVault('$ANSIBLE_VAULT;1.1;AES128\n00\n', PASSWORD)).toThrow(/unsupported vault cipher "AES128"/);
  });

  it('accepts CRLF line ends and a 1.2 header with a vault id', () => {
    const text = encryptVault('a: 1\n', PASSWORD);
    expect(decryptVault(text.replace(/\n/g, '\r\n'), PASSWORD)).toBe('a: 1\n');
    expect(decryptVault(text.replace('$ANSIBLE_VAULT;1.1;AES256', '$ANSIBLE_VAULT;1.2;AES256;prod'), PASSWORD)).toBe('a: 1\n');
  });

  it('refuses an empty password', () => {
    expect(() => encryptVault('a', '')).toThrow(VaultError);
  });
});

describe('deterministicSalt', () => {
  it('is 32 bytes and equal for equal inputs', () => {
    const a = deterministicSalt(PASSWORD, 'environments/secrets.yml', 'a: 1\n');
    expect(a).toHaveLength(32);
    expect(deterministicSalt(PASSWORD, 'environments/secrets.yml', 'a: 1\n').equals(a)).toBe(true);
  });

  it('differs when the password, the path or the content differs', () => {
    const a = deterministicSalt(PASSWORD, 'environments/secrets.yml', 'a: 1\n');
    expect(deterministicSalt('other', 'environments/secrets.yml', 'a: 1\n').equals(a)).toBe(false);
    expect(deterministicSalt(PASSWORD, 'environments/kolla/secrets.yml', 'a: 1\n').equals(a)).toBe(false);
    expect(deterministicSalt(PASSWORD, 'environments/secrets.yml', 'a: 2\n').equals(a)).toBe(false);
    // The separator keeps path and content apart: moving a character across it changes the salt.
    expect(deterministicSalt(PASSWORD, 'ab', 'c').equals(deterministicSalt(PASSWORD, 'a', 'bc'))).toBe(false);
  });

  it('makes the encryption of the same file byte-identical', () => {
    const salt = deterministicSalt(PASSWORD, 'p', 'content');
    expect(encryptVault('content', PASSWORD, salt)).toBe(encryptVault('content', PASSWORD, deterministicSalt(PASSWORD, 'p', 'content')));
  });
});
