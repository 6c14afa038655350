// SPDX-License-Identifier: Apache-2.0
// The root commands the simulated server understands — exactly the disk-wipe steps and `true`,
// via `sudo -n` or `sudo -S -p ''` (password on stdin) — and what sudo says when it wants a password.
import type { SimCommandResult } from './sim-commands.js';
import type { SimHardwareState } from './sim-hardware-state.js';

/** Runs one recognised command against the state (deferred, so a list with an unknown part runs nothing). */
export type SimCommandThunk = () => SimCommandResult;

/** The first stdin line of the exec, when the command line uses `sudo -S` (else null). */
export interface SimSudoInput {
  password: string | null;
}

// [LC_ALL=C] sudo -n | sudo -S -p '' (or -p ""), optionally followed by "--".
const SUDO = /^(?:LC_ALL=C\s+)?sudo\s+(-n|-S\s+-p\s+(?:''|""))\s+(?:--\s+)?(.+)$/;
const DEV = `'?(/dev/[A-Za-z0-9_-]+)'?`;
const VG = `'?([A-Za-z0-9+_.][A-Za-z0-9+_.-]*)'?`;
const ROOT_COMMANDS: [RegExp, (s: SimHardwareState, arg: string) => SimCommandResult][] = [
  [/^true$/, () => ({ stdout: '', stderr: '', exitCode: 0 })],
  [new RegExp(`^wipefs\\s+--all\\s+--force\\s+${DEV}$`), (s, dev) => s.wipe(dev)],
  [new RegExp(`^blockdev\\s+--rereadpt\\s+${DEV}$`), (s, dev) => s.rereadPartitions(dev)],
  [new RegExp(`^vgchange\\s+-an\\s+${VG}$`), (s, vg) => s.deactivateVg(vg)],
];

/** Does this command line read a sudo password from stdin in this scenario? */
export function wantsSudoPassword(state: SimHardwareState, line: string): boolean {
  return state.sudoNeedsPassword && /(^|[;\n])\s*(?:LC_ALL=C\s+)?sudo\s+-S\s/.test(line);
}

/** A recognised root command, or undefined (the caller answers 127 "not part of this scenario"). */
export function resolveRootCommand(state: SimHardwareState, part: string, input: SimSudoInput): SimCommandThunk | undefined {
  const m = SUDO.exec(part.trim().replace(/\s+/g, ' '));
  if (!m) return undefined;
  const viaStdin = (m[1] as string).startsWith('-S');
  const inner = m[2] as string;
  for (const [re, run] of ROOT_COMMANDS) {
    const c = re.exec(inner);
    if (!c) continue;
    return () => {
      if (state.sudoNeedsPassword && !viaStdin) return { stdout: '', stderr: 'sudo: a password is required\n', exitCode: 1 };
      if (state.sudoNeedsPassword && !input.password) {
        return { stdout: '', stderr: 'sudo: no password was provided\nsudo: a password is required\n', exitCode: 1 };
      }
      return run(state, c[1] ?? '');
    };
  }
  return undefined;
}
