// SPDX-License-Identifier: Apache-2.0
// The simulated server's host key file: created once (0600), reused, never silently replaced.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateSimHostKey } from '../../../../electron/backend/sim/sim-host-key.js';
import { keygenFingerprint, run, tempDir } from '../../../helpers/ssh-keys.js';

describe('sim host key', () => {
  let tmp: { dir: string; remove: () => Promise<void> };
  beforeAll(async () => {
    tmp = await tempDir('sim-key');
  });
  afterAll(async () => tmp?.remove());

  it('creates an ed25519 key that ssh-keygen reads, with the same fingerprint, and reuses it', async () => {
    const path = join(tmp.dir, 'deep', 'dir', 'host_key');
    const first = await loadOrCreateSimHostKey(path);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    // ssh-keygen -y derives the public key from the private key file we wrote.
    const pub = await run('ssh-keygen', ['-y', '-f', path]);
    expect(pub.stdout).toMatch(/^ssh-ed25519 /);
    await writeFile(`${path}.pub`, pub.stdout);
    expect(first.fingerprint).toBe(await keygenFingerprint(`${path}.pub`));
    const second = await loadOrCreateSimHostKey(path);
    expect(second).toEqual(first);
  });

  it('refuses a corrupt key file instead of replacing it', async () => {
    const path = join(tmp.dir, 'corrupt');
    await writeFile(path, 'not a key');
    await expect(loadOrCreateSimHostKey(path)).rejects.toThrow(/unreadable.*Delete the file/);
    expect(await readFile(path, 'utf8')).toBe('not a key');
  });
});
