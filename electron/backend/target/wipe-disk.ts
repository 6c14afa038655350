// SPDX-License-Identifier: Apache-2.0
// Runs the wipe commands a hardware check offered for one disk, in order, stopping at the first
// failure with its output. sudo gets the operator's password on stdin only, never in a command.
import { shellQuote } from '../ssh/shell-quote.js';
import type { ExecResult, SshSession } from '../ssh/ssh-session.js';

const NEEDS_PASSWORD = /a password is required|incorrect password|try again/i;

/** Thrown when one of the wipe commands fails: names the command, its exit code and output. */
export class WipeError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly lastLines: string[],
    readonly nextAction: string,
  ) {
    super(`${command} exited with ${exitCode ?? 'no status'}`);
    this.name = 'WipeError';
  }
}

const SUDO_N = /^sudo -n (?:-- )?/;
const PLAIN = /^[A-Za-z0-9_./=:+-]+( [A-Za-z0-9_./=:+-]+)*$/;

/** The command for sudo reading the password from stdin: plain words stay as they are, anything else via sh -c. */
export function withStdinSudo(command: string): string {
  const rest = command.replace(SUDO_N, '');
  return PLAIN.test(rest) ? `sudo -S -p '' -- ${rest}` : `sudo -S -p '' -- sh -c ${shellQuote(rest)}`;
}

/** Runs `commands` on the target, in order. Each starts with `sudo -n`; when sudo asks for a
 *  password and the operator gave one, that command runs again with the password on stdin. */
export async function wipeDisk(session: Pick<SshSession, 'exec'>, disk: string, commands: string[], sudoPassword?: string): Promise<{ wiped: string }> {
  if (commands.length === 0) throw new WipeError(`wipe ${disk}`, null, [], 'Probe again: this disk has no wipe commands any more.');
  for (const command of commands) {
    // LC_ALL=C: sudo's "a password is required" is matched below, and must not be translated.
    let r: ExecResult = await session.exec(`LC_ALL=C ${command}`, { timeoutMs: 60_000 });
    // Only after sudo -n said it needs one: a NOPASSWD sudo never gets the password on its stdin.
    if (r.code !== 0 && sudoPassword && SUDO_N.test(command) && NEEDS_PASSWORD.test(r.stderr.toString('utf8'))) {
      if (/[\n\r]/.test(sudoPassword)) throw new WipeError(command, null, [], 'A sudo password cannot contain a line break.');
      r = await session.exec(`LC_ALL=C ${withStdinSudo(command)}`, { timeoutMs: 60_000, stdin: `${sudoPassword}\n` });
    }
    if (r.code !== 0) {
      const output = `${r.stdout.toString('utf8')}${r.stderr.toString('utf8')}`.trim().split('\n').slice(-20);
      const needsPassword = NEEDS_PASSWORD.test(output.join('\n'));
      throw new WipeError(
        command,
        r.code,
        output,
        needsPassword
          ? sudoPassword
            ? 'sudo did not accept the password: check it and try again, or allow passwordless sudo for the install user.'
            : 'sudo needs a password for this user: enter it in the wipe dialog, or allow passwordless sudo for the install user, then try again.'
          : `Nothing after this command ran. Check ${disk} on the server (lsblk ${disk}; sudo wipefs ${disk}), then probe again.`,
      );
    }
  }
  return { wiped: disk };
}
