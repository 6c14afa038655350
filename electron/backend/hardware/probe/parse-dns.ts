// SPDX-License-Identifier: Apache-2.0
// DNS resolvers: /etc/resolv.conf, and `resolvectl dns` for the real upstreams behind the 127.0.0.53 stub.
import { parsed, safeLines, unique, type Parsed } from './parse-util.js';

/** Resolver settings from resolv.conf. */
export interface ResolvConf {
  servers: string[];
  search: string[];
}

/** `nameserver`, `search` and `domain` lines; comments and options are ignored. */
export function parseResolvConf(text: string): Parsed<ResolvConf> {
  const servers: string[] = [];
  const search: string[] = [];
  for (const line of safeLines(text)) {
    const t = line.replace(/[#;].*$/, '').trim();
    const [key, ...rest] = t.split(/\s+/);
    if (key === 'nameserver' && rest[0]) servers.push(rest[0]);
    // The last search/domain line wins, as in the resolver.
    else if ((key === 'search' || key === 'domain') && rest.length > 0) search.splice(0, search.length, ...rest);
  }
  return parsed({ servers: unique(servers), search: unique(search) });
}

/** `resolvectl dns`: "Global: 1.1.1.1" / "Link 2 (eno1): 192.168.10.1 fe80::1%eno1#dns.example". */
export function parseResolvectlDns(text: string): Parsed<string[]> {
  const out: string[] = [];
  for (const line of safeLines(text)) {
    const m = /^(?:Global|Link \d+ \([^)]*\)):(.*)$/.exec(line.trim());
    if (!m) continue;
    for (const token of (m[1] ?? '').trim().split(/\s+/)) {
      // Strip the DoT server name ("#dns.example") and the IPv6 zone ("%eno1").
      const addr = token.replace(/#.*$/, '').replace(/%.*$/, '');
      if (/^[0-9a-fA-F.:]+$/.test(addr) && addr.length >= 2) out.push(addr);
    }
  }
  return parsed(unique(out));
}

/** Stub resolvers that only forward to systemd-resolved. */
export function isStubResolver(addr: string): boolean {
  return addr === '127.0.0.53' || addr === '127.0.0.54';
}
