// SPDX-License-Identifier: Apache-2.0
// connectTarget failures that need no SSH server: DNS, bad input, unusable credentials (checked before dialing).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTarget, SshError, type ConnectOptions } from '../../electron/backend/ssh/connect-target.js';
import { freePort } from '../helpers/sshd.js';
import { generateKey, tempDir, type TestKey } from '../helpers/ssh-keys.js';

describe('connectTarget errors without a server', () => {
  let tmp: { dir: string; remove: () => Promise<void> };
  let key: TestKey;
  let opts: (over: Partial<ConnectOptions>) => ConnectOptions;

  beforeAll(async () => {
    tmp = await tempDir('connect-errors');
    key = await generateKey(tmp.dir, 'locked', 'ed25519', 'the-passphrase-canary');
    const port = await freePort();
    opts = (over) => ({
      host: '127.0.0.1', port, username: 'ciab', auth: 'none',
      knownHosts: { appFile: join(tmp.dir, 'known_hosts') }, timeoutMs: 3000, ...over,
    });
  });
  afterAll(async () => tmp?.remove());

  const fail = (o: ConnectOptions) => connectTarget(o).then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as SshError);

  it('maps an unresolvable name to kind dns', async () => {
    // RFC 6761: .invalid never resolves, with or without a network.
    const e = await fail(opts({ host: 'ciab-node.invalid' }));
    expect(e).toBeInstanceOf(SshError);
    expect(['dns', 'timeout']).toContain(e.kind);
    expect(e.message).toContain('ciab-node.invalid');
  });

  it('rejects an impossible port before dialing', async () => {
    const e = await fail(opts({ port: 70000 }));
    expect(e.kind).toBe('protocol');
    expect(e.message).toContain('127.0.0.1:70000');
  });

  it('explains unusable keys before dialing, without echoing the passphrase', async () => {
    const noPass = await fail(opts({ auth: 'key', keyPath: key.privatePath }));
    expect(noPass).toMatchObject({ kind: 'auth', nextAction: 'Enter the passphrase for this key.' });
    const wrong = await fail(opts({ auth: 'key', keyPath: key.privatePath, passphrase: 'the-passphrase-canary-typo' }));
    expect(wrong.message).toContain('does not unlock it');
    expect(JSON.stringify(wrong)).not.toContain('passphrase-canary');
    const pub = await fail(opts({ auth: 'key', keyPath: key.publicPath }));
    expect(pub.message).toContain('public key');
    const missing = await fail(opts({ auth: 'key', keyPath: join(tmp.dir, 'nope') }));
    expect(missing.message).toContain('ENOENT');
  });

  it('asks for an agent or a password when they are missing', async () => {
    const saved = process.env.SSH_AUTH_SOCK;
    delete process.env.SSH_AUTH_SOCK;
    try {
      expect((await fail(opts({ auth: 'agent' }))).nextAction).toContain('ssh-agent');
    } finally {
      if (saved !== undefined) process.env.SSH_AUTH_SOCK = saved;
    }
    expect((await fail(opts({ auth: 'password' }))).message).toContain('No password');
  });
});
