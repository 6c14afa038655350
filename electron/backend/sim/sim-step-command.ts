// SPDX-License-Identifier: Apache-2.0
// Recognises the control channel's exec command on the simulated server: `sh -c '<ciab-step>' ciab-step
// serve STATE`, plain or through sudoCommand (`sudo -n --` or the password wrapper), by parsing its argv.
import { STEP_SCRIPT_VERSION_LINE } from '../deploy/runner/step-agent.js';
import { sudoCommand } from '../ssh/sudo.js';

/** How the serve command reaches the script: as the login user, `sudo -n`, or sudo with the password on stdin. */
export type SimServeVia = 'user' | 'sudo-n' | 'sudo-password';

/** A recognised control channel command. */
export interface SimServeCommand {
  stateDir: string;
  via: SimServeVia;
}

/**
 * Split a command line into words as sh would, for the quoting shellQuote produces: bare words, '…'
 * spans and backslash escapes. Anything that needs expansion, redirection or a second command is null.
 */
export function splitShellWords(line: string): string[] | null {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return null;
      cur += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '\\') {
      if (i + 1 >= line.length || line[i + 1] === '\n') return null;
      cur += line[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else if (/[\n"$`|&;<>(){}*?[\]#~]/.test(c) && !(inWord && /[#~]/.test(c))) {
      return null;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

// The shell part of sudoCommand(…, true), taken from the real function so the two cannot drift apart.
let sudoWrapper: string | null = null;
function passwordWrapper(): string {
  sudoWrapper ??= (splitShellWords(sudoCommand(['x'], true)) ?? [])[2] ?? '';
  return sudoWrapper;
}

/** Any ciab-step v1 exec (one of the forms above): its subcommand and arguments. */
export interface SimStepExec {
  args: string[];
  via: SimServeVia;
}

// `sh -c SCRIPT ciab-step ARGS…` with a ciab-step v1 script (its version line, not its whole text): ARGS.
function stepArgs(argv: readonly string[]): string[] | null {
  const [sh, dashC, script, name] = argv;
  if (sh !== 'sh' || dashC !== '-c' || name !== 'ciab-step' || script === undefined) return null;
  return script.startsWith(`${STEP_SCRIPT_VERSION_LINE}\n`) ? argv.slice(4) : null;
}

/** A ciab-step exec, plain, `sudo -n --` or through the sudo password wrapper; null for anything else. */
export function parseStepExec(command: string): SimStepExec | null {
  const argv = splitShellWords(command.trim());
  if (!argv) return null;
  const wrapped: [string[], SimServeVia][] = [[argv, 'user']];
  if (argv[0] === 'sudo' && argv[1] === '-n' && argv[2] === '--') wrapped.push([argv.slice(3), 'sudo-n']);
  if (argv[0] === 'sh' && argv[1] === '-c' && argv[2] === passwordWrapper() && argv[3] === 'ciab-sudo') wrapped.push([argv.slice(4), 'sudo-password']);
  for (const [inner, via] of wrapped) {
    const args = stepArgs(inner);
    if (args) return { args, via };
  }
  return null;
}

/** The control channel's command, `ciab-step serve STATE` exactly, from a parsed ciab-step exec (else null). */
export function serveCommandOf(exec: SimStepExec): SimServeCommand | null {
  const [sub, state, ...rest] = exec.args;
  return sub === 'serve' && state !== undefined && state !== '' && rest.length === 0 ? { stateDir: state, via: exec.via } : null;
}

/** The control channel's command (plain, `sudo -n --`, or the sudo password wrapper), or null for anything else. */
export function parseServeCommand(command: string): SimServeCommand | null {
  const exec = parseStepExec(command);
  return exec ? serveCommandOf(exec) : null;
}
