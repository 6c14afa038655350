// SPDX-License-Identifier: Apache-2.0
// The site's HTTP proxy, when it has one: APT's proxy settings and systemd drop-ins that give
// Docker and k3s the proxy variables. Every site-local destination (the registry, the mirror, the
// site networks) is added to NO_PROXY, so local pulls never detour through the proxy.
import { networkOf, parseInterface } from '../../ip-math.js';
import { isOpenStackType } from '../../site-types.js';
import { RenderError, type RenderContext, type RenderedFile } from '../render-types.js';
import { hostFile, RENDERED_BY, safeText, withSecrets } from './host-file.js';
import { K3S_CLUSTER_CIDRS, K3S_SERVICE_CIDRS } from './k3s-config.js';

export const APT_PROXY_PATH = '/etc/apt/apt.conf.d/95ciab-proxy';
export const DOCKER_PROXY_PATH = '/etc/systemd/system/docker.service.d/http-proxy.conf';
// A drop-in rather than k3s.service.env: k3s's install script rewrites that file on every run.
export const K3S_PROXY_PATH = '/etc/systemd/system/k3s.service.d/http-proxy.conf';

/** The proxy settings every consumer writes in its own syntax. */
export interface SiteProxy {
  http: string;
  https: string;
  noProxy: string[];
  /** The proxy URL carries a password, so the files holding it are secrets. */
  credentials: boolean;
}

// RFC 3986 characters only: a proxy URL with anything else (quotes, backslashes, spaces, raw
// non-ASCII) is not a URL and would need format-specific escaping APT cannot do.
const URL_CHARS = /^https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/;
const APT_HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;

function proxyUrl(value: string, field: string): URL {
  const bad = new RenderError(`${field} must be an http:// or https:// URL with special characters percent-encoded`, field);
  if (!URL_CHARS.test(value)) throw bad;
  try {
    return new URL(value);
  } catch {
    throw bad;
  }
}

/** The host part of host[:port] or [v6]:port. */
function hostOnly(hostPort: string): string {
  const v6 = /^\[([^\]]+)\]/.exec(hostPort);
  return v6 ? v6[1]! : hostPort.replace(/:\d+$/, '');
}

function mirrorHost(url: string): string | undefined {
  if (!/^https?:\/\//.test(url)) return undefined;
  try {
    return hostOnly(new URL(url).host);
  } catch {
    return undefined; // not a URL the proxy settings could name; APT reports it itself
  }
}

/** The network of an interface address (10.20.0.5/24 → 10.20.0.0/24). */
function networkText(iface: string): string | undefined {
  const parsed = parseInterface(iface);
  return parsed ? networkOf(parsed.addr, parsed.prefix).text : undefined;
}

/** The site proxy with its NO_PROXY list, or undefined when the site has no proxy. */
export function siteProxy(ctx: RenderContext): SiteProxy | undefined {
  const p = ctx.site.proxy;
  const given = p?.http ?? p?.https;
  if (p === undefined || given === undefined) return undefined;
  // One URL given serves both schemes: proxies tunnel https through CONNECT either way.
  const httpUrl = proxyUrl(p.http ?? given, p.http !== undefined ? '/proxy/http' : '/proxy/https');
  const httpsUrl = proxyUrl(p.https ?? given, p.https !== undefined ? '/proxy/https' : '/proxy/http');
  const own = (p.no_proxy ?? []).map((e, i) => {
    const field = `/proxy/no_proxy/${i}`;
    safeText(e, field);
    if (/[\s,]/.test(e)) throw new RenderError(`${field} must be one host, domain or network without spaces or commas`, field);
    return e;
  });
  const s = ctx.site;
  const { internal, workload } = s.networks;
  const local = [
    'localhost',
    '127.0.0.1',
    '::1',
    hostOnly(s.registry.host),
    mirrorHost(s.apt_mirror.url),
    s.api_fqdn,
    `.${s.domain}`,
    internal.cidr,
    internal.ipv6?.cidr,
    workload.cidr,
    workload.ipv6?.cidr,
    s.management.address !== undefined ? networkText(s.management.address) : undefined,
    s.management.ipv6 ? networkText(s.management.ipv6.address) : undefined,
    ...(isOpenStackType(s.type) ? [] : [...K3S_CLUSTER_CIDRS, ...K3S_SERVICE_CIDRS, '.svc', '.cluster.local']),
  ].filter((e): e is string => e !== undefined);
  const noProxy = [...new Set([...own, ...local])];
  // The URLs are written as the site gives them (new URL would add a trailing slash).
  const credentials = httpUrl.password !== '' || httpsUrl.password !== '';
  return { http: p.http ?? given, https: p.https ?? given, noProxy, credentials };
}

/** A value for a systemd Environment= line: double-quoted, with \ and " escaped and % doubled (specifiers). */
export function systemdQuote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%')}"`;
}

function systemdDropIn(proxy: SiteProxy, what: string): string {
  const env = [
    ['HTTP_PROXY', proxy.http],
    ['HTTPS_PROXY', proxy.https],
    ['NO_PROXY', proxy.noProxy.join(',')],
  ];
  const lines = [`# ${RENDERED_BY}`, `# The site proxy for ${what}.`, '# Site-local destinations bypass it (NO_PROXY).', '[Service]', ...env.map(([k, v]) => `Environment=${systemdQuote(`${k}=${v}`)}`)];
  return `${lines.join('\n')}\n`;
}

function aptProxy(ctx: RenderContext, proxy: SiteProxy): string {
  // APT has no NO_PROXY: each host that goes direct is named on its own. APT strings cannot hold
  // a quote, and its option names split at '::', so only plain host names and IPv4 addresses.
  const direct = [mirrorHost(ctx.site.apt_mirror.url), ...proxy.noProxy].filter((h): h is string => h !== undefined && APT_HOST.test(h));
  const lines = [
    `// ${RENDERED_BY}`,
    '// The site proxy for APT; the site mirror and the NO_PROXY hosts go direct.',
    `Acquire::http::Proxy "${proxy.http}";`,
    `Acquire::https::Proxy "${proxy.https}";`,
    ...[...new Set(direct)].flatMap((h) => [`Acquire::http::Proxy::${h} "DIRECT";`, `Acquire::https::Proxy::${h} "DIRECT";`]),
  ];
  return `${lines.join('\n')}\n`;
}

/** The proxy files of the site (none without a proxy). */
export function renderProxyFiles(ctx: RenderContext): RenderedFile[] {
  const proxy = siteProxy(ctx);
  if (!proxy) return [];
  const files = [hostFile(APT_PROXY_PATH, aptProxy(ctx, proxy)), hostFile(DOCKER_PROXY_PATH, systemdDropIn(proxy, 'Docker'))];
  if (ctx.site.type === 'kubernetes') files.push(hostFile(K3S_PROXY_PATH, systemdDropIn(proxy, 'k3s and its containerd')));
  return files.map((f) => withSecrets(ctx, f, proxy.credentials));
}
