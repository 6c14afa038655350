// SPDX-License-Identifier: Apache-2.0
// Invalid site files for property tests: a valid site from site-arbitraries.ts with one mutation
// applied, each mutation knowing the JSON pointer of the field it breaks.
import fc from 'fast-check';
import { resolveSite } from '../../electron/backend/site/site-defaults.js';
import type { ResolvedSite, SiteConfig } from '../../electron/backend/site/site-types.js';
import { validSite, type SiteObject } from './site-arbitraries.js';

/** An invalid site file and the field validation must blame (or a parent or child of it). */
export interface InvalidSite {
  config: SiteObject;
  pointer: string;
  mutation: string;
}

type Pick = <T>(xs: readonly T[]) => T;
/** Changes `site` in place; returns the pointer it broke, or null when it does not apply to this site. */
type Mutate = (site: SiteObject, r: ResolvedSite, pick: Pick) => string | null;

// Never inside a generated network (those live in 10.0.0.0/8 and fdXX::/8) nor a default one (192.168.x).
const OUT4 = '172.31.254.1';
const OUT6 = 'fc00::1';
const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PGP PUBLIC KEY BLOCK-----\nmQIN\n-----END PGP PUBLIC KEY BLOCK-----\n';

const segs = (pointer: string) => pointer.split('/').slice(1);

function setAt(obj: SiteObject, pointer: string, value: unknown): void {
  const path = segs(pointer);
  let node = obj;
  for (const s of path.slice(0, -1)) {
    if (typeof node[s] !== 'object' || node[s] === null || Array.isArray(node[s])) node[s] = {};
    node = node[s] as SiteObject;
  }
  node[path[path.length - 1]!] = value;
}

function deleteAt(obj: SiteObject, pointer: string): void {
  const path = segs(pointer);
  let node: unknown = obj;
  for (const s of path.slice(0, -1)) node = (node as SiteObject | undefined)?.[s];
  if (node && typeof node === 'object') delete (node as SiteObject)[path[path.length - 1]!];
}

/** Sets one of several [pointer, value] pairs and returns its pointer. */
const setOne = (site: SiteObject, [pointer, value]: readonly [string, unknown]): string => {
  setAt(site, pointer, value);
  return pointer;
};

const v4 = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
const num = (a: string) => a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
/** First and last address of an IPv4 CIDR. */
function bounds(cidr: string): [string, string] {
  const [addr, prefix] = cidr.split('/') as [string, string];
  const size = 2 ** (32 - Number(prefix));
  const base = num(addr) - (num(addr) % size);
  return [v4(base), v4(base + size - 1)];
}

const openStack = (r: ResolvedSite) => r.type !== 'kubernetes';

const MUTATIONS: { name: string; apply: Mutate }[] = [
  {
    name: 'drop a required field',
    apply: (s, r, pick) => {
      const fields = ['/name', '/type', '/management', '/dns', '/ntp', '/management/interface', '/dns/servers', '/ntp/servers'];
      if (openStack(r)) fields.push('/storage');
      if (r.management.dhcp === false) fields.push('/management/address', '/management/gateway');
      const p = pick(fields);
      deleteAt(s, p);
      return p;
    },
  },
  {
    name: 'wrong type',
    apply: (s, _r, pick) =>
      setOne(s, pick([['/name', 42], ['/type', ['sandbox']], ['/management', 'eth0'], ['/dns/servers', '10.0.0.1'], ['/ntp', null], ['/management/dhcp', 'no'], ['/description', 7], ['/networks', []], ['/services/skyline', 'yes'], ['/storage/osd_volumes', 2.5], ['/networks/internal/vlan', '100'], ['/airgap/allow', 'x'], ['/registry/insecure', 1]] as const)),
  },
  {
    name: 'number out of range',
    apply: (s, _r, pick) =>
      setOne(s, pick([['/networks/internal/vlan', 0], ['/networks/internal/vlan', 4095], ['/networks/workload/vlan', -1], ['/management/mtu', 1279], ['/management/mtu', 9217], ['/networks/internal/mtu', 99999], ['/networks/workload/mtu', 0], ['/node/id', 0], ['/node/id', 254], ['/storage/osd_volumes', 0], ['/storage/osd_volumes', 25]] as const)),
  },
  {
    name: 'bad pattern or format',
    apply: (s, _r, pick) => {
      const [pointer, value, at = pointer] = pick([
        ['/name', 'Bad_Name'], ['/name', '-lead'], ['/name', 'a'], ['/management/interface', 'eth 0'], ['/management/interface', 'much-too-long-nic0'], ['/node/hostname', 'Host'],
        ['/versions/openstack', '2025.3'], ['/versions/k3s', '1.34.1'], ['/versions/manager', 'v9'], ['/domain', 'a..b'], ['/api_fqdn', 'api_x.org'], ['/registry/host', 'https://reg:5000'],
        ['/apt_mirror/url', 'ftp://mirror/ubuntu'], ['/storage/disk', 'sda'], ['/proxy/http', 'socks5://p:1080'], ['/operator/user', 'Root'], ['/networks/internal/cidr', '10.0.0.0'],
        ['/networks/internal/address', '10.0.0.256'], ['/management/address', '10.0.0.5'], ['/registry/ca_certificate', 'MIIB'], ['/apt_mirror/signing_key', 'key'],
        ['/operator/ssh_keys', ['ssh-dss AAAA'], '/operator/ssh_keys/0'], ['/dns/servers', ['dns.example.org'], '/dns/servers/0'], ['/ntp/servers', ['not a host'], '/ntp/servers/0'],
        ['/apt_mirror/suites', ['Noble'], '/apt_mirror/suites/0'], ['/proxy/no_proxy', ['a b'], '/proxy/no_proxy/0'], ['/airgap/allow', ['-x-'], '/airgap/allow/0'],
      ] as const);
      setAt(s, pointer, value);
      return at;
    },
  },
  {
    name: 'list size, uniqueness or text length',
    apply: (s, _r, pick) =>
      setOne(s, pick([['/dns/servers', ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']], ['/dns/servers', []], ['/ntp/servers', ['a.b', 'a.b']], ['/operator/ssh_keys', ['ssh-rsa AAAA', 'ssh-rsa AAAA']], ['/description', 'x'.repeat(501)], ['/registry/username', ''], ['/name', `a${'b'.repeat(63)}`]] as const)),
  },
  { name: 'value outside its enum', apply: (s, _r, pick) => setOne(s, pick([['/type', 'openstack'], ['/versions/ceph', 'pacific']] as const)) },
  { name: 'unknown field', apply: (s, _r, pick) => setOne(s, [pick(['/extra', '/networks/internal/gateway', '/management/vlan', '/registry/email', '/dns/domain', '/services/horizon', '/airgap/deny', '/networks/external/pool/step']), 1]) },
  {
    name: 'address outside its network',
    apply: (s, r, pick) => {
      const v: [string, string][] = [['/networks/internal/address', OUT4], ['/networks/internal/vip', OUT4]];
      if (r.networks.workload.cidr !== undefined) v.push(['/networks/workload/address', OUT4]);
      if (openStack(r)) v.push(['/networks/external/gateway', OUT4], ['/networks/external/pool/start', OUT4]);
      if (r.management.dhcp === false) v.push(['/management/gateway', OUT4]);
      if (r.networks.internal.ipv6) v.push(['/networks/internal/ipv6/address', OUT6]);
      const [pointer, value] = pick(v);
      // The schema wants a pool whole: keep the other end where it was.
      if (pointer.startsWith('/networks/external/pool/')) setAt(s, '/networks/external/pool', { ...r.networks.external.pool });
      return setOne(s, [pointer, value]);
    },
  },
  {
    name: 'VIP equal to the node address',
    apply: (s, r, pick) => setOne(s, pick([['/networks/internal/vip', r.networks.internal.address], ...(r.networks.internal.ipv6 ? [['/networks/internal/ipv6/vip', r.networks.internal.ipv6.address] as const] : [])])),
  },
  {
    name: 'overlapping networks',
    apply: (s, r, pick) => {
      const i6 = r.networks.internal.ipv6;
      if (i6 && pick([true, false])) return setOne(s, ['/networks/workload/ipv6', { cidr: i6.cidr, address: i6.address }]) + '/cidr';
      setAt(s, '/networks/workload/cidr', r.networks.internal.cidr);
      return '/networks/workload/cidr';
    },
  },
  {
    name: 'allocation pool reversed',
    apply: (s, r) => {
      const { start, end } = r.networks.external.pool;
      return openStack(r) && start !== end ? setOne(s, ['/networks/external/pool', { start: end, end: start }]) + '/end' : null;
    },
  },
  { name: 'gateway inside the pool', apply: (s, r) => (openStack(r) ? setOne(s, ['/networks/external/gateway', r.networks.external.pool.start]) : null) },
  { name: 'duplicate VLAN', apply: (s, r) => setOne(s, ['/networks/workload/vlan', r.networks.internal.vlan]) },
  { name: 'insecure registry with a CA', apply: (s, r) => setOne(s, ['/registry', { host: r.registry.host, insecure: true, ca_certificate: CA }]) + '/ca_certificate' },
  { name: 'registry password without user', apply: (s, r) => setOne(s, ['/registry', { host: r.registry.host, password: 'secret' }]) + '/username' },
  { name: 'trusted mirror with a key', apply: (s) => setOne(s, ['/apt_mirror', { url: 'file:/srv/ciab/apt', signing_key: KEY, trusted: true }]) + '/trusted' },
  { name: 'mirror neither signed nor trusted', apply: (s) => setOne(s, ['/apt_mirror', { url: 'http://mirror.site.lan/ubuntu' }]) + '/signing_key' },
  { name: 'no_proxy without a proxy', apply: (s) => setOne(s, ['/proxy', { no_proxy: ['localhost'] }]) + '/no_proxy' },
  {
    name: 'static address with DHCP on',
    apply: (s, r) => {
      setAt(s, '/management/dhcp', true);
      if (r.management.address === undefined) setAt(s, '/management/address', '172.31.0.5/24');
      return '/management/address';
    },
  },
  { name: 'static management without address', apply: (s, r) => setOne(s, ['/management', { interface: r.management.interface, dhcp: false }]) + '/address' },
  {
    name: 'network not at its own address',
    apply: (s, r, pick) => {
      const field = pick(['internal', ...(r.networks.workload.cidr !== undefined ? ['workload'] : [])]) as 'internal' | 'workload';
      const [base, prefix] = r.networks[field].cidr!.split('/') as [string, string];
      return setOne(s, [`/networks/${field}/cidr`, `${v4(num(base) + 1)}/${prefix}`]);
    },
  },
  {
    name: 'network or broadcast address as a host',
    apply: (s, r, pick) => {
      const v: [string, string][] = bounds(r.networks.internal.cidr).map((a) => ['/networks/internal/address', a]);
      const m = r.management.address;
      if (m !== undefined && r.management.dhcp === false) v.push(['/management/address', `${bounds(m)[pick([0, 1])]}/${m.split('/')[1]!}`]);
      return setOne(s, pick(v));
    },
  },
  {
    name: 'VLAN MTU above the NIC MTU',
    apply: (s) => {
      setAt(s, '/management/mtu', 1500);
      return setOne(s, ['/networks/internal/mtu', 9000]);
    },
  },
  {
    name: 'workload address without a network',
    apply: (s) => {
      deleteAt(s, '/networks/workload/cidr');
      setAt(s, '/networks/workload/address', OUT4);
      return '/networks/workload/cidr';
    },
  },
  {
    name: 'IPv4 where IPv6 belongs',
    apply: (s, r, pick) => {
      const v: [string, unknown, string][] = [
        ['/networks/internal/ipv6', { cidr: '172.31.0.0/16', address: 'fd00::1' }, '/networks/internal/ipv6/cidr'],
        ['/networks/workload/ipv6', { cidr: '172.31.0.0/16', address: 'fd00::1' }, '/networks/workload/ipv6/cidr'],
        ['/management/ipv6', { address: '172.31.0.1/24' }, '/management/ipv6/address'],
      ];
      if (openStack(r)) v.push(['/networks/external/ipv6', { cidr: '172.31.0.0/16' }, '/networks/external/ipv6/cidr']);
      const [pointer, value, at] = pick(v);
      setAt(s, pointer, value);
      return at;
    },
  },
];

/** The names of every mutation, to check a run exercised them all. */
export const MUTATION_NAMES = MUTATIONS.map((m) => m.name);

/** A site that validation must reject, with the pointer it must blame. */
export const invalidSite: fc.Arbitrary<InvalidSite> = fc
  .tuple(validSite, fc.integer({ min: 0, max: MUTATIONS.length - 1 }), fc.nat())
  .map(([site, i, n]) => {
    const config = structuredClone(site);
    const pick: Pick = (xs) => xs[n % xs.length]!;
    const pointer = MUTATIONS[i]!.apply(config, resolveSite(site as unknown as SiteConfig), pick);
    return pointer === null ? null : { config, pointer, mutation: MUTATIONS[i]!.name };
  })
  .filter((x): x is InvalidSite => x !== null);
