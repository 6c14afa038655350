// SPDX-License-Identifier: Apache-2.0
// Interfaces and addresses from `ip -j addr` (JSON) or from text: `ip -o addr`, `ip -o link`, `ip addr`.
import { isRecord, parseJson, parsed, safeLines, text, toInt, type Parsed } from './parse-util.js';

/** One address on an interface. */
export interface IpAddress {
  family: 'inet' | 'inet6';
  address: string;
  prefix: number;
  scope?: string;
}

/** One interface as iproute2 reports it. */
export interface IpLink {
  name: string;
  mac: string | null;
  mtu: number | null;
  operState: string | null;
  /** ether, loopback, none, infiniband, sit, ... */
  linkType: string | null;
  /** linkinfo kind from `ip -d` (bridge, vlan, veth, bond, ...) when present. */
  kind: string | null;
  /** Lower device of a vlan/macvlan ("eth0" for "eth0.100@eth0"). */
  parent: string | null;
  flags: string[];
  addresses: IpAddress[];
}

/** `ip -j addr` (optionally -d): a JSON list of links with addr_info. */
export function parseIpJson(input: string): Parsed<IpLink[] | null> {
  const j = parseJson(input);
  if (!j.ok) return parsed(null, [`ip -j output is not JSON: ${j.error}`]);
  if (!Array.isArray(j.value)) return parsed(null, ['ip -j output is not a list']);
  const out: IpLink[] = [];
  for (const it of j.value) {
    if (!isRecord(it) || typeof it.ifname !== 'string') continue;
    const link = blankLink(it.ifname);
    link.mac = text(it.address);
    link.mtu = toInt(it.mtu);
    link.operState = text(it.operstate);
    link.linkType = text(it.link_type);
    link.kind = isRecord(it.linkinfo) ? text(it.linkinfo.info_kind) : null;
    link.parent = text(it.link);
    link.flags = Array.isArray(it.flags) ? it.flags.filter((f): f is string => typeof f === 'string') : [];
    for (const a of Array.isArray(it.addr_info) ? it.addr_info : []) {
      if (!isRecord(a)) continue;
      const family = a.family === 'inet' || a.family === 'inet6' ? a.family : null;
      const address = text(a.local);
      const prefix = toInt(a.prefixlen);
      if (!family || !address || prefix === null) continue;
      link.addresses.push({ family, address, prefix, ...(typeof a.scope === 'string' ? { scope: a.scope } : {}) });
    }
    out.push(link);
  }
  return parsed(out);
}

/** Text forms: `ip addr`, `ip -o addr`, `ip -o link`, or several of them concatenated. */
export function parseIpText(input: string): Parsed<IpLink[] | null> {
  const links = new Map<string, IpLink>();
  const warnings: string[] = [];
  let current: IpLink | undefined;
  const get = (name: string) => {
    let l = links.get(name);
    if (!l) links.set(name, (l = blankLink(name)));
    return l;
  };
  // -o puts a record on one line, with "\" where `ip` would break the line.
  const lines = safeLines(input.replace(/\\\s+/g, '\n    '));
  for (const line of lines) {
    if (line.trim() === '') continue;
    let m = /^\d+:\s+([^\s:@]+)(?:@([^\s:]+))?:\s+<([^>]*)>(.*)$/.exec(line);
    if (m) {
      current = get(m[1] as string);
      current.parent = m[2] && m[2] !== 'NONE' ? m[2] : null;
      current.flags = (m[3] ?? '').split(',').filter(Boolean);
      const rest = m[4] ?? '';
      current.mtu = toInt(/\bmtu (\d+)/.exec(rest)?.[1]);
      current.operState = /\bstate (\S+)/.exec(rest)?.[1] ?? null;
      continue;
    }
    m = /^\d+:\s+([^\s:@]+)\s+(inet6?\s.*)$/.exec(line);
    if (m) {
      current = get(m[1] as string);
      addAddress(current, m[2] as string);
      continue;
    }
    if (!current) {
      warnings.push(`ip line before any interface: ${line.slice(0, 120)}`);
      continue;
    }
    const t = line.trim();
    const lm = /^link\/(\S+)(?:\s+(\S+))?/.exec(t);
    if (lm) {
      current.linkType = lm[1] ?? null;
      current.mac = lm[2] && lm[2] !== 'brd' ? lm[2] : null;
    } else if (/^inet6?\s/.test(t)) {
      addAddress(current, t);
    }
  }
  if (links.size === 0) return parsed(null, ['no interfaces in ip output', ...warnings]);
  return parsed([...links.values()], warnings);
}

function addAddress(link: IpLink, t: string): void {
  const m = /^(inet6?)\s+([0-9a-fA-F.:]+)(?:\/(\d+))?(.*)$/.exec(t.trim());
  if (!m) return;
  const family = m[1] as 'inet' | 'inet6';
  const prefix = m[3] ? toInt(m[3]) : family === 'inet' ? 32 : 128;
  if (prefix === null) return;
  const scope = /\bscope (\S+)/.exec(m[4] ?? '')?.[1];
  link.addresses.push({ family, address: m[2] as string, prefix, ...(scope ? { scope } : {}) });
}

function blankLink(name: string): IpLink {
  return { name, mac: null, mtu: null, operState: null, linkType: null, kind: null, parent: null, flags: [], addresses: [] };
}
