// SPDX-License-Identifier: Apache-2.0
// Network checks: a default route through a NIC that is up, its link, DNS resolvers, host name.
import type { HardwareReport, Nic } from '../../../../api/generated/hardware-report-types.js';
import type { Evaluate } from '../check-kind.js';
import type { NoParams, ParamsNetLink } from '../generated-profile-types.js';
import { arr, cleanText, formatSpeed, listSome, num } from '../units.js';

/** Default routes of both families, IPv4 first. */
function defaultRoutes(report: HardwareReport): { dev: string; gateway: string | null; family: string }[] {
  const r = report.routes;
  return [
    ...arr(r?.default4).map((x) => ({ ...x, family: 'IPv4' })),
    ...arr(r?.default6).map((x) => ({ ...x, family: 'IPv6' })),
  ].filter((x) => typeof x.dev === 'string');
}

function nicNamed(report: HardwareReport, name: string): Nic | undefined {
  return arr(report.nics).find((n) => n.name === name);
}

/** A NIC is up unless the kernel says it is down or has no carrier. */
function isDown(n: Nic | undefined): boolean {
  return n !== undefined && (n.operState === 'down' || n.carrier === false);
}

/** net.default-route: some default route goes through a NIC that is up. */
export const netDefaultRoute: Evaluate<NoParams> = (report) => {
  const routes = defaultRoutes(report);
  if (routes.length === 0) return { status: 'unmet', found: 'none' };
  const usable = routes.filter((r) => !isDown(nicNamed(report, r.dev)));
  if (usable.length === 0) return { status: 'unmet', found: 'down', vars: { nic: cleanText(routes[0]!.dev, 30) } };
  const text = usable.map((r) => `${cleanText(r.dev, 30)}${r.gateway ? ` via ${cleanText(r.gateway, 45)}` : ''} (${r.family})`);
  return { status: 'met', found: 'ok', vars: { routes: listSome(text, 3) } };
};

/** The NIC whose link matters: the default-route NIC, else the first physical one with a carrier. */
function primaryNic(report: HardwareReport): Nic | undefined {
  for (const r of defaultRoutes(report)) {
    const n = nicNamed(report, r.dev);
    if (n) return n;
  }
  const physical = arr(report.nics).filter((n) => !n.virtual);
  return physical.find((n) => n.carrier === true) ?? physical[0];
}

/** net.link: the primary NIC has a carrier and, when it reports one, enough speed. */
export const netLink: Evaluate<ParamsNetLink> = (report, params) => {
  const nic = primaryNic(report);
  const minSpeed = params.minSpeedMbps ? formatSpeed(params.minSpeedMbps) : null;
  if (!nic) return { status: 'unmet', found: 'none', vars: { minSpeed } };
  const speed = num(nic.speedMbps);
  // Virtual NICs (virtio, bridges) report no speed or -1: nothing to hold against them.
  const vars = { minSpeed, nic: cleanText(nic.name, 30), speed: speed !== null && speed > 0 ? formatSpeed(speed) : null, mtu: num(nic.mtu) };
  if (isDown(nic)) return { status: 'unmet', found: 'down', vars };
  if (nic.carrier !== true && nic.operState !== 'up') return { status: 'unknown', found: 'unknown', vars };
  if (params.minSpeedMbps && speed !== null && speed > 0 && speed < params.minSpeedMbps) return { status: 'unmet', found: 'slow', vars };
  return { status: 'met', found: 'ok', vars };
};

// systemd-resolved's stub listeners: they forward to upstream servers the probe did not see.
const STUB_RESOLVERS = new Set(['127.0.0.53', '127.0.0.54']);

/** net.dns: at least one resolver besides the local stub. */
export const netDns: Evaluate<NoParams> = (report) => {
  const servers = arr(report.dns?.servers).filter((s) => typeof s === 'string' && s !== '').map((s) => cleanText(s, 45));
  if (servers.length === 0) return { status: 'unmet', found: 'none' };
  const upstream = servers.filter((s) => !STUB_RESOLVERS.has(s));
  if (upstream.length === 0) return { status: 'unmet', found: 'stubOnly', vars: { servers: servers.join(', ') } };
  return { status: 'met', found: 'ok', vars: { servers: listSome(upstream, 4) } };
};

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** net.hostname: a valid host name that is not localhost. */
export const netHostname: Evaluate<NoParams> = (report) => {
  const h = report.host?.hostname;
  if (typeof h !== 'string') return { status: 'unknown', found: 'unknown' };
  const hostname = cleanText(h, 80) || '(empty)';
  if (h === '' || /^localhost(\.localdomain)?$/i.test(h)) return { status: 'unmet', found: 'localhost', vars: { hostname } };
  if (!HOSTNAME.test(h)) return { status: 'unmet', found: 'invalid', vars: { hostname } };
  return { status: 'met', found: 'ok', vars: { hostname } };
};
