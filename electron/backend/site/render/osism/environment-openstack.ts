// SPDX-License-Identifier: Apache-2.0
// environments/openstack/configuration.yml: the external provider network ("public" on physnet1)
// that the bootstrap-<type> play creates. Upstream's playbook hard-codes 192.168.112.0/24 and the
// public resolvers 8.8.8.8/9.9.9.9; these variables carry the site's values instead.
import type { RenderedFile } from '../render-types.js';
import type { ResolvedSite } from '../../site-types.js';
import { yamlFile, type Vars } from './osism-files.js';

/** The provider network variables (names follow openstack.cloud.network/subnet parameters). */
export function publicNetworkVars(site: ResolvedSite): Vars {
  const ext = site.networks.external;
  const vars: Vars = {
    public_network_name: 'public',
    public_network_physical_network: 'physnet1',
    public_subnet_name: 'subnet-public',
    public_subnet_cidr: ext.cidr,
    public_subnet_gateway_ip: ext.gateway,
    public_subnet_allocation_pool_start: ext.pool.start,
    public_subnet_allocation_pool_end: ext.pool.end,
    // Instances on the provider network resolve through the site's servers only.
    public_subnet_dns_nameservers: site.dns.servers.filter((s) => !s.includes(':')),
  };
  if (ext.ipv6) {
    vars.public_subnet_ipv6_cidr = ext.ipv6.cidr;
    if (ext.ipv6.gateway !== undefined) vars.public_subnet_ipv6_gateway_ip = ext.ipv6.gateway;
    vars.public_subnet_ipv6_dns_nameservers = site.dns.servers.filter((s) => s.includes(':'));
  }
  return vars;
}

/** environments/openstack/configuration.yml (sandbox and edge). */
export function renderOpenstackEnvironment(site: ResolvedSite): RenderedFile {
  return yamlFile(
    'environments/openstack/configuration.yml',
    publicNetworkVars(site),
    'The external provider network the bootstrap play creates (environments/openstack/playbook-bootstrap-<type>.yml reads these).',
  );
}
