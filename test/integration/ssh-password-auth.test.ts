// SPDX-License-Identifier: Apache-2.0
// Password and keyboard-interactive (PAM) logins against a real sshd, as a real local user.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTarget, SshError, type ConnectOptions } from '../../electron/backend/ssh/connect-target.js';
import { sshdAvailable, sshdSkipReason, startSshd, type TestSshd } from '../helpers/sshd.js';
import { tempDir } from '../helpers/ssh-keys.js';
import { ensureTestUser, isRoot, lockTestUser, PASSWORD_CANARY, testUserSkipReason, type TestUser } from '../helpers/ssh-test-user.js';

const USER = 'ciab-ssh-test';

describe.skipIf(!sshdAvailable || !isRoot)(`password and keyboard-interactive logins${sshdSkipReason || testUserSkipReason}`, () => {
  let user: TestUser;
  let passwordSshd: TestSshd;
  let pamSshd: TestSshd;
  let tmp: { dir: string; remove: () => Promise<void> };
  const opts = (sshd: TestSshd, over: Partial<ConnectOptions> = {}): ConnectOptions => ({
    host: sshd.host, port: sshd.port, username: user.name, auth: 'password', password: user.password,
    knownHosts: { appFile: join(tmp.dir, 'known_hosts') }, acceptFingerprint: sshd.hostKeyFingerprint, timeoutMs: 8000, ...over,
  });

  beforeAll(async () => {
    user = await ensureTestUser(USER);
    tmp = await tempDir('password-auth');
    // One server takes passwords (checked against /etc/shadow), the other only keyboard-interactive through PAM.
    [passwordSshd, pamSshd] = await Promise.all([
      startSshd({ passwordAuthentication: true }),
      startSshd({ kbdInteractiveAuthentication: true, usePam: true, extraConfig: ['AuthenticationMethods keyboard-interactive'] }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([passwordSshd?.stop(), pamSshd?.stop()]);
    if (user) await lockTestUser(user.name);
    await tmp?.remove();
  });

  it('logs in with a password', async () => {
    const r = await connectTarget(opts(passwordSshd));
    expect(r.hostKey.status).toBe('accepted');
    expect(r.facts?.hostname).toBeTruthy();
    await settle();
    expect(passwordSshd.log()).toMatch(new RegExp(`Accepted password for ${USER} from 127\\.0\\.0\\.1`));
    expect(passwordSshd.log()).not.toContain(PASSWORD_CANARY);
  });

  it('logs in by keyboard-interactive, answering the PAM password prompt', async () => {
    const r = await connectTarget(opts(pamSshd));
    expect(r.facts?.hostname).toBeTruthy();
    await settle();
    const log = pamSshd.log();
    expect(log).toMatch(new RegExp(`Accepted keyboard-interactive/pam for ${USER} from 127\\.0\\.0\\.1`));
    expect(log).not.toMatch(/Accepted password/);
    expect(log).not.toContain(PASSWORD_CANARY);
  });

  it('reports a wrong password as auth, with the offered methods and PAM prompt, never the password', async () => {
    for (const sshd of [passwordSshd, pamSshd]) {
      const wrong = `${user.password}-wrong`;
      const err = await connectTarget(opts(sshd, { password: wrong })).then(() => null, (e: unknown) => e as SshError);
      expect(err).toBeInstanceOf(SshError);
      expect(err?.kind).toBe('auth');
      expect(err?.message).toContain(`${USER} on ${sshd.host}:${sshd.port}`);
      const text = [JSON.stringify(err), String(err), err?.stack ?? ''].join('\n');
      expect(text).not.toContain(PASSWORD_CANARY);
      if (sshd === pamSshd) {
        expect(err?.message).toContain('The server offers: keyboard-interactive');
        expect(err?.detail).toMatch(/Server prompts: "Password:"/);
      }
    }
  });
});

// sshd's per-connection child writes its last log lines just after the client sees the result.
function settle(): Promise<void> {
  return new Promise((res) => setTimeout(res, 150));
}
