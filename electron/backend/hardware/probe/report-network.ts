// SPDX-License-Identifier: Apache-2.0
// Assembles NICs, default routes, DNS and listening sockets from the ip, sysfs, resolver and ss sections.
import type { HardwareReport, Nic, Routes } from '../../../api/generated/hardware-report-types.js';
import { isStubResolver, parseResolvConf, parseResolvectlDns } from './parse-dns.js';
import { parseIpJson, parseIpText, type IpLink } from './parse-ip.js';
import { parseNicSysfs, type NicSysfs } from './parse-nic-sysfs.js';
import { parseRoutesJson, parseRoutesText } from './parse-routes.js';
import { parseSs } from './parse-ss.js';
import type { SectionReader } from './section-reader.js';

// Software interfaces by name, for when sysfs could not be read.
const VIRTUAL_NAMES = /^(lo|veth|docker|br-|virbr|vnet|tap|tun|bond|vxlan|ovs-|cni|flannel|cali|kube-|cilium|wg|dummy|ifb|sit|ip6tnl|gre|erspan|nlmon|team)/;
const VIRTUAL_KINDS = new Set(['bridge', 'bond', 'tun', 'veth', 'vlan', 'macvlan', 'vxlan', 'dummy', 'wireguard', 'team', 'ipvlan', 'openvswitch']);

/** NICs from ip (JSON, or text as fallback), merged with /sys/class/net facts. */
export function buildNics(r: SectionReader): Nic[] {
  const json = r.read(['ip-addr'], { quiet: true });
  let links: IpLink[] | null = null;
  if (json) {
    links = r.parse(json, parseIpJson);
  } else {
    const addr = r.read(['ip-addr-text'], { quiet: true });
    const link = r.read(['ip-link-text'], { quiet: true });
    if (addr || link) {
      r.warnings.push('ip -j is not supported here; interfaces were read from ip -o');
      links = parseIpText(`${link?.stdout ?? ''}\n${addr?.stdout ?? ''}`).value;
      if (!links) r.fail(addr ? 'ip-addr-text' : 'ip-link-text', 'output could not be parsed: no interfaces found');
    } else {
      r.read(['ip-addr', 'ip-addr-text', 'ip-link-text']); // records why there is no interface list
    }
  }
  const sysSection = r.read(['nic-sysfs']);
  const sysfs = sysSection ? (r.parse(sysSection, parseNicSysfs) ?? new Map<string, NicSysfs>()) : new Map<string, NicSysfs>();
  const names = links ? links.map((l) => l.name) : [...sysfs.keys()];
  return names.map((name) => nic(name, links?.find((l) => l.name === name), sysfs.get(name)));
}

function nic(name: string, ip: IpLink | undefined, sys: NicSysfs | undefined): Nic {
  const kind = ip?.kind ?? sys?.kind ?? null;
  const virtual =
    ip?.linkType === 'loopback' || sys?.arpType === 772 || (kind !== null && VIRTUAL_KINDS.has(kind)) ||
    (sys ? !sys.hasDevice : ip?.parent != null || VIRTUAL_NAMES.test(name) || ip?.linkType === 'none');
  return {
    name,
    mac: ip?.mac ?? sys?.mac ?? null,
    mtu: ip?.mtu ?? sys?.mtu ?? null,
    operState: (ip?.operState ?? sys?.operState)?.toLowerCase() ?? null,
    carrier: sys?.carrier ?? (ip ? (ip.flags.includes('LOWER_UP') ? true : ip.flags.includes('NO-CARRIER') ? false : null) : null),
    speedMbps: sys?.speedMbps ?? null,
    driver: sys?.driver ?? null,
    addresses: ip?.addresses ?? [],
    virtual,
    sriovTotalVfs: sys?.sriovTotalVfs ?? null,
  };
}

/** IPv4 and IPv6 default routes. */
export function buildRoutes(r: SectionReader): Routes {
  const read = (json: string, textName: string) => {
    const s = r.read([json, textName]);
    if (!s) return [];
    return r.parse(s, s.name === json ? parseRoutesJson : parseRoutesText) ?? [];
  };
  return { default4: read('route4', 'route4-text'), default6: read('route6', 'route6-text') };
}

/** DNS servers and search domains; the upstreams from resolvectl replace a 127.0.0.53 stub. */
export function buildDns(r: SectionReader): HardwareReport['dns'] {
  const conf = r.read(['resolv-conf']);
  const rc = conf ? (r.parse(conf, parseResolvConf) ?? { servers: [], search: [] }) : { servers: [], search: [] };
  const stubOnly = rc.servers.length > 0 && rc.servers.every(isStubResolver);
  // resolvectl only matters behind the stub; elsewhere its absence is not a problem.
  const ctl = r.read(['resolvectl'], { quiet: !stubOnly && conf !== null });
  const upstream = ctl ? parseResolvectlDns(ctl.stdout).value : [];
  return { servers: stubOnly && upstream.length > 0 ? upstream : rc.servers, search: rc.search };
}

/** Listening TCP and bound UDP sockets. */
export function buildListening(r: SectionReader): HardwareReport['listening'] {
  const s = r.read(['ss', 'ss-header']);
  return s ? (r.parse(s, parseSs) ?? []) : [];
}
