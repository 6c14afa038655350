// SPDX-License-Identifier: Apache-2.0
// sudo command lines and the reading of sudo's answers, with a recording stand-in for the SSH session.
import { describe, expect, it } from 'vitest';
import type { ExecOptions, ExecResult } from '../../../../electron/backend/ssh/remote-exec.js';
import { SshError } from '../../../../electron/backend/ssh/ssh-error.js';
import { detectSudo, sudoCommand, sudoExec, type CommandRunner } from '../../../../electron/backend/ssh/sudo.js';

const SECRET = 'sudo-pw-canary-91';

// Answers every exec with one canned result and remembers what it was asked.
function fakeRunner(answer: Partial<{ code: number | null; stdout: string; stderr: string }>) {
  const calls: { command: string; opts: ExecOptions }[] = [];
  const runner: CommandRunner = {
    target: { host: '10.0.0.5', port: 22, username: 'ubuntu' },
    async exec(command, opts = {}): Promise<ExecResult> {
      calls.push({ command, opts });
      return { code: answer.code ?? 0, signal: null, stdout: Buffer.from(answer.stdout ?? ''), stderr: Buffer.from(answer.stderr ?? '') };
    },
  };
  return { runner, calls };
}

describe('sudoCommand', () => {
  it('uses sudo -n with every argument quoted', () => {
    expect(sudoCommand(['apt-get', 'install', '-y', 'chrony'], false)).toBe('sudo -n -- apt-get install -y chrony');
    expect(sudoCommand(['sh', '-c', 'echo $HOME; id'], false)).toBe("sudo -n -- sh -c 'echo $HOME; id'");
    expect(() => sudoCommand([], false)).toThrow(/needs a command/);
  });

  it('with a password, reads it with sudo -S -p \'\' from stdin and swallows it if sudo does not ask', () => {
    const cmd = sudoCommand(['systemctl', 'restart', 'ssh'], true);
    expect(cmd).toMatch(/^sh -c '.*' ciab-sudo systemctl restart ssh$/);
    expect(cmd).toContain("exec sudo -S -p '\\'''\\'' -- \"$@\"");
    expect(cmd).toContain('if sudo -n true 2>/dev/null; then IFS= read -r ciab_pw;');
  });
});

describe('sudoExec', () => {
  it('sends the password as the first stdin line and nowhere else', async () => {
    const { runner, calls } = fakeRunner({ stdout: 'ok' });
    await sudoExec(runner, ['tee', '/etc/ciab.conf'], { password: SECRET, stdin: 'content\n', timeoutMs: 5000 });
    const [call] = calls;
    expect(call?.command).not.toContain(SECRET);
    expect(call?.opts.stdin?.toString()).toBe(`${SECRET}\ncontent\n`);
    expect(call?.opts.timeoutMs).toBe(5000);
    expect(JSON.stringify({ ...call?.opts, stdin: undefined })).not.toContain(SECRET);
  });

  it('refuses passwords with line breaks (they would spill into the command\'s stdin)', async () => {
    const { runner } = fakeRunner({});
    await expect(sudoExec(runner, ['true'], { password: 'a\nb' })).rejects.toThrow(/line break/);
  });

  it.each([
    [{ code: 1, stderr: 'sudo: a password is required\n' }, 'sudo-password', /wants a password for ubuntu/],
    [{ code: 1, stderr: 'Sorry, try again.\nsudo: no password was provided\nsudo: 1 incorrect password attempt\n' }, 'sudo-password', /did not accept/],
    [{ code: 1, stderr: 'ubuntu is not in the sudoers file.  This incident will be reported.\n' }, 'command', /may not run/],
    [{ code: 127, stderr: 'bash: line 1: sudo: command not found\n' }, 'command', /not installed/],
  ])('maps sudo\'s refusal %j to kind %s', async (answer, kind, message) => {
    const { runner } = fakeRunner(answer);
    const err = (await sudoExec(runner, ['true'], { password: SECRET }).catch((e: unknown) => e)) as SshError;
    expect(err).toBeInstanceOf(SshError);
    expect(err).toMatchObject({ kind, host: '10.0.0.5' });
    expect(err.message).toMatch(message);
    expect(JSON.stringify(err)).not.toContain(SECRET);
  });

  it('explains both ways out when sudo wants a password', async () => {
    const { runner } = fakeRunner({ code: 1, stderr: 'sudo: a password is required\n' });
    const err = (await sudoExec(runner, ['id']).catch((e: unknown) => e)) as SshError;
    expect(err.nextAction).toContain('sudo password for ubuntu on the Target screen');
    expect(err.nextAction).toContain("echo 'ubuntu ALL=(ALL) NOPASSWD: ALL' | sudo tee /etc/sudoers.d/ciab-installer");
  });

  it('passes the command\'s own failures through as results', async () => {
    const { runner } = fakeRunner({ code: 1, stderr: 'E: Unable to locate package nope\n' });
    const r = await sudoExec(runner, ['apt-get', 'install', 'nope']);
    expect(r.code).toBe(1);
  });
});

describe('detectSudo', () => {
  it.each([
    [{ code: 0 }, { available: true, passwordless: true, needsPassword: false }],
    [{ code: 1, stderr: 'sudo: a password is required\n' }, { available: true, passwordless: false, needsPassword: true }],
    [{ code: 127, stderr: 'sh: 1: sudo: not found\n' }, { available: false, passwordless: false, needsPassword: false }],
    [{ code: 1, stderr: 'sudo: account validation failure, is your account locked?\n' }, { available: false, passwordless: false }],
  ])('reads %j', async (answer, want) => {
    const { runner, calls } = fakeRunner(answer);
    expect(await detectSudo(runner)).toMatchObject(want);
    expect(calls[0]?.command).toBe('LC_ALL=C sudo -n true');
  });
});
