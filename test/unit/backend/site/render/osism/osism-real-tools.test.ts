// SPDX-License-Identifier: Apache-2.0
// The rendered repository checked by the real tools that read it on the manager: ansible-inventory
// (both inventories), yamllint (relaxed) over every YAML file, netplan over the network
// variables, and Ansible itself templating the variables (so `!unsafe` text stays literal).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { RenderedFile } from '../../../../../../electron/backend/site/render/render-types.js';
import type { ResolvedSite } from '../../../../../../electron/backend/site/site-types.js';
import { exampleSite } from '../../../../../helpers/site-fixtures.js';
import { example, render, resolve, TYPES, unvault, yamlOf } from './osism-fixtures.js';

const run = promisify(execFile);
const ENV = { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCAL_TEMP: '/tmp/ciab-ansible-tmp', ANSIBLE_HOME: '/tmp/ciab-ansible-home' };

/** Writes the files into a fresh directory (vault files as their plaintext when `plain`). */
function writeTree(files: RenderedFile[], plain = false): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ciab-osism-'));
  for (const f of files) {
    const full = path.join(dir, f.path);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, plain && f.secret === 'vault' ? unvault(f.content) : f.content, { mode: f.mode });
  }
  return dir;
}

type Inventory = Record<string, { hosts?: string[]; children?: string[] }> & { _meta: { hostvars: Record<string, Record<string, unknown>> } };

async function inventory(source: string): Promise<Inventory> {
  const { stdout } = await run('ansible-inventory', ['-i', source, '--list'], { env: ENV });
  return JSON.parse(stdout) as Inventory;
}

function groupsOf(inv: Inventory, host: string): string[] {
  return Object.entries(inv)
    .filter(([g, v]) => g !== '_meta' && (v as { hosts?: string[] }).hosts?.includes(host))
    .map(([g]) => g)
    .sort();
}

const SITES: [string, () => ResolvedSite][] = [
  ...TYPES.map((t) => [t, () => example(t)] as [string, () => ResolvedSite]),
  [
    'sandbox with hostile operator text',
    () =>
      resolve({
        ...exampleSite('sandbox'),
        operator: { ssh_keys: [`ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq8j1yJ7Q2x0bXk3c1c9wH4kQ0rJ0p8mV2m3f0b1aZ2 o"p' $(id) {{ lookup('pipe','id') }} ü🚀`] },
        registry: { host: 'reg.site.lan:5000', username: 'u{{ x }}"' },
      }),
  ],
];

describe.each(SITES)('real tools on the OSISM repository of %s', (_name, siteOf) => {
  const site = siteOf();
  const files = render(site, { registryPassword: 'pw "{{ nope }}" $(x)\nü' });
  const dir = writeTree(files);
  const host = site.node.hostname;

  it('ansible-inventory puts the node in the role groups of its type with its host vars', async () => {
    const inv = await inventory(path.join(dir, 'inventory'));
    const expected = site.type === 'kubernetes' ? ['control', 'generic', 'manager'] : ['ceph-control', 'ceph-resource', 'compute', 'control', 'generic', 'manager', 'monitoring', 'network'];
    expect(groupsOf(inv, host)).toEqual(expected);
    const vars = inv._meta.hostvars[host]!;
    expect(vars).toMatchObject({ node_id: site.node.id, ansible_host: site.networks.internal.address, network_internal_interface: `vlan${site.networks.internal.vlan}` });
    expect(vars.docker_registry_kolla).toBe(site.registry.host);
    if (site.type === 'kubernetes') expect(vars.lvm_volumes).toBeUndefined();
    else {
      expect(vars.lvm_volumes).toHaveLength(site.storage!.osd_volumes);
      // 99-overwrite: every Ceph daemon group takes ceph-resource as its child.
      for (const g of ['ceph-mon', 'ceph-mds', 'ceph-osd', 'ceph-rgw']) expect(inv[g]?.children, g).toEqual(['ceph-resource']);
    }
  });

  it("ansible-inventory reads the manager environment's own inventory", async () => {
    const inv = await inventory(path.join(dir, 'environments', 'manager', 'hosts'));
    expect(groupsOf(inv, host)).toEqual(['manager']);
    expect(inv._meta.hostvars[host]).toMatchObject({ node_id: site.node.id, ansible_host: 'localhost', network_mgmt_interface: site.management.interface });
  });

  it('yamllint (relaxed) finds no error in any YAML file', async () => {
    const yml = files.filter((f) => f.path.endsWith('.yml')).map((f) => f.path);
    expect(yml.length).toBeGreaterThan(10);
    const r = await run('yamllint', ['-f', 'parsable', '-d', 'relaxed', ...yml], { cwd: dir }).then(
      (ok) => ({ code: 0, stdout: ok.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    expect(r.stdout.split('\n').filter((l) => l.includes('[error]'))).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('netplan generates networkd units from the network variables', async () => {
    const net = yamlOf(files, 'inventory/group_vars/generic/network.yml');
    // What osism.commons.network writes: the variables under network:, with the link templated.
    const vlans = JSON.parse(JSON.stringify(net.network_vlans).replaceAll('{{ network_mgmt_interface }}', site.management.interface)) as unknown;
    const root = mkdtempSync(path.join(tmpdir(), 'ciab-osism-netplan-'));
    mkdirSync(path.join(root, 'etc', 'netplan'), { recursive: true });
    writeFileSync(path.join(root, 'etc', 'netplan', '01-osism.yaml'), stringify({ network: { version: 2, ethernets: net.network_ethernets, vlans } }), { mode: 0o600 });
    await run('netplan', ['generate', '--root-dir', root]);
    const { stdout } = await run('ls', [path.join(root, 'run', 'systemd', 'network')]);
    expect(stdout).toContain(`vlan${site.networks.internal.vlan}.network`);
  });

  it('Ansible templates the variables and leaves operator text literal', async () => {
    const plainDir = writeTree(files, true);
    const vars = ['environments/configuration.yml', 'environments/secrets.yml', 'environments/manager/configuration.yml'].flatMap((f) => ['-e', `@${path.join(plainDir, f)}`]);
    const { stdout } = await run(
      'ansible',
      ['localhost', '-i', 'localhost,', '-c', 'local', '-m', 'ansible.builtin.debug', '-a', "msg={{ {'keys': operator_authorized_keys, 'password': docker_registry_password | default(''), 'user': docker_registry_username | default('') } }}", ...vars],
      { env: { ...ENV, ANSIBLE_LOAD_CALLBACK_PLUGINS: '1', ANSIBLE_STDOUT_CALLBACK: 'json' } },
    );
    const msg = (JSON.parse(stdout) as { plays: { tasks: { hosts: { localhost: { msg: { keys: string[]; password: string; user: string } } } }[] }[] }).plays[0]!.tasks[0]!.hosts.localhost.msg;
    expect(msg.keys.slice(0, site.operator.ssh_keys.length)).toEqual(site.operator.ssh_keys);
    if (site.registry.username !== undefined) {
      expect(msg.user).toBe(site.registry.username);
      expect(msg.password).toBe('pw "{{ nope }}" $(x)\nü');
    }
  });
});
