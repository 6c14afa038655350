// SPDX-License-Identifier: Apache-2.0
// What counts as inside the site for the air-gap leak check: the site's names (domain, node,
// registry, APT mirror, proxy, NTP), its networks and declared addresses, and airgap.allow.
import ipaddr from 'ipaddr.js';
import { contains, networkOf, parseInterface, type Net } from './ip-math.js';
import type { ResolvedSite } from './site-types.js';

export type PublicAddr = ipaddr.IPv4 | ipaddr.IPv6;

// Special-use names (RFC 6761, 6762, 8375, ICANN's .internal) never resolve on the public internet.
const SPECIAL_USE = ['localhost', 'localdomain', 'local', 'internal', 'home.arpa', 'invalid', 'test', 'example'];

/** Parses an address literal (IPv4-mapped IPv6 becomes IPv4), or null. */
export function parseAddress(text: string): PublicAddr | null {
  try {
    const a = ipaddr.parse(text);
    return a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress() ? (a as ipaddr.IPv6).toIPv4Address() : a;
  } catch {
    return null;
  }
}

/** The host of an http(s) URL or of "host:port" / "[v6]:port", lower-case, without brackets. */
function hostOf(value: string | undefined): string | null {
  if (!value) return null;
  const m = /^(?:[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?)?(\[[^\]]+\]|[^:/?#]+)/i.exec(value);
  return m ? m[1]!.replace(/^\[|\]$/g, '').toLowerCase() : null;
}

const under = (host: string, zone: string): boolean => host === zone || host.endsWith(`.${zone}`);

/** The site's own names and addresses, built once per scan. */
export class SiteLocality {
  private readonly zones: string[];
  private readonly hosts = new Set<string>();
  private readonly allowNames: string[] = [];
  private readonly allowAddrs = new Set<string>();
  private readonly declared = new Set<string>();
  private readonly nets: Net[] = [];
  private readonly domain: string;

  constructor(site: ResolvedSite) {
    this.domain = site.domain.toLowerCase();
    this.zones = [this.domain, ...site.dns.search.map((s) => s.toLowerCase())];
    for (const entry of site.airgap.allow) {
      const addr = parseAddress(entry);
      if (addr) this.allowAddrs.add(addr.toString());
      else this.allowNames.push(entry.toLowerCase().replace(/\.+$/, ''));
    }
    const names = [site.api_fqdn, site.node.hostname, `${site.node.hostname}.${site.domain}`, hostOf(site.registry.host), hostOf(site.apt_mirror.url), hostOf(site.proxy?.http), hostOf(site.proxy?.https), ...site.ntp.servers];
    for (const name of names) {
      if (!name) continue;
      const addr = parseAddress(name);
      if (addr) this.declared.add(addr.toString());
      else this.hosts.add(name.toLowerCase());
    }
    const { management: m, networks: n } = site;
    for (const cidr of [m.address, m.ipv6?.address, n.internal.cidr, n.internal.ipv6?.cidr, n.workload.cidr, n.workload.ipv6?.cidr, n.external.cidr, n.external.ipv6?.cidr]) {
      const iface = cidr === undefined ? null : parseInterface(cidr);
      if (iface) this.nets.push(networkOf(iface.addr, iface.prefix));
    }
    const addresses = [m.gateway, m.ipv6?.gateway, n.internal.address, n.internal.vip, n.internal.ipv6?.address, n.internal.ipv6?.vip, n.workload.address, n.workload.ipv6?.address];
    addresses.push(n.external.gateway, n.external.pool.start, n.external.pool.end, n.external.ipv6?.gateway, ...site.dns.servers, ...site.airgap.allow);
    for (const a of addresses) {
      const addr = a === undefined ? null : parseAddress(a);
      if (addr) this.declared.add(addr.toString());
    }
  }

  /** True when airgap.allow names `host` or a parent domain of it. */
  allows(host: string): boolean {
    return this.allowNames.some((a) => under(host, a));
  }

  /** True when airgap.allow lists the address. */
  allowsAddress(addr: PublicAddr): boolean {
    return this.allowAddrs.has(addr.toString());
  }

  /** True when the address lies in a site network or is one the site file names (gateway, DNS, NTP, ...). */
  declares(addr: PublicAddr): boolean {
    return this.declared.has(addr.toString()) || this.nets.some((net) => contains(net, addr));
  }

  /** True for a URL host inside the site: its names, private or declared addresses, allowed hosts. */
  isLocalHost(host: string): boolean {
    const addr = parseAddress(host);
    if (addr) return this.allowsAddress(addr) || addr.range() !== 'unicast' || this.declares(addr);
    // A dotless name resolves through the site's search domains, never on the public internet.
    if (!host.includes('.')) return true;
    if (SPECIAL_USE.some((z) => under(host, z))) return true;
    return this.hosts.has(host) || this.zones.some((z) => under(host, z)) || this.allows(host);
  }

  /** What "site-local" meant, for a finding's reason. */
  describe(): string {
    return `not under the site domain ${this.domain}, not the node, registry, APT mirror, proxy or NTP server, not in airgap.allow`;
  }
}
