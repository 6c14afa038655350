// SPDX-License-Identifier: Apache-2.0
// The kolla environment (sandbox and edge): environments/kolla/configuration.yml with the API
// endpoint, TLS, the optional services of the site, Ceph and Neutron settings, and the OVN
// overlay that gives instances the site's resolvers instead of public ones.
import type { RenderedFile } from '../render-types.js';
import type { ResolvedSite } from '../../site-types.js';
import { textFile, yamlFile, yesNo, type Vars } from './osism-files.js';
import { kollaProxyVars } from './proxy-vars.js';
import { dockerNamespace } from './registries.js';

/** Services of the site's profile as kolla's enable_* switches. */
function serviceSwitches(site: ResolvedSite): Vars {
  const s = site.services;
  return {
    enable_barbican: yesNo(s.barbican),
    enable_designate: yesNo(s.designate),
    enable_octavia: yesNo(s.octavia),
    enable_skyline: yesNo(s.skyline),
    enable_prometheus: yesNo(s.prometheus),
    enable_grafana: yesNo(s.grafana),
    // OpenSearch is kolla's central logging (osism/defaults turns it on); edge ships logs elsewhere.
    enable_central_logging: yesNo(s.opensearch),
    enable_opensearch: yesNo(s.opensearch),
    enable_proxysql: 'yes',
  };
}

/** Designate, when enabled: the site resolvers as forwarders, never public ones. */
function designateVars(site: ResolvedSite): Vars {
  if (!site.services.designate) return {};
  return {
    designate_ns_record: `cloud.${site.domain}`,
    // bind9's forwarders list: kolla writes `forwarders { <value>; };`, hence "a; b".
    designate_forwarders_addresses: site.dns.servers.join('; '),
    designate_recursion: 'yes',
  };
}

/** Octavia, when enabled. */
function octaviaVars(site: ResolvedSite): Vars {
  if (!site.services.octavia) return {};
  return {
    octavia_network_type: 'tenant',
    octavia_loadbalancer_topology: 'SINGLE',
    // The amphora image is not downloaded (upstream `osism manage image octavia` fetches it from
    // the internet): the air-gap bundle carries it, and the deploy uploads it to Glance with
    // this tag from the node before Octavia starts.
    octavia_amp_image_tag: 'amphora',
  };
}

/** environments/kolla/configuration.yml. */
function renderKollaConfiguration(site: ResolvedSite): RenderedFile {
  const internal = site.networks.internal;
  const vars: Vars = {
    // Kolla images from the local registry (docker_registry_kolla is in registries.yml).
    docker_namespace: dockerNamespace(site),
    kolla_internal_vip_address: internal.vip,
    kolla_internal_fqdn: site.api_fqdn,
    kolla_enable_tls_external: 'yes',
    kolla_enable_tls_internal: 'yes',
    kolla_copy_ca_into_containers: 'yes',
    openstack_cacert: '/etc/ssl/certs/ca-certificates.crt',
    ...serviceSwitches(site),
    openstack_service_workers: 2,
    libvirt_enable_sasl: 'no',
    neutron_plugin_agent: 'ovn',
    neutron_ovn_availability_zones: ['nova'],
    nova_libvirt_logging_debug: 'no',
    nova_console: 'novnc',
    ...octaviaVars(site),
    ...designateVars(site),
    horizon_keystone_multidomain: true,
    // Traefik owns port 80 on the internal address (upstream CiaB).
    horizon_port: 1080,
    // Swift and S3 through the Ceph RGW.
    enable_ceph_rgw: true,
    enable_ceph_rgw_keystone: true,
    ceph_rgw_swift_compatibility: false,
    ceph_rgw_swift_account_in_url: true,
    // Ceph is deployed by ceph-ansible (environments/ceph); kolla uses it as an external cluster.
    enable_ceph: 'no',
    cinder_backend_ceph: 'yes',
    glance_backend_ceph: 'yes',
    nova_backend_ceph: 'yes',
    cinder_backup_driver: 'ceph',
    glance_backend_file: 'no',
    ceph_public_network: internal.cidr,
    ...kollaProxyVars(site),
  };
  return yamlFile('environments/kolla/configuration.yml', vars, 'kolla-ansible (OpenStack) settings of the site.');
}

/** The neutron ML2 overlay: OVN's resolvers for instances (upstream hard-codes public ones). */
function renderMl2Overlay(site: ResolvedSite): RenderedFile {
  const content = [
    '# Rendered by the CiaB Installer from the site file; do not edit by hand.',
    '# Resolvers OVN hands to instances: the site DNS servers.',
    '[ovn]',
    `dns_servers = ${site.dns.servers.join(',')}`,
    '',
  ].join('\n');
  return textFile('environments/kolla/files/overlays/neutron/ml2_conf.ini', content);
}

/** Every file of the kolla environment. */
export function renderKollaEnvironment(site: ResolvedSite): RenderedFile[] {
  return [renderKollaConfiguration(site), renderMl2Overlay(site)];
}
