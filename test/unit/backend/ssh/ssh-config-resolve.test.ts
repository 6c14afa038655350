// SPDX-License-Identifier: Apache-2.0
// resolveTarget on real config files: aliases, patterns, Include, Match, tokens, ProxyJump chains and loops.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJumpSpec, resolveTarget } from '../../../../electron/backend/ssh/ssh-config-resolve.js';
import { SshError } from '../../../../electron/backend/ssh/ssh-error.js';
import { tempDir } from '../../../helpers/ssh-keys.js';

describe('resolveTarget', () => {
  let tmp: { dir: string; remove: () => Promise<void> };
  let home: string;
  const env = () => ({ HOME: home, USER: 'operator', CIAB_KEYS: '/keys' });
  // Each test writes its own config file; Include paths are relative to its directory (~/.ssh).
  const withConfig = async (name: string, lines: string[]) => {
    const file = join(home, '.ssh', name);
    await writeFile(file, `${lines.join('\n')}\n`);
    return { configFile: file, env: env() };
  };
  const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as SshError);

  beforeAll(async () => {
    tmp = await tempDir('ssh-config');
    home = join(tmp.dir, 'home');
    await mkdir(join(home, '.ssh', 'conf.d'), { recursive: true });
  });
  afterAll(async () => tmp?.remove());

  it('takes the target as typed when there is no config file', async () => {
    const r = await resolveTarget({ host: '10.0.0.5' }, { configFile: join(home, 'nope'), env: env() });
    expect(r).toEqual({ host: '10.0.0.5', port: 22, username: 'operator', identityFiles: [], alias: null, proxyJump: null });
  });

  it('applies an alias, expanding ~, %-tokens and ${VAR} in IdentityFile; typed values win', async () => {
    const o = await withConfig('alias', [
      'Host ciab',
      '  HostName 192.0.2.10',
      '  Port 2222',
      '  User ubuntu',
      '  IdentityFile ~/.ssh/id_%h_%r_%p',
      '  IdentityFile ${CIAB_KEYS}/%n-%u-100%%',
      'Host *',
      '  User fallback',
      '  IdentityFile ~/.ssh/id_default',
    ]);
    expect(await resolveTarget({ host: 'CIAB' }, o)).toEqual({
      host: '192.0.2.10', port: 2222, username: 'ubuntu', alias: 'CIAB', proxyJump: null,
      identityFiles: [`${home}/.ssh/id_192.0.2.10_ubuntu_2222`, '/keys/CIAB-operator-100%', `${home}/.ssh/id_default`],
    });
    const typed = await resolveTarget({ host: 'ciab', port: 22, username: 'admin', keyPath: '~/k' }, o);
    expect(typed).toMatchObject({ host: '192.0.2.10', port: 22, username: 'admin' });
    expect(typed.identityFiles).toEqual([`${home}/k`, `${home}/.ssh/id_192.0.2.10_admin_22`, '/keys/ciab-operator-100%', `${home}/.ssh/id_default`]);
    // Host * applies to any address, which does not make it an alias.
    expect(await resolveTarget({ host: '198.51.100.7' }, o)).toMatchObject({ username: 'fallback', alias: null });
  });

  it('honours Host pattern lists with negation and first-match-wins order', async () => {
    const o = await withConfig('patterns', [
      'Host *.lab !dirty.lab',
      '  User labuser',
      '  Port 2200',
      'Host *',
      '  Port 22',
    ]);
    expect(await resolveTarget({ host: 'node1.lab' }, o)).toMatchObject({ username: 'labuser', port: 2200 });
    expect(await resolveTarget({ host: 'dirty.lab' }, o)).toMatchObject({ username: 'operator', port: 22 });
  });

  it('splices Include files (globs, relative to ~/.ssh), and conditional Includes inside Host blocks', async () => {
    await writeFile(join(home, '.ssh', 'conf.d', '10-site.conf'), 'Host site-a\n  HostName 203.0.113.1\n');
    await writeFile(join(home, '.ssh', 'conf.d', '20-site.conf'), 'Host site-b\n  HostName 203.0.113.2\n');
    await writeFile(join(home, '.ssh', 'conf.d', 'ignored.txt'), 'Host site-a\n  HostName 0.0.0.0\n');
    await writeFile(join(home, '.ssh', 'inner.conf'), 'User inner\nHost other\n  User other\n');
    const o = await withConfig('includes', [
      'Include conf.d/*.conf',
      'Host site-b',
      '  Include inner.conf',
      '  Port 2022',
      'Host site-a',
      `  Include ${join(home, '.ssh', 'missing.conf')}`,
    ]);
    expect(await resolveTarget({ host: 'site-a' }, o)).toMatchObject({ host: '203.0.113.1', username: 'operator', port: 22 });
    // The included plain `User` applies inside the matching block; the lines after the Include still do.
    expect(await resolveTarget({ host: 'site-b' }, o)).toMatchObject({ host: '203.0.113.2', username: 'inner', port: 2022 });
    // Blocks inside an Include under a Host block that does not match never apply (OpenSSH's NEVERMATCH).
    expect(await resolveTarget({ host: 'other' }, o)).toMatchObject({ username: 'operator' });
  });

  it('evaluates Match host/user best effort, and never runs Match exec', async () => {
    const marker = join(tmp.dir, 'exec-ran');
    const o = await withConfig('match', [
      `Match exec "touch ${marker}"`,
      '  User fromexec',
      'Match host 10.1.*',
      '  User matched',
      '  Port 2201',
    ]);
    expect(await resolveTarget({ host: '10.1.2.3' }, o)).toMatchObject({ username: 'matched', port: 2201 });
    expect(await resolveTarget({ host: '10.2.0.1' }, o)).toMatchObject({ username: 'operator', port: 22 });
    expect(existsSync(marker)).toBe(false);
  });

  it('resolves ProxyJump chains: forms, aliases as hops, and only the first hop\'s own ProxyJump', async () => {
    const o = await withConfig('jumps', [
      'Host target',
      '  HostName 10.9.0.5',
      '  ProxyJump bastion,ops@[2001:db8::1]:2200',
      'Host bastion',
      '  HostName 198.51.100.1',
      '  User jumper',
      '  IdentityFile ~/.ssh/bastion_key',
      '  ProxyJump ssh://edge@gateway.example:2022',
      'Host 2001:db8::1',
      '  ProxyJump never-used',
      'Host direct',
      '  ProxyJump none',
    ]);
    const r = await resolveTarget({ host: 'target' }, o);
    expect(r.proxyJump).toEqual([
      { host: 'gateway.example', port: 2022, username: 'edge', identityFiles: [], alias: null },
      { host: '198.51.100.1', port: 22, username: 'jumper', identityFiles: [`${home}/.ssh/bastion_key`], alias: 'bastion' },
      { host: '2001:db8::1', port: 2200, username: 'ops', identityFiles: [], alias: '2001:db8::1' },
    ]);
    expect((await resolveTarget({ host: 'direct' }, o)).proxyJump).toBeNull();
  });

  it('stops ProxyJump loops, including a catch-all that jumps through itself', async () => {
    const loop = await withConfig('loop', ['Host a', '  ProxyJump b', 'Host b', '  ProxyJump a']);
    const e = await failure(resolveTarget({ host: 'a' }, loop));
    expect(e).toBeInstanceOf(SshError);
    expect(e).toMatchObject({ kind: 'config' });
    expect(e?.message).toContain('a -> b -> a');
    const catchAll = await withConfig('catch-all', ['Host *', '  ProxyJump bastion']);
    expect((await failure(resolveTarget({ host: 'server' }, catchAll)))?.message).toContain('server -> bastion -> bastion');
    const fixed = await withConfig('catch-all-fixed', ['Host * !bastion', '  ProxyJump bastion']);
    expect((await resolveTarget({ host: 'server' }, fixed)).proxyJump).toEqual([
      { host: 'bastion', port: 22, username: 'operator', identityFiles: [], alias: null },
    ]);
  });

  it('refuses ProxyCommand and impossible ports with a config error', async () => {
    const o = await withConfig('bad', ['Host pc', '  ProxyCommand nc %h %p', 'Host badport', '  Port 99999']);
    expect(await failure(resolveTarget({ host: 'pc' }, o))).toMatchObject({ kind: 'config', message: expect.stringContaining('ProxyCommand') });
    expect(await failure(resolveTarget({ host: 'badport' }, o))).toMatchObject({ kind: 'config', message: expect.stringContaining('99999') });
  });
});

describe('parseJumpSpec', () => {
  it.each([
    ['host', { host: 'host' }],
    ['user@host', { user: 'user', host: 'host' }],
    ['user@host:2222', { user: 'user', host: 'host', port: 2222 }],
    ['ssh://u@h:1', { user: 'u', host: 'h', port: 1 }],
    ['[::1]:2200', { host: '::1', port: 2200 }],
    ['fe80::1', { host: 'fe80::1' }],
  ])('parses %s', (raw, want) => {
    expect(parseJumpSpec(raw)).toEqual(want);
  });
});
