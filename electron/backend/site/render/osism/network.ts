// SPDX-License-Identifier: Apache-2.0
// The node's netplan configuration as osism.commons.network reads it (network_type netplan):
// the management NIC (DHCP or static), the internal and workload VLANs on it, and the
// networkd-dispatcher hook that lets the external provider network out through the NIC.
import type { RenderedFile } from '../render-types.js';
import { isOpenStackType, type ResolvedSite } from '../../site-types.js';
import { CONFIGURATION_DIRECTORY, internalInterface, prefixOf, textFile, workloadInterface, yamlFile, type Vars } from './osism-files.js';

/** Tree path of the dispatcher hook (upstream: environments/manager/files/osism.sh). */
export const DISPATCHER_SCRIPT = 'environments/manager/files/osism.sh';

/** The management NIC's netplan entry. */
function managementEthernet(site: ResolvedSite): Vars {
  const m = site.management;
  const addresses: string[] = [];
  const routes: Vars[] = [];
  if (!m.dhcp && m.address !== undefined) addresses.push(m.address);
  if (!m.dhcp && m.gateway !== undefined) routes.push({ to: 'default', via: m.gateway });
  if (m.ipv6) {
    addresses.push(m.ipv6.address);
    if (m.ipv6.gateway !== undefined) routes.push({ to: '::/0', via: m.ipv6.gateway });
  }
  return {
    dhcp4: m.dhcp,
    // Same as the host netplan: DNS servers from DHCP are ignored (they may be public ones).
    ...(m.dhcp ? { 'dhcp4-overrides': { 'use-dns': false } } : {}),
    ...(addresses.length > 0 ? { addresses } : {}),
    ...(routes.length > 0 ? { routes } : {}),
    // The site resolvers, also with DHCP: a DHCP server may hand out public ones.
    nameservers: { addresses: site.dns.servers, ...(site.dns.search.length > 0 ? { search: site.dns.search } : {}) },
    ...(m.mtu !== undefined ? { mtu: m.mtu } : {}),
  };
}

/** The internal and workload VLANs on the management NIC. */
function vlans(site: ResolvedSite): Vars {
  const { internal, workload } = site.networks;
  // The whole internal network's prefix (upstream writes /24 inside its /20; the site's own
  // prefix keeps every address of the network on-link).
  const internalAddresses = [`${internal.address}/${prefixOf(internal.cidr)}`];
  if (internal.ipv6) internalAddresses.push(`${internal.ipv6.address}/${prefixOf(internal.ipv6.cidr)}`);
  const workloadAddresses: string[] = [];
  if (workload.address !== undefined && workload.cidr !== undefined) workloadAddresses.push(`${workload.address}/${prefixOf(workload.cidr)}`);
  if (workload.ipv6) workloadAddresses.push(`${workload.ipv6.address}/${prefixOf(workload.ipv6.cidr)}`);
  const link = '{{ network_mgmt_interface }}';
  return {
    [internalInterface(site)]: { id: internal.vlan, link, addresses: internalAddresses, ...(internal.mtu !== undefined ? { mtu: internal.mtu } : {}) },
    // The workload VLAN carries OVN traffic (br-ex); it has no node address unless the site gives one.
    [workloadInterface(site)]: {
      id: workload.vlan,
      link,
      ...(workloadAddresses.length > 0 ? { addresses: workloadAddresses } : {}),
      ...(workload.mtu !== undefined ? { mtu: workload.mtu } : {}),
    },
  };
}

/** The network variables, shared by the inventory and the manager environment's own inventory. */
export function networkVars(site: ResolvedSite): Vars {
  return {
    network_type: 'netplan',
    network_mgmt_interface: site.management.interface,
    network_internal_interface: internalInterface(site),
    network_workload_interface: workloadInterface(site),
    network_ethernets: { [site.management.interface]: managementEthernet(site) },
    network_vlans: vlans(site),
    // Upstream's routable.d hook masquerades the external provider network (OpenStack types).
    ...(isOpenStackType(site.type) ? { network_dispatcher_scripts: [{ src: `${CONFIGURATION_DIRECTORY}/${DISPATCHER_SCRIPT}`, dest: 'routable.d/osism.sh' }] } : {}),
  };
}

/** Single-quotes a word for the shell (interface names are schema-checked; this is belt and braces). */
function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The networkd-dispatcher hook: FORWARD accept and MASQUERADE on the management NIC. */
export function renderDispatcherScript(site: ResolvedSite): RenderedFile {
  const nic = shellQuote(site.management.interface);
  const script = [
    '#!/usr/bin/env bash',
    '# Rendered by the CiaB Installer from the site file; do not edit by hand.',
    '# networkd-dispatcher routable.d hook: instances on the external provider network reach the',
    '# site through the management NIC (forwarding plus masquerading, as upstream CiaB does).',
    'set -eu',
    `nic=${nic}`,
    '[ "${IFACE:-}" = "$nic" ] || exit 0',
    'iptables -C FORWARD -i "$nic" -j ACCEPT 2>/dev/null || iptables -A FORWARD -i "$nic" -j ACCEPT',
    'iptables -C FORWARD -o "$nic" -j ACCEPT 2>/dev/null || iptables -A FORWARD -o "$nic" -j ACCEPT',
    'iptables -t nat -C POSTROUTING -o "$nic" -j MASQUERADE 2>/dev/null || iptables -t nat -A POSTROUTING -o "$nic" -j MASQUERADE',
    '',
  ].join('\n');
  // Executable: networkd-dispatcher only runs executable hooks (the role copies the mode too).
  return textFile(DISPATCHER_SCRIPT, script, 0o755);
}

/** inventory/group_vars/generic/network.yml (and the dispatcher hook it names). */
export function renderNetwork(site: ResolvedSite): RenderedFile[] {
  const files = [yamlFile('inventory/group_vars/generic/network.yml', networkVars(site), 'Netplan configuration of the node (osism.commons.network).')];
  if (isOpenStackType(site.type)) files.push(renderDispatcherScript(site));
  return files;
}
