// SPDX-License-Identifier: Apache-2.0
// The node's network: /etc/netplan/01-osism.yaml as upstream's osism.commons.network writes it
// from network_ethernets / network_vlans (management NIC plus vlan<id> interfaces on it), and the
// cloud-init drop-in that stops cloud-init from writing its own DHCP config back at boot.
import type { ResolvedSite } from '../../site-types.js';
import { RenderError, type RenderContext, type RenderedFile } from '../render-types.js';
import { toYaml } from '../yaml-text.js';
import { hostFile, RENDERED_BY } from './host-file.js';

/** Where upstream's network role writes the netplan config (network_netplan_file). */
export const NETPLAN_PATH = '/etc/netplan/01-osism.yaml';

/** cloud-init reads *.cfg here; this one turns its network configuration off. */
export const CLOUD_INIT_NETWORK_PATH = '/etc/cloud/cloud.cfg.d/99-ciab-disable-network-config.cfg';

/** The interface name of a VLAN, as upstream names them (vlan100, vlan101). */
export function vlanName(id: number): string {
  return `vlan${id}`;
}

/** `address` with the prefix length of `cidr` (e.g. 192.168.16.10 in 192.168.16.0/20 → 192.168.16.10/20). */
export function withPrefix(address: string, cidr: string): string {
  return `${address}/${cidr.split('/')[1]}`;
}

type Obj = Record<string, unknown>;

function managementNic(site: ResolvedSite): Obj {
  const m = site.management;
  const nic: Obj = {};
  if (m.dhcp) {
    nic['dhcp4'] = true;
    // The DHCP server of a site network may hand out public resolvers; name resolution must go
    // to the site's DNS servers only, which are set below.
    nic['dhcp4-overrides'] = { 'use-dns': false };
  } else {
    nic['dhcp4'] = false;
  }
  const addresses = [...(!m.dhcp && m.address ? [m.address] : []), ...(m.ipv6 ? [m.ipv6.address] : [])];
  if (addresses.length > 0) nic['addresses'] = addresses;
  const routes = [...(!m.dhcp && m.gateway ? [{ to: 'default', via: m.gateway }] : []), ...(m.ipv6?.gateway ? [{ to: '::/0', via: m.ipv6.gateway }] : [])];
  if (routes.length > 0) nic['routes'] = routes;
  nic['nameservers'] = { addresses: [...site.dns.servers], ...(site.dns.search.length > 0 ? { search: [...site.dns.search] } : {}) };
  if (m.mtu !== undefined) nic['mtu'] = m.mtu;
  return nic;
}

function internalVlan(site: ResolvedSite): Obj {
  const n = site.networks.internal;
  const addresses = [withPrefix(n.address, n.cidr)];
  if (n.ipv6) addresses.push(withPrefix(n.ipv6.address, n.ipv6.cidr));
  // No VIP here: keepalived (OpenStack types) or kube-vip (kubernetes) moves it, and OSISM's
  // network role writes this same file without one (render/osism/network.ts must agree).
  return { id: n.vlan, link: site.management.interface, addresses, ...(n.mtu !== undefined ? { mtu: n.mtu } : {}) };
}

function workloadVlan(site: ResolvedSite): Obj {
  const w = site.networks.workload;
  // Like upstream's vlan101 it carries no node address unless the site gives one: OVN uses it.
  const addresses = [...(w.address && w.cidr ? [withPrefix(w.address, w.cidr)] : []), ...(w.ipv6 ? [withPrefix(w.ipv6.address, w.ipv6.cidr)] : [])];
  return { id: w.vlan, link: site.management.interface, ...(addresses.length > 0 ? { addresses } : {}), ...(w.mtu !== undefined ? { mtu: w.mtu } : {}) };
}

/** The netplan document (the `network:` mapping and all below it). */
export function netplanDocument(site: ResolvedSite): Obj {
  const { internal, workload } = site.networks;
  // netplan ids share one namespace: a NIC already called vlan100 would collide with the VLAN.
  if ([vlanName(internal.vlan), vlanName(workload.vlan)].includes(site.management.interface)) {
    throw new RenderError(`The management NIC ${site.management.interface} has the name of a VLAN interface this site creates`, '/management/interface');
  }
  return {
    network: {
      version: 2,
      renderer: 'networkd',
      ethernets: { [site.management.interface]: managementNic(site) },
      vlans: { [vlanName(internal.vlan)]: internalVlan(site), [vlanName(workload.vlan)]: workloadVlan(site) },
    },
  };
}

/** /etc/netplan/01-osism.yaml and the cloud-init drop-in that keeps it the only network config. */
export function renderNetplanFiles(ctx: RenderContext): RenderedFile[] {
  const header = [
    RENDERED_BY,
    'The node network as upstream osism.commons.network writes it: the',
    'management NIC and the internal and workload VLANs on it.',
    'Mode 0600: netplan warns about config files others can read.',
  ].join('\n');
  const cloudInit = [
    RENDERED_BY,
    'cloud-init must not write its netplan file (50-cloud-init.yaml) back.',
  ].join('\n');
  return [
    hostFile(NETPLAN_PATH, toYaml(netplanDocument(ctx.site), header), 0o600),
    hostFile(CLOUD_INIT_NETWORK_PATH, toYaml({ network: { config: 'disabled' } }, cloudInit)),
  ];
}
