// SPDX-License-Identifier: Apache-2.0
// The simulated server's ed25519 host key: made once, kept on disk so the operator's pin stays valid.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import ssh2 from 'ssh2';
import { generateEd25519KeyPair } from '../ssh/ed25519-keypair.js';
import { hostKeyFingerprint } from '../ssh/host-key.js';

const { utils } = ssh2;

/** The host key in the form ssh2's Server wants, plus its OpenSSH fingerprint. */
export interface SimHostKey {
  privateKey: string;
  fingerprint: string;
}

/** An ed25519 host key that ssh2 and OpenSSH read back. */
function generateParsableKey(): string {
  return generateEd25519KeyPair('ciab-sim host key').private;
}

/** Load the host key at path, or generate an ed25519 key there (mode 0600) on first use. */
export async function loadOrCreateSimHostKey(path: string): Promise<SimHostKey> {
  let pem: string | undefined;
  try {
    pem = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (pem === undefined) {
    const generated = generateParsableKey();
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    try {
      // 'wx': if another instance created it meanwhile, use theirs rather than overwrite a pinned key.
      await writeFile(path, generated, { mode: 0o600, flag: 'wx' });
      pem = generated;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      pem = await readFile(path, 'utf8');
    }
  }
  const parsed = utils.parseKey(pem);
  if (parsed instanceof Error || !parsed.isPrivateKey()) {
    // Never replace it silently: a new key would make every existing pin a mismatch.
    throw new Error(
      `The demo server's host key ${path} is unreadable (${parsed instanceof Error ? parsed.message : 'not a private key'}). ` +
        'Delete the file to generate a new one; operators will then see a new fingerprint.',
    );
  }
  await chmod(path, 0o600).catch(() => undefined);
  return { privateKey: pem, fingerprint: hostKeyFingerprint(parsed.getPublicSSH()) };
}
