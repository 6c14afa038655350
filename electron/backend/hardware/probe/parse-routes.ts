// SPDX-License-Identifier: Apache-2.0
// Default routes from `ip -j [-6] route show default` or its text form (multipath nexthops included).
import type { DefaultRoute } from '../../../api/generated/hardware-report-types.js';
import { isRecord, parseJson, parsed, safeLines, text, type Parsed } from './parse-util.js';

const DEFAULT_DST = new Set(['default', '0.0.0.0/0', '::/0']);

/** JSON routes; entries that are not default routes are ignored. */
export function parseRoutesJson(input: string): Parsed<DefaultRoute[] | null> {
  if (input.trim() === '') return parsed([]);
  const j = parseJson(input);
  if (!j.ok) return parsed(null, [`ip -j route output is not JSON: ${j.error}`]);
  if (!Array.isArray(j.value)) return parsed(null, ['ip -j route output is not a list']);
  const out: DefaultRoute[] = [];
  for (const r of j.value) {
    if (!isRecord(r) || !DEFAULT_DST.has(String(r.dst))) continue;
    const hops = Array.isArray(r.nexthops) ? r.nexthops.filter(isRecord) : [r];
    for (const h of hops) {
      const dev = text(h.dev) ?? text(r.dev);
      if (dev) out.push({ dev, gateway: text(h.gateway) ?? text(r.gateway) });
    }
  }
  return parsed(out);
}

/** Text routes: `default via 10.0.2.2 dev enp0s3 proto dhcp metric 100`, `default dev wg0 scope link`. */
export function parseRoutesText(input: string): Parsed<DefaultRoute[] | null> {
  const out: DefaultRoute[] = [];
  let inDefault = false;
  let pendingGateway: string | null = null;
  for (const line of safeLines(input)) {
    const t = line.trim();
    if (t === '') continue;
    const isNexthop = t.startsWith('nexthop ');
    if (!isNexthop) {
      const dst = t.split(/\s+/)[0] ?? '';
      inDefault = DEFAULT_DST.has(dst);
      if (!inDefault) continue;
    } else if (!inDefault) continue;
    const gateway = /\bvia (?:inet6? )?(\S+)/.exec(t)?.[1] ?? null;
    const dev = /\bdev (\S+)/.exec(t)?.[1];
    if (dev) out.push({ dev, gateway: gateway ?? (isNexthop ? null : pendingGateway) });
    else if (!isNexthop) pendingGateway = gateway; // multipath head: hops follow
  }
  return parsed(out);
}
