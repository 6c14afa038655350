// SPDX-License-Identifier: Apache-2.0
// Local Unix users for password, keyboard-interactive and sudo tests (root only): created once, random password per run.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { run } from './ssh-keys.js';

/** Whether this process may create users, set passwords and write /etc/sudoers.d. */
export const isRoot = process.getuid?.() === 0;
// On CI these tests must run: a non-root CI is a broken setup, not a reason to skip.
if (!isRoot && process.env.CI) throw new Error('SSH password/sudo tests need root on CI (useradd, chpasswd, /etc/sudoers.d)');
/** Appended to describe names so a skipped run says why. */
export const testUserSkipReason = isRoot ? '' : ' (skipped: needs root to create a local test user)';

/** Whether sudo is installed here (Debian package `sudo`). */
export const sudoAvailable = existsSync('/usr/bin/sudo');
if (!sudoAvailable && process.env.CI) throw new Error('/usr/bin/sudo is missing on CI: .ci/run must install sudo');
/** Appended to describe names so a skipped run says why. */
export const sudoSkipReason = sudoAvailable ? testUserSkipReason : ' (skipped: sudo missing; apt-get install sudo)';

/** A local user with a freshly set password. */
export interface TestUser {
  name: string;
  /** Random, with a recognisable prefix so leak checks can search for it. */
  password: string;
}

/** Prefix of every test password: a canary that must never show up in logs, process lists or errors. */
export const PASSWORD_CANARY = 'ciab-canary-';

/** Create `name` (home, bash) if missing and give it a new random password. Each test file uses its own user. */
export async function ensureTestUser(name: string): Promise<TestUser> {
  if (!/^ciab-[a-z-]+$/.test(name)) throw new Error(`refusing to touch a user not named ciab-*: ${name}`);
  if ((await run('/usr/bin/id', ['-u', name])).code !== 0) {
    const added = await run('/usr/sbin/useradd', ['-m', '-s', '/bin/bash', name]);
    if (added.code !== 0) throw new Error(`useradd ${name} failed: ${added.stderr}`);
  }
  const password = `${PASSWORD_CANARY}${randomBytes(9).toString('base64url')}`;
  await chpasswd(name, password);
  return { name, password };
}

/** Lock the password again after the tests (the account stays for the next run). */
export async function lockTestUser(name: string): Promise<void> {
  await run('/usr/sbin/usermod', ['-L', name]);
}

/** Install /etc/sudoers.d/<name> with these lines (checked by visudo first); returns its remover. */
export async function sudoersDropIn(name: string, lines: string[]): Promise<() => Promise<void>> {
  const file = `/etc/sudoers.d/${name}`;
  const tmp = `/etc/sudoers.d/.${name}.tmp`;
  await writeFile(tmp, `${lines.join('\n')}\n`, { mode: 0o440 });
  const check = await run('/usr/sbin/visudo', ['-c', '-f', tmp]);
  if (check.code !== 0) {
    await rm(tmp, { force: true });
    throw new Error(`visudo rejected the test drop-in: ${check.stdout}${check.stderr}`);
  }
  // Rename, so sudo never reads a half-written rule.
  await rename(tmp, file);
  return () => rm(file, { force: true });
}

// chpasswd reads `user:password` on stdin: the password never appears in a process list.
function chpasswd(name: string, password: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn('/usr/sbin/chpasswd', [], { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`chpasswd failed (${code}): ${err}`))));
    p.stdin.end(`${name}:${password}\n`);
  });
}
