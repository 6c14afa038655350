// SPDX-License-Identifier: Apache-2.0
// Auth plans: password + keyboard-interactive answers, identity files from ssh config, jump-host auth.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyAuthMethod, KeyboardInteractiveAuthMethod, Prompt } from 'ssh2';
import { authHandlerFor, planAuth, planHopAuth } from '../../../../electron/backend/ssh/auth-plan.js';
import type { SshAttempt, SshError } from '../../../../electron/backend/ssh/ssh-error.js';
import { generateKey, tempDir, type TestKey } from '../../../helpers/ssh-keys.js';

const attempt = (): SshAttempt => ({ host: '10.0.0.5', port: 22, username: 'ubuntu', method: 'x', secrets: [] });

function answer(method: AnyAuthMethod, prompts: Prompt[]): Promise<string[]> {
  return new Promise((resolve) => (method as KeyboardInteractiveAuthMethod).prompt('', '', '', prompts, resolve));
}

describe('auth plans', () => {
  let tmp: { dir: string; remove: () => Promise<void> };
  let plain: TestKey;
  let locked: TestKey;

  beforeAll(async () => {
    tmp = await tempDir('auth-plan');
    [plain, locked] = await Promise.all([generateKey(tmp.dir, 'plain'), generateKey(tmp.dir, 'locked', 'ed25519', 'pass-phrase')]);
  });
  afterAll(async () => tmp?.remove());

  it('answers the PAM password prompt once, never an echoed prompt, never a second round', async () => {
    const plan = await planAuth({ username: 'ubuntu', auth: 'password', password: 'pw-canary' }, attempt());
    expect(plan.attempts.map((a) => a.type)).toEqual(['none', 'password', 'keyboard-interactive']);
    const kbd = plan.attempts[2] as AnyAuthMethod;
    expect(await answer(kbd, [])).toEqual([]);
    expect(await answer(kbd, [{ prompt: 'Password: ', echo: false }, { prompt: 'Login as: ', echo: true }])).toEqual(['pw-canary', '']);
    expect(await answer(kbd, [{ prompt: 'Verification code: ', echo: false }])).toEqual(['']);
    expect(plan.prompts).toEqual(['Password:', 'Login as:', 'Verification code:']);
  });

  it('uses ssh-config identity files when no key was chosen: missing skipped, locked ones only with a passphrase', async () => {
    const files = [join(tmp.dir, 'missing'), locked.privatePath, plain.privatePath];
    const plan = await planAuth({ username: 'ubuntu', auth: 'key', identityFiles: files }, attempt());
    expect(plan.method).toBe(`key (${plain.privatePath})`);
    expect(plan.attempts.map((a) => a.type)).toEqual(['none', 'publickey']);
    const both = await planAuth({ username: 'ubuntu', auth: 'key', identityFiles: files, passphrase: 'pass-phrase' }, attempt());
    expect(both.method).toBe(`key (${locked.privatePath}, ${plain.privatePath})`);
    const onlyLocked = await planAuth({ username: 'ubuntu', auth: 'key', identityFiles: [locked.privatePath] }, attempt()).catch((e: SshError) => e);
    expect(onlyLocked).toMatchObject({ kind: 'auth', nextAction: 'Enter the passphrase for this key.' });
    // A typed key path stays strict: a missing file is an error, not a skip.
    const typed = await planAuth({ username: 'ubuntu', auth: 'key', keyPath: join(tmp.dir, 'missing'), identityFiles: [plain.privatePath] }, attempt())
      .catch((e: SshError) => e);
    expect(typed).toMatchObject({ kind: 'auth', message: expect.stringContaining('ENOENT') });
  });

  it('logs in to jump hosts by key or agent, never by the target\'s password', async () => {
    const saved = process.env.SSH_AUTH_SOCK;
    delete process.env.SSH_AUTH_SOCK;
    try {
      const hop = await planHopAuth({ username: 'jumper', identityFiles: [plain.privatePath] }, { username: 'ubuntu', auth: 'password', password: 'pw' }, attempt());
      expect(hop.attempts.map((a) => a.type)).toEqual(['none', 'publickey']);
      expect(hop.attempts.every((a) => a.username === 'jumper')).toBe(true);
      const none = await planHopAuth({ username: 'jumper', identityFiles: [join(tmp.dir, 'missing')] }, { username: 'ubuntu', auth: 'password', password: 'pw' }, attempt())
        .catch((e: SshError) => e);
      expect(none).toMatchObject({ kind: 'auth', message: expect.stringContaining('jump host') });
      process.env.SSH_AUTH_SOCK = '/tmp/agent.sock';
      const agent = await planHopAuth({ username: 'jumper', identityFiles: [] }, { username: 'ubuntu', auth: 'agent' }, attempt());
      expect(agent.attempts.at(-1)).toMatchObject({ type: 'agent', agent: '/tmp/agent.sock' });
    } finally {
      if (saved === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = saved;
    }
  });

  it('skips methods the server does not offer', async () => {
    const plan = await planAuth({ username: 'ubuntu', auth: 'password', password: 'pw' }, attempt());
    const handler = authHandlerFor(plan);
    const sent: unknown[] = [];
    const next = (m: unknown) => sent.push(m);
    handler(null as never, false, next);
    handler(['publickey', 'keyboard-interactive'] as never, false, next);
    expect(sent.map((m) => (m as AnyAuthMethod).type)).toEqual(['none', 'keyboard-interactive']);
    handler(['publickey'] as never, false, next);
    expect(sent.at(-1)).toBe(false);
  });
});
