// SPDX-License-Identifier: Apache-2.0
// Our Ansible Vault implementation against the real ansible-core: ansible-vault reads what we
// write, we read what ansible-vault writes, and with a fixed salt the bytes are identical.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { decryptVault, encryptVault } from '../../../electron/backend/site/vault/ansible-vault.js';

const run = promisify(execFile);
const ANSIBLE_VAULT = '/usr/bin/ansible-vault';
// ansible-core's own Python (the one /usr/bin/ansible-vault runs with).
const PYTHON = '/usr/bin/python3';
const PASSWORD = 'Vault-Pässwort $(not a command) "quoted"';
const env = { ...process.env, ANSIBLE_NOCOLOR: '1', PAGER: 'cat' };

const SAMPLES: [string, string][] = [
  ['yaml with quotes and $(...)', `---\nkeystone_admin_password: "a'b\\"c"\nshell: '$(rm -rf /) \`id\` \${HOME}'\n`],
  ['unicode', 'name: "Zürich – 東京 🔐"\n'],
  ['many newlines', 'a: 1\n\n\n\nb: |\n  line one\n  line two\n'],
  ['multi-line private key', `nova_ssh_key:\n  private_key: |\n    -----BEGIN OPENSSH PRIVATE KEY-----\n    ${'QUFB'.repeat(30)}\n    -----END OPENSSH PRIVATE KEY-----\n`],
  ['empty', ''],
  ['no final newline', 'x: 1'],
];

let dir = '';
let passFile = '';

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ciab-vault-'));
  passFile = path.join(dir, 'vault-pass');
  writeFileSync(passFile, `${PASSWORD}\n`, { mode: 0o600 });
});

function write(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content, { mode: 0o600 });
  return file;
}

describe('ansible-vault reads our vault files', () => {
  it.each(SAMPLES)('decrypt --output - gives the exact plaintext: %s', async (label, plain) => {
    const file = write(`ours-${label.replace(/\W+/g, '-')}.yml`, encryptVault(plain, PASSWORD));
    const { stdout } = await run(ANSIBLE_VAULT, ['decrypt', '--vault-password-file', passFile, '--output', '-', file], { env, encoding: 'buffer' });
    expect(stdout.toString('utf8')).toBe(plain);
  });

  it.each(SAMPLES.filter(([, p]) => p.endsWith('\n')))('view shows the plaintext: %s', async (label, plain) => {
    // `view` prints through the display, which ends the output with a newline; our samples have one.
    const file = write(`view-${label.replace(/\W+/g, '-')}.yml`, encryptVault(plain, PASSWORD));
    const { stdout } = await run(ANSIBLE_VAULT, ['view', '--vault-password-file', passFile, file], { env });
    expect(stdout).toBe(plain);
  });

  it('fails with a wrong password', async () => {
    const wrong = write('wrong-pass', 'not-the-password\n');
    const file = write('ours-wrong.yml', encryptVault('a: 1\n', PASSWORD));
    const err = await run(ANSIBLE_VAULT, ['view', '--vault-password-file', wrong, file], { env }).catch((e: { code: number; stderr: string }) => e);
    expect('code' in err && err.code).not.toBe(0);
    expect('stderr' in err ? err.stderr : '').toMatch(/Decryption failed/);
  });
});

describe('we read ansible-vault encrypt output', () => {
  it.each(SAMPLES)('%s', async (label, plain) => {
    const file = write(`theirs-${label.replace(/\W+/g, '-')}.yml`, plain);
    await run(ANSIBLE_VAULT, ['encrypt', '--vault-password-file', passFile, file], { env });
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('$ANSIBLE_VAULT;1.1;AES256\n')).toBe(true);
    expect(decryptVault(text, PASSWORD)).toBe(plain);
    expect(() => decryptVault(text, 'not-the-password')).toThrow(/wrong vault password/);
  });

  it('reads a 1.2 file with a vault id', async () => {
    const file = write('theirs-id.yml', 'a: 1\n');
    await run(ANSIBLE_VAULT, ['encrypt', '--vault-id', `prod@${passFile}`, file], { env });
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('$ANSIBLE_VAULT;1.2;AES256;prod\n')).toBe(true);
    expect(decryptVault(text, PASSWORD)).toBe('a: 1\n');
  });
});

describe('byte compatibility', () => {
  it("equals ansible's VaultLib.encrypt for the same salt", async () => {
    const plain = SAMPLES[0]![1] + SAMPLES[1]![1];
    const salt = Buffer.from('ciab-fixed-salt-for-the-test-0001', 'ascii');
    const script = [
      'import sys',
      'from ansible.parsing.vault import VaultLib, VaultSecret',
      'pw, salt, text = sys.argv[1], sys.argv[2], sys.stdin.read()',
      "v = VaultLib([('default', VaultSecret(pw.encode('utf-8')))])",
      "sys.stdout.write(v.encrypt(text.encode('utf-8'), salt=salt.encode('ascii')).decode('ascii'))",
    ].join('\n');
    const child = execFile(PYTHON, ['-c', script, PASSWORD, salt.toString('ascii')], { env });
    child.stdin!.end(plain, 'utf8');
    const theirs = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => (out += d.toString('ascii')));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`python exited with ${code}`))));
    });
    expect(encryptVault(plain, PASSWORD, salt)).toBe(theirs);
  });
});
