// SPDX-License-Identifier: Apache-2.0
// What we render, checked by the real tools that will read it on the server: ansible-inventory
// parses the inventory, yamllint (relaxed) accepts every YAML file, netplan generates networkd
// units from our netplan, and ansible-vault decrypts every secrets file with the vault password.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GOLDEN_VAULT_PASSWORD, renderExample, writeExample } from '../../helpers/render-tree.js';

const run = promisify(execFile);
const TYPES = ['sandbox', 'edge', 'kubernetes'] as const;

describe.each(TYPES)('real tools on the render of examples/site-%s.yaml', (type) => {
  const result = renderExample(type);
  const site = parse(result.files.find((f) => f.path === 'ciab/site.yaml')!.content) as { node: { hostname: string }; networks: { internal: { address: string } } };
  let tree: Promise<string> | null = null;
  const dir = () => (tree ??= writeExample(result));

  it('ansible-inventory resolves the node, its groups and host vars', async () => {
    const { stdout } = await run('ansible-inventory', ['-i', path.join(await dir(), 'inventory'), '--list'], { env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
    const inv = JSON.parse(stdout) as Record<string, { hosts?: string[]; children?: string[]; hostvars?: Record<string, Record<string, unknown>> }>;
    const host = site.node.hostname;
    const groupsOf = Object.entries(inv).filter(([g, v]) => g !== '_meta' && v.hosts?.includes(host)).map(([g]) => g);
    expect(groupsOf.length).toBeGreaterThan(0);
    if (type === 'kubernetes') expect(groupsOf).toEqual(expect.arrayContaining(['control']));
    else expect(groupsOf).toEqual(expect.arrayContaining(['manager', 'control', 'compute', 'network']));
    expect(inv._meta?.hostvars?.[host]).toMatchObject({ ansible_host: site.networks.internal.address });
  });

  it('yamllint (relaxed) accepts every YAML file', async () => {
    const files = result.files.filter((f) => /\.ya?ml$/.test(f.path)).map((f) => f.path);
    expect(files.length).toBeGreaterThan(3);
    const r = await run('yamllint', ['-f', 'parsable', '-d', 'relaxed', ...files], { cwd: await dir() }).catch((e: { stdout: string; code: number }) => e);
    const errors = ('stdout' in r ? r.stdout : '').split('\n').filter((l) => l.includes('[error]'));
    expect(errors).toEqual([]);
  });

  it('netplan generate accepts the rendered netplan', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ciab-netplan-'));
    mkdirSync(path.join(root, 'etc', 'netplan'), { recursive: true });
    cpSync(path.join(await dir(), 'host', 'etc', 'netplan'), path.join(root, 'etc', 'netplan'), { recursive: true });
    await run('netplan', ['generate', '--root-dir', root]);
    const units = readdirSync(path.join(root, 'run', 'systemd', 'network'));
    expect(units.some((u) => u.endsWith('.network') && u.includes('vlan'))).toBe(true);
  });

  it('ansible-vault decrypts every secrets file to the generated secrets', async () => {
    const pass = path.join(mkdtempSync(path.join(tmpdir(), 'ciab-vault-')), 'pass');
    writeFileSync(pass, GOLDEN_VAULT_PASSWORD, { mode: 0o600 });
    const vaulted = result.files.filter((f) => f.secret === 'vault');
    expect(vaulted.length).toBeGreaterThan(0);
    for (const f of vaulted) {
      const { stdout } = await run('ansible-vault', ['view', '--vault-password-file', pass, path.join(await dir(), f.path)]);
      const plain = parse(stdout, { version: '1.1' }) as Record<string, unknown>;
      for (const [k, v] of Object.entries(result.secrets[f.path] ?? {})) expect(plain[k], `${f.path} ${k}`).toEqual(v);
    }
  });
});
