// SPDX-License-Identifier: Apache-2.0
// shellQuote/shellJoin: every argument survives a real POSIX shell (dash and bash) as exactly one word.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shellJoin, shellQuote } from '../../../../electron/backend/ssh/shell-quote.js';

const SHELLS = ['/bin/sh', '/bin/bash'].filter((s) => existsSync(s));

// printf '%s\0' prints each word NUL-terminated: the shell's word splitting is what we check.
function throughShell(shell: string, args: string[]): string[] {
  const out = execFileSync(shell, ['-c', `printf '%s\\0' ${shellJoin(args)}`], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent' } });
  return out.split('\0').slice(0, -1);
}

describe('shellQuote', () => {
  it('leaves plain words readable and quotes everything else', () => {
    expect(shellQuote('apt-get')).toBe('apt-get');
    expect(shellQuote('/etc/netplan/50-ciab.yaml')).toBe('/etc/netplan/50-ciab.yaml');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('A=b')).toBe("'A=b'");
    expect(shellQuote('~')).toBe("'~'");
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
  });

  it.each(SHELLS)('round-trips hostile arguments through %s', (shell) => {
    const hostile = [
      '', ' ', "'", '"', '\\', '$HOME', '${PATH}', '`id`', '$(id)', '; rm -rf /tmp/nope', '&& echo pwned', '| cat', '> /tmp/x',
      '*', '?', '[a-z]', '~', '~root', '#comment', 'new\nline', 'tab\there', '!event', '{a,b}', 'A=b', '-n', '--', 'üñï©ødé ✓',
      "it's \"mixed\" \\ quoting",
    ];
    expect(throughShell(shell, hostile)).toEqual(hostile);
  });

  it.each(SHELLS)('round-trips random printable strings through %s', (shell) => {
    const args = Array.from({ length: 40 }, () => {
      const bytes = randomBytes(24);
      // Printable ASCII plus newline and tab: everything a shell might treat specially.
      return [...bytes].map((b) => (b % 11 === 0 ? '\n' : b % 13 === 0 ? '\t' : String.fromCharCode(32 + (b % 95)))).join('');
    });
    expect(throughShell(shell, args)).toEqual(args);
  });
});
