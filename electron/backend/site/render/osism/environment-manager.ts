// SPDX-License-Identifier: Apache-2.0
// The manager environment: environments/manager/configuration.yml (versions, manager services,
// the kubernetes-type switches, the configuration source) and the manager's own small inventory
// that run.sh uses before the OSISM manager exists (hosts, group_vars, host_vars).
import type { RenderedFile } from '../render-types.js';
import { isOpenStackType, type ResolvedSite } from '../../site-types.js';
import { networkVars } from './network.js';
import { CONFIGURATION_DIRECTORY, internalInterface, serviceHost, textFile, yamlFile, type Vars } from './osism-files.js';
import { dockerNamespace, registryAuthVars, registryVars } from './registries.js';

/** Versions and manager services. */
function managerServices(site: ResolvedSite): Vars {
  const openstack = isOpenStackType(site.type);
  const internal = site.networks.internal;
  const vars: Vars = {
    manager_version: site.versions.manager,
    openstack_version: site.versions.openstack,
    ceph_version: site.versions.ceph,
  };
  if (openstack) {
    // The listener follows OpenStack notifications on the node's RabbitMQ (upstream CiaB).
    vars.manager_listener_broker_hosts = [internal.address];
    vars.manager_listener_broker_username = 'openstack';
    vars.manager_listener_broker_uri =
      '{% for host in manager_listener_broker_hosts %}amqp://{{ manager_listener_broker_username }}:{{ manager_listener_broker_password }}@{{ host }}:5672/{% if not loop.last %};{% endif %}{% endfor %}';
  }
  Object.assign(vars, {
    // Upstream bootstrap.sh turns flower off for the kubernetes type.
    flower_enable: openstack,
    flower_traefik: openstack,
    flower_host: serviceHost(site, 'flower'),
    osism_api_host: internal.address,
    ara_server_host: serviceHost(site, 'ara'),
    ara_server_traefik: openstack,
    netbox_enable: true,
    // Behind Traefik where it runs (upstream CiaB); the kubernetes type has no Traefik, so NetBox
    // is reached on its own port as on the MetalBox.
    netbox_host: openstack ? serviceHost(site, 'netbox') : internal.address,
    netbox_traefik: openstack,
    netbox_api_url: openstack ? 'https://{{ netbox_host }}' : 'http://{{ netbox_host }}:8121',
    netbox_service_netbox_start_period: '240s',
    // osism-kubernetes runs only where k3s is installed: one image fewer in the bundle elsewhere.
    enable_osism_kubernetes: site.type === 'kubernetes',
  });
  if (site.services.opensearch) vars.manager_opensearch_address = site.api_fqdn;
  if (!openstack) {
    // Upstream bootstrap.sh edits these in for the kubernetes type; here they are rendered. It
    // also forces manager_version latest there; the site's version is kept, as the bundle has it.
    Object.assign(vars, { manager_enable_openstack: false, enable_ceph_ansible: false, enable_kolla_ansible: false });
  }
  return vars;
}

/**
 * The configuration source. osism.commons.configuration only knows `configuration_type: git`
 * (it includes <type>.yml); the installer uploads this tree to /opt/configuration itself and
 * never runs `osism apply configuration`. The git source names the node itself, so an
 * accidental run fails locally instead of fetching github.com. run.sh compares
 * configuration_git_version with the checked-out branch, hence `main`.
 */
function configurationSource(site: ResolvedSite): Vars {
  return {
    configuration_directory: CONFIGURATION_DIRECTORY,
    configuration_type: 'git',
    configuration_git_version: 'main',
    configuration_git_host: 'localhost',
    configuration_git_port: 22,
    configuration_git_protocol: 'ssh',
    configuration_git_username: site.operator.user,
    configuration_git_repository: `${CONFIGURATION_DIRECTORY.slice(1)}.git`,
  };
}

/** environments/manager/configuration.yml. */
function renderManagerConfiguration(site: ResolvedSite): RenderedFile {
  const vars: Vars = {
    ...managerServices(site),
    ...configurationSource(site),
    // run.sh loads this file as extra vars for the manager's own plays, which do not read the
    // inventory's registries.yml: the manager images (images.yml) come from the local registry too.
    ...registryVars(site),
    docker_namespace: dockerNamespace(site),
    ...registryAuthVars(site),
  };
  return yamlFile('environments/manager/configuration.yml', vars, 'The OSISM manager: versions, services and where its images and configuration come from.');
}

/** The manager environment's inventory (run.sh -i hosts), as upstream CiaB ships it. */
function renderManagerInventory(site: ResolvedSite): RenderedFile[] {
  const host = site.node.hostname;
  const groupVars: Vars = {
    ansible_python_interpreter: '/usr/bin/python3',
    // run.sh runs on the node itself (upstream: ansible_host localhost).
    ansible_host: 'localhost',
    internal_address: site.networks.internal.address,
    internal_interface: internalInterface(site),
    console_interface: '{{ internal_interface }}',
    management_interface: '{{ internal_interface }}',
    ...networkVars(site),
  };
  return [
    textFile('environments/manager/hosts', `# Rendered by the CiaB Installer from the site file; do not edit by hand.\n[manager]\n${host}\n`),
    yamlFile('environments/manager/group_vars/manager.yml', groupVars, 'Variables of the manager plays run by run.sh (network, bootstrap) before the OSISM manager exists.'),
    yamlFile(`environments/manager/host_vars/${host}.yml`, { node_id: site.node.id, netdata_host_type: 'server' }, 'The node as the manager environment sees it.'),
  ];
}

/** Every file of the manager environment. */
export function renderManagerEnvironment(site: ResolvedSite): RenderedFile[] {
  return [renderManagerConfiguration(site), ...renderManagerInventory(site)];
}
