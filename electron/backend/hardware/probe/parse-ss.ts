// SPDX-License-Identifier: Apache-2.0
// Listening sockets from `ss -H -ltnu` (header or not; service names mapped where well known).
import { parsed, safeLines, type Parsed } from './parse-util.js';

/** One listening TCP socket or bound UDP socket. */
export interface ListeningSocket {
  proto: 'tcp' | 'udp';
  address: string;
  port: number;
  process?: string;
}

// ss prints names instead of numbers without -n; the probe passes -n, copies from elsewhere may not.
const SERVICES: Record<string, number> = {
  ssh: 22, smtp: 25, domain: 53, bootps: 67, bootpc: 68, http: 80, ntp: 123, https: 443, 'dhcpv6-client': 546,
  'dhcpv6-server': 547, mysql: 3306, postgresql: 5432, 'http-alt': 8080, sunrpc: 111, rpcbind: 111,
};

/** Parse ss lines; sockets not listening (ESTAB, netlink, unix) are skipped. */
export function parseSs(text: string): Parsed<ListeningSocket[]> {
  const out: ListeningSocket[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const line of safeLines(text)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 5 || cols[0] === 'Netid' || cols[0] === 'State') continue;
    // With both -t and -u the first column is the protocol; with one of them it is missing.
    const hasNetid = cols[0] === 'tcp' || cols[0] === 'udp';
    const proto = hasNetid ? (cols[0] as 'tcp' | 'udp') : null;
    const state = cols[hasNetid ? 1 : 0];
    const local = cols[hasNetid ? 4 : 3] ?? '';
    if (!proto || !(state === 'LISTEN' || state === 'UNCONN')) continue;
    const i = local.lastIndexOf(':');
    if (i <= 0) {
      warnings.push(`ss address not understood: ${local.slice(0, 80)}`);
      continue;
    }
    const portText = local.slice(i + 1);
    const port = /^\d{1,5}$/.test(portText) ? Number(portText) : SERVICES[portText];
    if (port === undefined || port > 65535) {
      warnings.push(`ss port not understood: ${portText.slice(0, 40)}`);
      continue;
    }
    const address = local.slice(0, i).replace(/^\[(.*)\]$/, '$1');
    const proc = /users:\(\("([^"]+)"/.exec(line)?.[1];
    const key = `${proto} ${address} ${port}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ proto, address, port, ...(proc ? { process: proc } : {}) });
  }
  return parsed(out, warnings);
}
