// SPDX-License-Identifier: Apache-2.0
// sudo over a real sshd: passwordless detection (root), a user whose sudo wants a password, the password on stdin only.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshError } from '../../electron/backend/ssh/ssh-error.js';
import { openSession, type SshSession } from '../../electron/backend/ssh/ssh-session.js';
import { detectSudo, sudoExec } from '../../electron/backend/ssh/sudo.js';
import { sshdAvailable, sshdSkipReason, startSshd, type TestSshd } from '../helpers/sshd.js';
import { run, tempDir } from '../helpers/ssh-keys.js';
import { ensureTestUser, isRoot, lockTestUser, PASSWORD_CANARY, sudoAvailable, sudoersDropIn, sudoSkipReason, type TestUser } from '../helpers/ssh-test-user.js';

const USER = 'ciab-sudo-test';
const TRICKY = `it's "quoted" $HOME \`id\` ; echo pwned *`;

describe.skipIf(!sshdAvailable || !isRoot || !sudoAvailable)(`sudo over SSH${sshdSkipReason || sudoSkipReason}`, () => {
  let sshd: TestSshd;
  let tmp: { dir: string; remove: () => Promise<void> };
  let user: TestUser;
  let removeDropIn: () => Promise<void> = async () => undefined;
  let root: SshSession;
  let limited: SshSession;

  beforeAll(async () => {
    user = await ensureTestUser(USER);
    // Needs the password every time (no cached credentials between tests), and no mail about bad passwords.
    removeDropIn = await sudoersDropIn(USER, [`${USER} ALL=(ALL:ALL) ALL`, `Defaults:${USER} timestamp_timeout=0, !mail_badpass`]);
    // DEBUG3: sshd logs every request it gets, so "not in the log" really means "never sent".
    sshd = await startSshd({ logLevel: 'DEBUG3' });
    tmp = await tempDir('sudo');
    const common = {
      host: sshd.host, port: sshd.port, auth: 'key' as const, keyPath: sshd.clientKeyPath,
      knownHosts: { appFile: join(tmp.dir, 'known_hosts') }, acceptFingerprint: sshd.hostKeyFingerprint,
    };
    root = await openSession({ ...common, username: 'root' });
    limited = await openSession({ ...common, username: USER });
  });
  afterAll(async () => {
    await Promise.all([root?.close(), limited?.close()]);
    await removeDropIn();
    if (user) await lockTestUser(user.name);
    await sshd?.stop();
    await tmp?.remove();
  });

  it('detects passwordless sudo for root and runs argv exactly as given', async () => {
    expect(await detectSudo(root)).toMatchObject({ available: true, passwordless: true, needsPassword: false });
    const r = await sudoExec(root, ['printf', '%s|', TRICKY, '', 'two words']);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toBe(`${TRICKY}||two words|`);
    // A password given for a NOPASSWD user is swallowed, not handed to the command's stdin.
    const cat = await sudoExec(root, ['cat'], { password: `${PASSWORD_CANARY}unused`, stdin: 'payload\n' });
    expect(cat.stdout.toString()).toBe('payload\n');
  });

  it('detects that sudo wants a password and refuses to run without one', async () => {
    const info = await detectSudo(limited);
    expect(info).toMatchObject({ available: true, passwordless: false, needsPassword: true });
    expect(info.message).toContain(USER);
    const err = (await sudoExec(limited, ['id', '-u']).catch((e: SshError) => e)) as SshError;
    expect(err.kind).toBe('sudo-password');
    expect(err.message).toContain(`wants a password for ${USER}`);
    expect(err.nextAction).toMatch(/Target screen/);
    expect(err.nextAction).toMatch(/NOPASSWD/);
  });

  it('passes the password on stdin only: works, and never shows in sshd\'s log or any process list', async () => {
    const logBefore = sshd.log().length;
    const seen: string[] = [];
    // While sudo runs `sleep`, take snapshots of this machine's whole process table (the server is this machine).
    const running = sudoExec(limited, ['sh', '-c', 'id -u; ps -eo args; sleep 0.6'], { password: user.password });
    for (let i = 0; i < 8; i++) {
      await new Promise((res) => setTimeout(res, 80));
      seen.push((await run('ps', ['-eo', 'args'])).stdout);
    }
    const r = await running;
    expect(r.code).toBe(0);
    const out = r.stdout.toString();
    expect(out.split('\n')[0]).toBe('0');
    seen.push(out);
    const table = seen.join('\n');
    // ps shows sudo's empty prompt argument as a double space: the password is nowhere near argv.
    expect(table).toMatch(/sudo -S -p {1,2}-- sh -c id -u/);
    expect(table).not.toContain(PASSWORD_CANARY);
    await new Promise((res) => setTimeout(res, 150));
    const log = sshd.log().slice(logBefore);
    expect(log).toMatch(/sudo -S -p/);
    expect(log).not.toContain(PASSWORD_CANARY);
    // The rest of stdin reaches the command, without the password line.
    const cat = await sudoExec(limited, ['cat'], { password: user.password, stdin: 'payload\n' });
    expect(cat.stdout.toString()).toBe('payload\n');
  });

  it('reports a wrong sudo password as sudo-password without repeating it', async () => {
    const wrong = `${user.password}-typo`;
    const err = (await sudoExec(limited, ['true'], { password: wrong }).catch((e: SshError) => e)) as SshError;
    expect(err.kind).toBe('sudo-password');
    expect(err.message).toContain('did not accept');
    expect([JSON.stringify(err), String(err), err.stack ?? ''].join('\n')).not.toContain(PASSWORD_CANARY);
  });
});
