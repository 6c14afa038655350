// SPDX-License-Identifier: Apache-2.0
// The OSISM inventory: the INI group files (10-custom, 20-roles, 99-overwrite) with the node in
// every role group its CiaB type uses, and the generic group_vars and host_vars of the node.
import type { RenderedFile } from '../render-types.js';
import { isOpenStackType, type ResolvedSite } from '../../site-types.js';
import { cephHostVars } from './environment-ceph.js';
import { internalInterface, textFile, yamlFile, type Vars } from './osism-files.js';

const HEADER = '# Rendered by the CiaB Installer from the site file; do not edit by hand.\n';

/** Role groups of upstream CiaB's inventory/20-roles, with what they are for. */
const ROLE_GROUPS: { name: string; about: string; openstackOnly: boolean }[] = [
  { name: 'generic', about: 'The "all" group is not used in OSISM: every node is listed here.', openstackOnly: false },
  { name: 'manager', about: 'Nodes that act as manager (deployment) node.', openstackOnly: false },
  { name: 'monitoring', about: 'Nodes for monitoring services.', openstackOnly: true },
  { name: 'control', about: 'Controllers (APIs, schedulers, databases); k3s_master is built from this group.', openstackOnly: false },
  { name: 'compute', about: 'Virtualisation by Nova.', openstackOnly: true },
  { name: 'network', about: 'Network resources of Neutron, Octavia and Designate.', openstackOnly: true },
  { name: 'ceph-control', about: 'Ceph control services (monitors, managers).', openstackOnly: true },
  { name: 'ceph-resource', about: 'OSDs on the storage of these nodes.', openstackOnly: true },
];

/** inventory/20-roles: the node (a schema-checked host name) in each group of its type. */
function rolesFile(site: ResolvedSite): RenderedFile {
  const host = site.node.hostname;
  const groups = ROLE_GROUPS.filter((g) => isOpenStackType(site.type) || !g.openstackOnly);
  const body = groups.map((g) => `# ${g.about}\n[${g.name}]\n${host}\n`).join('\n');
  return textFile('inventory/20-roles', `${HEADER}\n${body}`);
}

/** inventory/99-overwrite: the Ceph daemon groups on the one node (upstream CiaB). */
function overwriteFile(site: ResolvedSite): RenderedFile {
  const note = '# Groups listed in this file replace the same groups in all other inventory files.\n';
  if (!isOpenStackType(site.type)) return textFile('inventory/99-overwrite', `${HEADER}${note}`);
  const host = site.node.hostname;
  const body = [
    `[ceph-control]\n${host}\n`,
    `[ceph-resource]\n${host}\n`,
    ...['ceph-mon', 'ceph-mds', 'ceph-osd', 'ceph-rgw'].map((g) => `[${g}:children]\nceph-resource\n`),
  ].join('\n');
  return textFile('inventory/99-overwrite', `${HEADER}${note}\n${body}`);
}

/** The node's host_vars: its id and addresses, and (OpenStack types) its Ceph layout. */
function hostVars(site: ResolvedSite): RenderedFile {
  const vars: Vars = {
    node_id: site.node.id,
    internal_address: site.networks.internal.address,
    // Ansible reaches the node on its internal address, as upstream CiaB: it is static and
    // known here, while the management address may come from DHCP.
    ansible_host: site.networks.internal.address,
    netdata_host_type: 'server',
    ...(isOpenStackType(site.type) ? cephHostVars(site) : {}),
  };
  return yamlFile(`inventory/host_vars/${site.node.hostname}.yml`, vars, `The node ${site.node.hostname}.`);
}

/** group_vars/generic: Ansible, interfaces and (OpenStack types) kolla's interfaces. */
function genericGroupVars(site: ResolvedSite): RenderedFile[] {
  const files = [
    yamlFile('inventory/group_vars/generic/ansible.yml', { ansible_python_interpreter: '/usr/bin/python3' }, 'How Ansible runs on the nodes.'),
    yamlFile(
      'inventory/group_vars/generic/generic.yml',
      { internal_interface: internalInterface(site), console_interface: '{{ internal_interface }}', management_interface: '{{ internal_interface }}' },
      'Which interface OSISM services bind to: the internal VLAN.',
    ),
  ];
  if (isOpenStackType(site.type)) {
    const kolla: Vars = {
      network_interface: '{{ network_internal_interface }}',
      neutron_external_interface: '{{ network_workload_interface }}',
      tunnel_interface: '{{ network_internal_interface }}',
    };
    files.push(yamlFile('inventory/group_vars/generic/kolla.yml', kolla, 'kolla-ansible interfaces: APIs and tunnels on the internal VLAN, br-ex on the workload VLAN.'));
  }
  return files;
}

/** Every inventory file except network.yml, registries.yml, ceph.yml and k3s.yml. */
export function renderInventory(site: ResolvedSite): RenderedFile[] {
  return [
    textFile('inventory/10-custom', `${HEADER}# Site-specific groups that do not exist elsewhere go here; this site needs none.\n`),
    rolesFile(site),
    overwriteFile(site),
    hostVars(site),
    ...genericGroupVars(site),
  ];
}
