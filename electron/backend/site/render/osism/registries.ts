// SPDX-License-Identifier: Apache-2.0
// Every container registry variable OSISM, kolla, ceph-ansible and the manager read, pointed at
// the site-local registry (MetalBox pattern), plus the kolla image namespace and registry auth.
import type { RenderedFile } from '../render-types.js';
import { registryEndpoint } from '../registry-endpoint.js';
import type { ResolvedSite } from '../../site-types.js';
import { ansibleText, yamlFile, type Vars } from './osism-files.js';

/**
 * Registry variables whose images live under the registry root (osism/…, kolla/…): upstream
 * CiaB inventory/group_vars/generic/registries.yml, osism/defaults all/099-registries.yml and
 * osism/metalbox (docker_registry_postgres, docker_registry_redis). `docker_registry` itself
 * and `httpd_docker_registry` are handled below because their images come from Docker Hub.
 */
export const ROOT_REGISTRY_VARS = [
  'ceph_docker_registry',
  'dnsmasq_docker_registry',
  'docker_registry_ansible',
  'docker_registry_cephclient',
  'docker_registry_cgit',
  'docker_registry_dnsdist',
  'docker_registry_homer',
  'docker_registry_kolla',
  'docker_registry_memcached',
  'docker_registry_netbox',
  'docker_registry_nexus',
  'docker_registry_openstackclient',
  'docker_registry_pgautoupgrade',
  'docker_registry_phpmyadmin',
  'docker_registry_postgres',
  'docker_registry_redis',
  'docker_registry_service',
  'docker_registry_squid',
  'docker_registry_traefik',
  'docker_registry_vault',
  'docker_registry_zookeeper',
  'docker_registry_zuul',
  'gnmic_docker_registry',
] as const;

/** Every registry variable with its value: all of them name the local registry. */
export function registryVars(site: ResolvedSite): Vars {
  const host = registryEndpoint(site).host;
  const vars: Vars = {
    // Docker Hub images: the bundle's registry holds them with the dockerhub/ prefix stripped
    // (library/redis, …), as MetalBox's update-registry.sh imports them, so the registry root
    // serves as docker_registry (upstream CiaB: registry.osism.tech/dockerhub).
    docker_registry: host,
  };
  for (const name of ROOT_REGISTRY_VARS) vars[name] = host;
  // The httpd role appends the image name without library/ (MetalBox: localhost:5001/library).
  vars.httpd_docker_registry = `${host}/library`;
  return vars;
}

/**
 * The kolla image namespace: `kolla` for manager `latest`, `kolla/release/<openstack>` from OSISM
 * 10 on, `kolla/release` before (osism/testbed deploy scripts, set-kolla-namespace.sh). The
 * bundle mirrors registry.osism.tech's paths, so the namespace of the chosen release exists.
 */
export function dockerNamespace(site: ResolvedSite): string {
  const manager = site.versions.manager;
  if (manager === 'latest') return 'kolla';
  const major = Number(manager.split('.')[0]);
  return major >= 10 ? `kolla/release/${site.versions.openstack}` : 'kolla/release';
}

/** Registry auth and TLS mode as kolla reads them; the password lives in environments/secrets.yml. */
export function registryAuthVars(site: ResolvedSite): Vars {
  const ep = registryEndpoint(site);
  const vars: Vars = { docker_registry_insecure: ep.insecure ? 'yes' : 'no' };
  if (ep.auth && site.registry.username !== undefined) vars.docker_registry_username = ansibleText(site.registry.username);
  return vars;
}

/** inventory/group_vars/generic/registries.yml (upstream CiaB keeps its registry list there). */
export function renderRegistries(site: ResolvedSite): RenderedFile {
  const vars: Vars = { ...registryVars(site), docker_namespace: dockerNamespace(site), ...registryAuthVars(site) };
  return yamlFile('inventory/group_vars/generic/registries.yml', vars, 'Every image comes from the site-local registry; nothing is pulled from a public registry.');
}
