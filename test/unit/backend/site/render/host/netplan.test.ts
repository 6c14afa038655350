// SPDX-License-Identifier: Apache-2.0
// The netplan file against the real `netplan generate --root-dir`: every example, DHCP and
// dual-stack variants, with the systemd-networkd files it produces checked for the addresses.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLOUD_INIT_NETWORK_PATH, NETPLAN_PATH, renderNetplanFiles } from '../../../../../../electron/backend/site/render/host/netplan.js';
import type { RenderContext } from '../../../../../../electron/backend/site/render/render-types.js';
import { exampleSite, minimalSite } from '../../../../../helpers/site-fixtures.js';
import { contextFor, exampleContext, fileAt, run, TYPES, writeRoot } from './host-fixtures.js';

/** Runs netplan generate on the rendered netplan file; returns the networkd files by name. */
function generate(ctx: RenderContext): Record<string, string> {
  const root = writeRoot([fileAt(renderNetplanFiles(ctx), NETPLAN_PATH)], 'ciab-netplan-');
  try {
    const r = run('netplan', ['generate', '--root-dir', root]);
    expect(r.code, r.out).toBe(0);
    // A mode other than 0600 would make netplan warn about the file's permissions.
    expect(r.out).not.toMatch(/permissions/i);
    const dir = path.join(root, 'run/systemd/network');
    return Object.fromEntries(readdirSync(dir).map((n) => [n, readFileSync(path.join(dir, n), 'utf8')]));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('netplan', () => {
  it.each(TYPES)('the %s example gives networkd files netplan accepts', (type) => {
    const ctx = exampleContext(type);
    const out = generate(ctx);
    const nic = ctx.site.management.interface;
    const { internal, workload } = ctx.site.networks;
    expect(Object.keys(out)).toEqual(expect.arrayContaining([`10-netplan-${nic}.network`, `10-netplan-vlan${internal.vlan}.netdev`, `10-netplan-vlan${internal.vlan}.network`, `10-netplan-vlan${workload.vlan}.netdev`]));
    expect(out[`10-netplan-vlan${internal.vlan}.netdev`]).toContain(`Id=${internal.vlan}`);
    expect(out[`10-netplan-vlan${internal.vlan}.network`]).toContain(`Address=${internal.address}/${internal.cidr.split('/')[1]}`);
    expect(out[`10-netplan-${nic}.network`]).toContain(`VLAN=vlan${internal.vlan}`);
    for (const dns of ctx.site.dns.servers) expect(out[`10-netplan-${nic}.network`]).toContain(`DNS=${dns}`);
  });

  it('writes the static sandbox NIC with its gateway, and the upstream VLAN names', () => {
    const ctx = exampleContext('sandbox');
    const doc = parse(fileAt(renderNetplanFiles(ctx), NETPLAN_PATH).content) as { network: Record<string, Record<string, Record<string, unknown>>> };
    expect(doc.network['renderer']).toBe('networkd');
    expect(doc.network['ethernets']!['eno1']).toEqual({
      'dhcp4': false,
      addresses: ['10.20.0.5/24'],
      routes: [{ to: 'default', via: '10.20.0.1' }],
      nameservers: { addresses: ['10.20.0.2'], search: ['in-a-box.cloud'] },
    });
    expect(doc.network['vlans']).toEqual({
      vlan100: { id: 100, link: 'eno1', addresses: ['192.168.16.10/20'] },
      vlan101: { id: 101, link: 'eno1' },
    });
    const out = generate(ctx);
    expect(out['10-netplan-eno1.network']).toMatch(/Address=10\.20\.0\.5\/24[\s\S]*\[Route\]\nDestination=0\.0\.0\.0\/0\nGateway=10\.20\.0\.1/);
  });

  it('renders a file with mode 0600 and a cloud-init drop-in that disables its network config', () => {
    const files = renderNetplanFiles(exampleContext('edge'));
    expect(fileAt(files, NETPLAN_PATH)).toMatchObject({ path: 'host/etc/netplan/01-osism.yaml', mode: 0o600 });
    expect(parse(fileAt(files, CLOUD_INIT_NETWORK_PATH).content)).toEqual({ network: { config: 'disabled' } });
  });

  it('DHCP mode ignores the DNS servers DHCP offers and uses the site ones', () => {
    const ctx = contextFor(minimalSite('dhcp-site', 'sandbox'));
    const out = generate(ctx);
    const nic = out['10-netplan-eth0.network']!;
    expect(nic).toContain('DHCP=ipv4');
    expect(nic).toContain('UseDNS=false');
    expect(nic).toContain('DNS=10.0.0.2');
    expect(out['10-netplan-vlan100.network']).toContain('Address=192.168.16.10/20');
  });

  it('DHCP with dual stack: static IPv6 on the NIC and the internal VLAN, default routes for both', () => {
    const site = {
      ...minimalSite('dual-dhcp', 'edge'),
      management: { interface: 'eth0', dhcp: true, mtu: 9000, ipv6: { address: 'fd00:20::5/64', gateway: 'fd00:20::1' } },
      dns: { servers: ['10.0.0.2', 'fd00:20::53'], search: ['site.lan'] },
      networks: {
        internal: { vlan: 300, cidr: '10.30.0.0/24', address: '10.30.0.10', vip: '10.30.0.254', mtu: 9000, ipv6: { cidr: 'fd00:30::/64', address: 'fd00:30::10', vip: 'fd00:30::fe' } },
        workload: { vlan: 301, cidr: '10.31.0.0/24', address: '10.31.0.10', mtu: 1500, ipv6: { cidr: 'fd00:31::/64', address: 'fd00:31::10' } },
      },
    };
    const out = generate(contextFor(site));
    const nic = out['10-netplan-eth0.network']!;
    expect(nic).toContain('DHCP=ipv4');
    expect(nic).toContain('Address=fd00:20::5/64');
    expect(nic).toMatch(/Destination=::\/0\nGateway=fd00:20::1/);
    expect(nic).toContain('DNS=fd00:20::53');
    expect(nic).toContain('Domains=site.lan');
    expect(nic).toContain('MTUBytes=9000');
    expect(out['10-netplan-vlan300.network']).toContain('Address=10.30.0.10/24');
    expect(out['10-netplan-vlan300.network']).toContain('Address=fd00:30::10/64');
    // keepalived or kube-vip holds the VIPs; netplan must not.
    expect(out['10-netplan-vlan300.network']).not.toContain('10.30.0.254');
    expect(out['10-netplan-vlan300.netdev']).toContain('MTUBytes=9000');
    expect(out['10-netplan-vlan301.network']).toContain('Address=10.31.0.10/24');
    expect(out['10-netplan-vlan301.network']).toContain('Address=fd00:31::10/64');
  });

  it('static dual stack on the edge example; a dual-stack kubernetes site without its VIPs', () => {
    const edge = exampleSite('edge');
    const out = generate(contextFor({ ...edge, management: { ...(edge['management'] as object), ipv6: { address: 'fd00:40::20/64', gateway: 'fd00:40::1' } } }, 'x'));
    expect(out['10-netplan-enp65s0f0.network']).toMatch(/Address=172\.16\.40\.20\/24\nAddress=fd00:40::20\/64/);
    expect(out['10-netplan-enp65s0f0.network']).toMatch(/Gateway=172\.16\.40\.1[\s\S]*Gateway=fd00:40::1/);

    const k3s = generate(contextFor({ ...minimalSite('k3s-dual', 'kubernetes'), networks: { internal: { ipv6: { cidr: 'fd00:16::/64', address: 'fd00:16::10', vip: 'fd00:16::8' } } } }));
    expect(k3s['10-netplan-vlan100.network']).toMatch(/\nAddress=192\.168\.16\.10\/20\nAddress=fd00:16::10\/64\n/);
    // kube-vip holds the API VIPs (kube_vip_iface is the internal VLAN); netplan must not.
    expect(k3s['10-netplan-vlan100.network']).not.toMatch(/192\.168\.16\.8\/|fd00:16::8\//);
  });

  it('refuses a management NIC named like one of the VLAN interfaces', () => {
    const ctx = contextFor({ ...minimalSite('clash', 'sandbox'), management: { interface: 'vlan101' } });
    expect(() => renderNetplanFiles(ctx)).toThrow(expect.objectContaining({ field: '/management/interface' }) as Error);
  });
});
