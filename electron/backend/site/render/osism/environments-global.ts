// SPDX-License-Identifier: Apache-2.0
// environments/configuration.yml: the variables every OSISM environment reads (Docker, operator,
// DNS, NTP, /etc/hosts, APT sources, proxy), with every internet default replaced by the site's.
import { createHash } from 'node:crypto';
import type { RenderContext, RenderedFile } from '../render-types.js';
import { registryEndpoint } from '../registry-endpoint.js';
import { isOpenStackType, type ResolvedSite } from '../../site-types.js';
import { ansibleText, managerHost, serviceHost, traefikServices, yamlFile, type Vars } from './osism-files.js';
import { globalProxyVars } from './proxy-vars.js';
import { operatorKeyPair } from './secrets-files.js';

/** True when a generated secrets file already carries `key` (then it must not be written in plain). */
export function secretDefines(ctx: RenderContext, key: string): boolean {
  return Object.values(ctx.secrets).some((entries) => Object.prototype.hasOwnProperty.call(entries, key));
}

/**
 * A stable Ceph fsid for the site when the secret store gives none: a UUID (RFC 4122 layout,
 * version 5 bits) derived from the site name, so a re-render never changes the cluster id.
 */
export function derivedFsid(site: ResolvedSite): string {
  const h = createHash('sha256').update(`ciab-ceph-fsid\0${site.name}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Docker daemon registry settings; daemon.json from the host renderer uses the same endpoint. */
function dockerRegistryVars(site: ResolvedSite): Vars {
  const ep = registryEndpoint(site);
  return {
    docker_insecure_registries: ep.insecure ? [ep.host] : [],
    // Docker Hub pulls go to the local registry (it holds Docker Hub images at their own paths).
    docker_registry_mirrors: [`${ep.scheme}://${ep.host}`],
  };
}

/**
 * /etc/hosts entries: the API name on the VIP, the manager and the Traefik service names on the
 * node, so the node resolves its own names even when the site DNS does not carry them.
 */
function hostsEntries(site: ResolvedSite): Vars {
  const entries: Vars = { [site.api_fqdn]: site.networks.internal.vip };
  entries[managerHost(site)] = site.networks.internal.address;
  for (const name of traefikServices(site)) entries[serviceHost(site, name)] = site.networks.internal.address;
  return entries;
}

/**
 * APT: osism.commons.repository writes `repositories` to sources.list.d/ubuntu.sources (its
 * default is the public archive). The site mirror is already the node's one APT source, written
 * by the host renderer (ciab-mirror.sources, with its key in /etc/apt/keyrings). A second copy
 * in ubuntu.sources would be the same source twice, and for a trusted mirror the role's template
 * always writes a Signed-By line that the host file has not, which apt rejects as conflicting
 * values for one source. So the role writes an empty list, and no role adds its own repository.
 */
function aptVars(): Vars {
  return {
    repositories: [],
    // Without this the role falls back to its built-in default (de.archive.ubuntu.com) when
    // `repositories` is empty; with it, ubuntu.sources stays empty and ciab-mirror.sources rules.
    repository_default: [],
    repository_keys: [],
    repository_key_ids: {},
    // Packages of these roles come from the site mirror (osism/metalbox environments/configuration.yml).
    docker_configure_repository: false,
    netbird_configure_repository: false,
    netdata_configure_repository: false,
  };
}

/** environments/configuration.yml. */
export function renderGlobalEnvironment(ctx: RenderContext): RenderedFile {
  const site = ctx.site;
  const internal = site.networks.internal;
  const managerKey = operatorKeyPair(ctx);
  const vars: Vars = {
    // docker_version stays the role's default: the package comes from the site mirror, which
    // carries the version the bundle was built for.
    docker_opts: { 'max-concurrent-downloads': 20 },
    ...dockerRegistryVars(site),
    operator_user: site.operator.user,
    // The operator's keys from the site, and the manager's own generated key (its private half
    // is operator_private_key in the vaulted environments/secrets.yml).
    operator_authorized_keys: [...site.operator.ssh_keys.map(ansibleText), ...(managerKey ? [managerKey.public_key] : [])],
    resolvconf_nameserver: site.dns.servers,
    // One site resolver is enough; the role insists on two by default.
    resolvconf_minimum_number_of_nameservers: 1,
    // systemd-resolved would fall back to public resolvers when FallbackDNS is unset in some builds.
    resolvconf_fallback_nameserver: [],
    resolvconf_search: site.dns.search.join(' '),
    resolvconf_dnssec: false,
    hosts_type: 'template',
    hosts_additional_entries: hostsEntries(site),
    chrony_servers: site.ntp.servers,
    // The role's default options include `nts`, which a site NTP server rarely offers.
    chrony_server_options: 'iburst',
    chrony_minimum_number_of_servers: 1,
    cleanup_services_extra: ['NetworkManager', 'iscsid', 'lxcfs', 'nscd', 'ntp'],
    limits_extra: {
      '*': [
        { type: 'soft', item: 'nofile', value: 262144 },
        { type: 'hard', item: 'nofile', value: 1048576 },
      ],
    },
    sysctl_extra: { generic: [{ name: 'fs.inotify.max_user_instances', value: 256 }] },
    // Upstream CiaB: no hardening and no auditd, to cut deploy time and save compute.
    enable_hardening: false,
    enable_auditd: false,
    ...globalProxyVars(site),
    ...aptVars(),
  };
  if (isOpenStackType(site.type)) {
    vars.kolla_internal_vip_address = internal.vip;
    // The fsid is kept by the secret store when it generates one; otherwise it is derived.
    if (!secretDefines(ctx, 'ceph_cluster_fsid')) vars.ceph_cluster_fsid = derivedFsid(site);
  }
  return yamlFile('environments/configuration.yml', vars, 'Global OSISM variables of the site (every environment reads this file).');
}
