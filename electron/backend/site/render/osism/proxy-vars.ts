// SPDX-License-Identifier: Apache-2.0
// The HTTP proxy variables of each consumer (APT, Docker, kolla containers, k3s), written only
// when the site has a proxy. Site-local names and networks always bypass it.
import { registryEndpoint } from '../registry-endpoint.js';
import type { ResolvedSite } from '../../site-types.js';
import { ansibleText, unique, type Vars } from './osism-files.js';

/** The registry's host without port or IPv6 brackets. */
function registryHostname(site: ResolvedSite): string {
  const host = registryEndpoint(site).host;
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  return host.replace(/:\d+$/, '');
}

/** Hosts and networks that never go through the proxy: the site's own list plus what is local. */
export function noProxyEntries(site: ResolvedSite): string[] {
  const n = site.networks.internal;
  return unique([
    ...(site.proxy?.no_proxy ?? []),
    'localhost',
    '127.0.0.1',
    registryHostname(site),
    site.api_fqdn,
    `.${site.domain}`,
    n.address,
    n.vip,
    n.cidr,
  ]);
}

/** True when the site names a proxy at all. */
export function hasProxy(site: ResolvedSite): boolean {
  return site.proxy?.http !== undefined || site.proxy?.https !== undefined;
}

/** osism.commons.proxy (APT, environment) and osism.services.docker proxy variables. */
export function globalProxyVars(site: ResolvedSite): Vars {
  if (!hasProxy(site)) return {};
  const p = site.proxy!;
  const proxies: Vars = {};
  if (p.http !== undefined) proxies.http = ansibleText(p.http);
  if (p.https !== undefined) proxies.https = ansibleText(p.https);
  const noProxy = noProxyEntries(site).map(ansibleText);
  return {
    proxy_proxies: proxies,
    proxy_no_proxy_extra: noProxy,
    docker_configure_proxy: true,
    ...(p.http !== undefined ? { docker_proxy_http: ansibleText(p.http) } : {}),
    ...(p.https !== undefined ? { docker_proxy_https: ansibleText(p.https) } : {}),
    docker_proxy_no_proxy_extra: noProxy,
  };
}

/** kolla-ansible's container proxy variables (environments/kolla/configuration.yml). */
export function kollaProxyVars(site: ResolvedSite): Vars {
  if (!hasProxy(site)) return {};
  const p = site.proxy!;
  return {
    container_http_proxy: ansibleText(p.http ?? ''),
    container_https_proxy: ansibleText(p.https ?? p.http ?? ''),
    container_no_proxy: ansibleText(noProxyEntries(site).join(',')),
  };
}

/** The k3s roles' proxy_env (passed to the k3s systemd unit). */
export function k3sProxyVars(site: ResolvedSite): Vars {
  if (!hasProxy(site)) return {};
  const p = site.proxy!;
  return {
    proxy_env: {
      HTTP_PROXY: ansibleText(p.http ?? p.https ?? ''),
      HTTPS_PROXY: ansibleText(p.https ?? p.http ?? ''),
      NO_PROXY: ansibleText(noProxyEntries(site).join(',')),
    },
  };
}
