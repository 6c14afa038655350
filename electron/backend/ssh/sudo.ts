// SPDX-License-Identifier: Apache-2.0
// sudo on the target: is it passwordless, and running a command as root with the password on stdin only.
import type { ExecOptions, ExecResult } from './remote-exec.js';
import { shellJoin, shellQuote } from './shell-quote.js';
import { sshError, type SshAttempt, type SshError } from './ssh-error.js';

/** What the server's sudo will do for the login user. */
export interface SudoInfo {
  /** sudo exists and may be used (as far as can be told without a password). */
  available: boolean;
  passwordless: boolean;
  needsPassword: boolean;
  /** One sentence for the operator. */
  message: string;
}

/** Anything that runs commands on the target: an SshSession, or a test double. */
export interface CommandRunner {
  readonly target: { host: string; port: number; username: string };
  exec(command: string, opts?: ExecOptions): Promise<ExecResult>;
}

/** Options of sudoExec: the sudo password (stdin only), plus the usual exec options. */
export interface SudoExecOptions extends ExecOptions {
  password?: string;
}

/** Ask `sudo -n true` (never prompts) whether sudo works without a password for the login user. */
export async function detectSudo(session: CommandRunner): Promise<SudoInfo> {
  const user = session.target.username;
  // LC_ALL=C: the messages below are parsed; `true` does not care about the locale.
  const r = await session.exec('LC_ALL=C sudo -n true', { timeoutMs: 15_000 });
  const stderr = r.stderr.toString('utf8');
  if (r.code === 0) {
    return { available: true, passwordless: true, needsPassword: false, message: `sudo works for ${user} without a password.` };
  }
  if (/a password is required/i.test(stderr)) {
    return {
      available: true, passwordless: false, needsPassword: true,
      // sudo -n answers this also for users who may not use sudo at all; only the password tells them apart.
      message: `sudo asks ${user} for a password: give it on the Target screen, or allow ${user} passwordless sudo.`,
    };
  }
  if (r.code === 127 || /sudo: (command )?not found/i.test(stderr)) {
    return { available: false, passwordless: false, needsPassword: false, message: `sudo is not installed on ${session.target.host}.` };
  }
  if (/not in the sudoers|not allowed to run sudo|may not run sudo/i.test(stderr)) {
    return { available: false, passwordless: false, needsPassword: false, message: `${user} may not use sudo on ${session.target.host}.` };
  }
  return { available: false, passwordless: false, needsPassword: false, message: `sudo -n true failed (exit ${r.code ?? 'none'}): ${stderr.trim().slice(0, 300)}` };
}

/** The command line for sudoExec; the password itself never appears in it. */
export function sudoCommand(argv: readonly string[], withPassword: boolean): string {
  if (!argv.length) throw new Error('sudoExec needs a command');
  if (!withPassword) return `sudo -n -- ${shellJoin(argv)}`;
  // With NOPASSWD sudo would not read stdin, and the password line would reach the command's stdin:
  // so the shell eats that line itself in that case. `read` is a builtin: no process ever holds it in argv.
  const script = 'if sudo -n true 2>/dev/null; then IFS= read -r ciab_pw; ciab_pw=; exec sudo -n -- "$@"; fi; ' +
    'exec sudo -S -p \'\' -- "$@"';
  return `sh -c ${shellQuote(script)} ciab-sudo ${shellJoin(argv)}`;
}

/**
 * Run argv as root. Without a password: `sudo -n` (fails with kind `sudo-password` if sudo wants one).
 * With one: `sudo -S -p ''` reading it from stdin, followed by `stdin` if given.
 */
export async function sudoExec(session: CommandRunner, argv: readonly string[], opts: SudoExecOptions = {}): Promise<ExecResult> {
  const { password, ...execOpts } = opts;
  const withPassword = password !== undefined && password !== '';
  if (withPassword && /[\n\r]/.test(password)) throw new Error('a sudo password cannot contain a line break');
  const command = sudoCommand(argv, withPassword);
  const extra = typeof opts.stdin === 'string' ? Buffer.from(opts.stdin) : (opts.stdin ?? Buffer.alloc(0));
  const stdin = withPassword ? Buffer.concat([Buffer.from(`${password}\n`), extra]) : opts.stdin;
  const r = await session.exec(command, { ...execOpts, ...(stdin !== undefined ? { stdin } : {}) });
  const failure = sudoFailure(r, session, argv, withPassword ? password : undefined);
  if (failure) throw failure;
  return r;
}

// sudo's own refusals (exit 1, its `sudo:` lines on stderr) as errors; the command's own exit codes pass through.
function sudoFailure(r: ExecResult, s: CommandRunner, argv: readonly string[], password: string | undefined): SshError | null {
  if (r.code !== 1 && r.code !== 127) return null;
  const stderr = r.stderr.toString('utf8');
  const { host, port, username: user } = s.target;
  const a: SshAttempt = { host, port, username: user, method: 'sudo', secrets: password ? [password] : [] };
  const cmd = shellJoin(argv).slice(0, 200);
  const detail = `sudo ${cmd}: ${stderr.trim().slice(-500)}`;
  const fix = `Enter the sudo password for ${user} on the Target screen (it is passed to sudo on stdin only, never on a command line), ` +
    `or let ${user} use sudo without a password: on the server run \`echo '${user} ALL=(ALL) NOPASSWD: ALL' | sudo tee /etc/sudoers.d/ciab-installer && sudo chmod 440 /etc/sudoers.d/ciab-installer\`, then retry.`;
  if (r.code === 1 && /^sudo: a (terminal is required|password is required)/m.test(stderr)) {
    return sshError('sudo-password', a, `sudo on ${host} wants a password for ${user}, and none was given.`, detail, fix);
  }
  if (r.code === 1 && /^sudo: (\d+ incorrect password attempts?|no password was provided)/m.test(stderr)) {
    return sshError('sudo-password', a, `sudo on ${host} did not accept the password given for ${user}.`, detail, fix);
  }
  if (r.code === 1 && /is not in the sudoers file|is not allowed to execute/.test(stderr)) {
    return sshError('command', a, `${user} may not run \`${cmd}\` with sudo on ${host}.`, detail,
      `Add ${user} to the sudo group on the server (\`usermod -aG sudo ${user}\` as root), or log in as a user who may use sudo.`);
  }
  if (r.code === 127 && /sudo: (command )?not found|sudo: not found/.test(stderr)) {
    return sshError('command', a, `sudo is not installed on ${host}.`, detail, 'Install sudo on the server (`apt-get install sudo` as root), or log in as root.');
  }
  return null;
}

