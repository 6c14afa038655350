// SPDX-License-Identifier: Apache-2.0
// environments/infrastructure/configuration.yml: Traefik and the manager-side web services under
// services.<domain> (Homer, cgit, phpMyAdmin), and WireGuard with the node as the VPN's resolver.
import type { RenderedFile } from '../render-types.js';
import { isOpenStackType, type ResolvedSite } from '../../site-types.js';
import { managerHost, serviceHost, yamlFile, type Vars } from './osism-files.js';

/** Homer's links; a disabled service gets an empty link (Homer hides it). */
function homerLinks(site: ResolvedSite): Vars {
  const s = site.services;
  const api = `https://${site.api_fqdn}`;
  return {
    homer_url_ara: `https://${serviceHost(site, 'ara')}/`,
    homer_url_flower: `https://${serviceHost(site, 'flower')}/`,
    homer_url_grafana: s.grafana ? `${api}:3000` : '',
    homer_url_horizon: `${api}/`,
    homer_url_kibana: s.opensearch ? `${api}:5601` : '',
    homer_url_netbox: `https://${serviceHost(site, 'netbox')}/`,
    homer_url_netdata: s.netdata ? `http://${managerHost(site)}:19999` : '',
    homer_url_phpmyadmin: s.phpmyadmin ? `https://${serviceHost(site, 'phpmyadmin')}/` : '',
    homer_url_rabbitmq: `${api}:15672`,
    homer_url_ceph: `http://${managerHost(site)}:7000`,
    homer_url_keycloak: '',
    homer_url_patchman: '',
    homer_url_prometheus: '',
    homer_url_vault: '',
  };
}

/** WireGuard on the node: clients reach the internal and external networks and resolve via the node. */
function wireguardVars(site: ResolvedSite): Vars {
  const m = site.management;
  return {
    // The address clients dial: the static management address, or the one DHCP gave the NIC.
    wireguard_server_public_address: !m.dhcp && m.address !== undefined ? m.address.split('/')[0] : "{{ ansible_facts['default_ipv4']['address'] }}",
    wireguard_create_client_config: true,
    wireguard_client_allowed_ips: [site.networks.internal.cidr, ...(isOpenStackType(site.type) ? [site.networks.external.cidr] : [])].join(','),
    // Designate's bind on the node answers for the site (upstream PR #357); never a public resolver.
    wireguard_dns: site.networks.internal.address,
    // Client keys are not part of the site file: peers are added after the install.
    wireguard_users: [],
  };
}

/** environments/infrastructure/configuration.yml. */
export function renderInfrastructureEnvironment(site: ResolvedSite): RenderedFile {
  const s = site.services;
  // Upstream CiaB's kubernetes type has no Traefik and none of these web services.
  const traefik = isOpenStackType(site.type);
  const vars: Vars = { traefik_enable: traefik };
  if (traefik) {
    vars.traefik_host = site.networks.internal.address;
    if (s.cgit) Object.assign(vars, { cgit_host: serviceHost(site, 'cgit'), cgit_traefik: true });
    if (s.homer) Object.assign(vars, { homer_host: serviceHost(site, 'homer'), homer_traefik: true, ...homerLinks(site) });
    if (s.phpmyadmin) Object.assign(vars, { phpmyadmin_host: serviceHost(site, 'phpmyadmin'), phpmyadmin_traefik: true });
  }
  if (s.wireguard) Object.assign(vars, wireguardVars(site));
  return yamlFile('environments/infrastructure/configuration.yml', vars, 'Manager-side infrastructure services (Traefik, Homer, cgit, phpMyAdmin, WireGuard).');
}
