// SPDX-License-Identifier: Apache-2.0
// The facts command and its parser, including the real /bin/sh running the command on this machine.
import { readFile } from 'node:fs/promises';
import { hostname, release } from 'node:os';
import { describe, expect, it } from 'vitest';
import { FACTS_COMMAND, parseOsRelease, parseServerFacts } from '../../../../electron/backend/ssh/server-facts.js';
import { run } from '../../../helpers/ssh-keys.js';

describe('server facts', () => {
  it('parses the output of the real command run by /bin/sh here', async () => {
    const r = await run('/bin/sh', ['-c', FACTS_COMMAND]);
    expect(r.code).toBe(0);
    const osRelease = parseOsRelease(await readFile('/etc/os-release', 'utf8'));
    expect(parseServerFacts(r.stdout)).toEqual({ hostname: hostname(), kernel: release(), os: osRelease.PRETTY_NAME });
  });

  it('falls back to NAME VERSION, and to unknown, when fields are missing', () => {
    const out = (osr: string) =>
      `@@ciab-facts:hostname\nnode-7\n@@ciab-facts:kernel\n6.8.0-1-generic\n@@ciab-facts:os-release\n${osr}@@ciab-facts:end\n`;
    expect(parseServerFacts(out('NAME="Ubuntu"\nVERSION="24.04.1 LTS (Noble Numbat)"\n')).os).toBe('Ubuntu 24.04.1 LTS (Noble Numbat)');
    expect(parseServerFacts(out('')).os).toBe('unknown');
    expect(parseServerFacts('')).toEqual({ hostname: 'unknown', kernel: 'unknown', os: 'unknown' });
    // Windows line endings from odd shells must not leak \r into the facts.
    expect(parseServerFacts(out('PRETTY_NAME="X 1"\n').replace(/\n/g, '\r\n'))).toEqual({ hostname: 'node-7', kernel: '6.8.0-1-generic', os: 'X 1' });
  });

  it('unquotes os-release values the way the spec says', () => {
    expect(parseOsRelease('A="a \\"q\\" \\$x"\nB=\'single\'\nC=bare\n# comment\nbad line\n')).toEqual({
      A: 'a "q" $x',
      B: 'single',
      C: 'bare',
    });
  });
});
