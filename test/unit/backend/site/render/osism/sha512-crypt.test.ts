// SPDX-License-Identifier: Apache-2.0
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cryptSalt, sha512Crypt } from '../../../../../../electron/backend/site/render/osism/sha512-crypt.js';

const run = promisify(execFile);

describe('sha512Crypt', () => {
  it('matches the SHA-crypt specification test vector', () => {
    expect(sha512Crypt('Hello world!', 'saltstring')).toBe('$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1');
  });

  it.each([
    ['a', 'a'],
    ['pässwörd "x" $(y)', 'abc./XYZ12345678'],
    ['x'.repeat(200), 'Zz09./'],
  ])('agrees with openssl passwd -6 for %j', async (password, salt) => {
    const { stdout } = await run('openssl', ['passwd', '-6', '-salt', salt, password]);
    expect(sha512Crypt(password, salt)).toBe(stdout.trim());
  });

  it('makes 16-character salts of the crypt alphabet and refuses others', () => {
    expect(cryptSalt(Buffer.alloc(32, 0xff))).toMatch(/^[./0-9A-Za-z]{16}$/);
    expect(() => sha512Crypt('x', 'bad$salt')).toThrow(/salt/);
  });
});
