// SPDX-License-Identifier: Apache-2.0
// The wizard's bundle step with a real signed bundle (ssh-keygen -Y sign): it needs the app's
// allowed_signers file, accepts a good bundle, and refuses a tampered one naming the file.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedSignersFile, checkBundlePath, DEMO_BUNDLE } from '../../../electron/backend/airgap/check-bundle-path.js';
import { createBundle } from '../../../electron/backend/airgap/create-bundle.js';
import { tempDir } from '../../helpers/ssh-keys.js';

const run = promisify(execFile);

describe('bundle step verification (real ssh-keygen)', () => {
  let tmp: { dir: string; remove: () => Promise<void> };
  let bundle: string;
  let dataDir: string;
  let pub: string;

  beforeAll(async () => {
    tmp = await tempDir('bundle-step');
    bundle = path.join(tmp.dir, 'bundle');
    dataDir = path.join(tmp.dir, 'data');
    await mkdir(path.join(bundle, 'k3s'), { recursive: true });
    await mkdir(dataDir);
    await writeFile(path.join(bundle, 'k3s', 'k3s'), randomBytes(200_000));
    await writeFile(path.join(bundle, 'configuration.yml'), 'docker_registry: localhost:5001\n');
    const key = path.join(tmp.dir, 'builder');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'builder', '-f', key]);
    pub = (await readFile(`${key}.pub`, 'utf8')).trim();
    await createBundle(bundle, { key, name: 'step-bundle', versions: { openstack: '2025.1', k3s: 'v1.34.1+k3s1' } });
  });
  afterAll(async () => {
    await tmp?.remove();
  });

  it('says where the allowed signers go when there are none, before reading the bundle', async () => {
    await expect(checkBundlePath(bundle, 'install', dataDir)).rejects.toMatchObject({
      message: expect.stringContaining(allowedSignersFile(dataDir)),
      nextAction: expect.stringContaining('allowed_signers'),
    });
  });

  it('accepts a good bundle signed by an allowed signer, and the demo bundle only in demo mode', async () => {
    await writeFile(allowedSignersFile(dataDir), `builder@example.invalid namespaces="ciab-bundle" ${pub}\n`);
    await expect(checkBundlePath(bundle, 'install', dataDir)).resolves.toEqual({ verified: true });
    await expect(checkBundlePath(DEMO_BUNDLE, 'demo', dataDir)).resolves.toEqual({ verified: true });
    await expect(checkBundlePath(DEMO_BUNDLE, 'install', dataDir)).rejects.toThrow(/simulated bundle/);
  });

  it('refuses a tampered file, naming it, with nothing sent anywhere', async () => {
    await appendFile(path.join(bundle, 'configuration.yml'), '# edited\n');
    const err = (await checkBundlePath(bundle, 'install', dataDir).catch((e: unknown) => e)) as Error & { lastLines: string[]; nextAction: string };
    expect(err.message).toMatch(/failed verification: configuration\.yml/);
    expect(err.lastLines.join('\n')).toContain('configuration.yml');
    expect(err.nextAction).toMatch(/nothing was sent to the server/);
  });

  it('refuses a bundle signed by someone else', async () => {
    const other = path.join(tmp.dir, 'other');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'other', '-f', other]);
    await writeFile(allowedSignersFile(dataDir), `someone@example.invalid namespaces="ciab-bundle" ${(await readFile(`${other}.pub`, 'utf8')).trim()}\n`);
    await expect(checkBundlePath(bundle, 'install', dataDir)).rejects.toThrow(/manifest\.json\.sig/);
  });
});
