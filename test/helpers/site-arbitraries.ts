// SPDX-License-Identifier: Apache-2.0
// fast-check generators of VALID site files for every CiaB type: non-overlapping networks built by
// construction, optional dual stack, registry, mirror and proxy, and hostile free text wherever the
// schema allows any text. Invalid sites are made from these by test/helpers/site-mutations.ts.
import fc from 'fast-check';

export type SiteObject = Record<string, unknown>;

/** Strings a shell, YAML or Jinja would choke on: metacharacters, quotes, escapes, newlines, unicode. */
const HOSTILE = ['$(rm -rf /)', '`id`', '; echo pwned', "it's", '"quoted"', 'back\\slash', 'line1\nline2', '{{ lookup("env","HOME") }}', '%s%n', '*?[a]', 'ünïcödé', '🚀', 'a\u0000b', '\u2028', 'tab\there', 'C:\\Windows', '--', '#!'];
const hostileChar = fc.constantFrom('$', '`', '"', "'", '\\', '\n', '\r', '\t', ';', '|', '&', '*', '{', '}', '%', '#', ':', ' ', 'ü', '🚀', '\u2028', 'a', '0');

/** Free text, up to `max` characters, biased towards hostile content. */
export function freeText(max: number, minLength = 0): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary', minLength, maxLength: Math.min(max, 60) }),
    fc.string({ unit: hostileChar, minLength, maxLength: Math.min(max, 60) }),
    fc.constantFrom(...HOSTILE).filter((s) => s.length >= minLength && s.length <= max),
  );
}

const label = fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/);
/** A host name as the schema's hostname pattern allows (1–3 labels). */
export const hostname = fc.array(label, { minLength: 1, maxLength: 3 }).map((l) => l.join('.'));
const ip = fc.oneof(fc.ipV4(), fc.ipV6());
const port = fc.integer({ min: 1, max: 65535 });
const pem = (kind: string) => fc.tuple(fc.base64String({ minLength: 4, maxLength: 120 }), fc.boolean()).map(([b, nl]) => `-----BEGIN ${kind}-----\n${b}\n-----END ${kind}-----${nl ? '\n' : ''}`);
const noSpace = (s: string) => s.replace(/\s/g, '');

const v4 = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/** Picks `k` distinct host offsets from 1..hosts, driven by `nats` (deterministic, shrinkable). */
function distinct(hosts: number, nats: number[], k: number): number[] {
  const out: number[] = [];
  for (const n of nats.slice(0, k)) {
    let v = 1 + (n % hosts);
    while (out.includes(v)) v = (v % hosts) + 1;
    out.push(v);
  }
  return out;
}

/** An IPv4 network inside its own /20 of 10.0.0.0/8 (so no two overlap) and host addresses in it. */
interface Net4 {
  cidr: string;
  prefix: number;
  host: (i: number) => string;
}
const net4 = (block: number) =>
  fc.tuple(fc.integer({ min: 20, max: 29 }), fc.array(fc.nat(), { minLength: 3, maxLength: 3 })).map(([prefix, nats]): Net4 => {
    const base = (10 << 24) + block * 4096;
    const picks = distinct(2 ** (32 - prefix) - 2, nats, 3);
    return { cidr: `${v4(base)}/${prefix}`, prefix, host: (i) => v4(base + picks[i]!) };
  });

/** An IPv6 ULA network fdXX:<id>::/prefix (ids distinct, so no two overlap) and addresses in it. */
const net6 = (id: number) =>
  fc.tuple(fc.integer({ min: 0, max: 255 }), fc.constantFrom(32, 48, 56, 64), fc.uniqueArray(fc.integer({ min: 1, max: 0xffff }), { minLength: 3, maxLength: 3 }), fc.boolean()).map(([b, prefix, hosts, upper]) => {
    const head = `fd${b.toString(16).padStart(2, '0')}:${id.toString(16)}:`;
    const cs = (s: string) => (upper ? s.toUpperCase() : s);
    return { cidr: cs(`${head}:/${prefix}`), prefix, host: (i: number) => cs(`${head}:${hosts[i]!.toString(16)}`) };
  });

const mtu = (max = 9216) => fc.integer({ min: 1280, max });

/** management + networks, built from distinct /20 blocks and distinct IPv6 ids. */
const networking = fc
  .record({
    blocks: fc.uniqueArray(fc.integer({ min: 0, max: 4095 }), { minLength: 4, maxLength: 4 }),
    ids: fc.uniqueArray(fc.integer({ min: 1, max: 0xffff }), { minLength: 4, maxLength: 4 }),
    vlans: fc.uniqueArray(fc.integer({ min: 1, max: 4094 }), { minLength: 2, maxLength: 2 }),
  })
  .chain(({ blocks, ids, vlans }) =>
    fc.record(
      {
        iface: fc.stringMatching(/^[A-Za-z0-9_.:@-]{1,15}$/),
        staticMgmt: fc.boolean(),
        sayDhcp: fc.boolean(),
        mgmtMtu: fc.option(mtu(), { nil: undefined }),
        vlanMtu: fc.tuple(fc.option(fc.nat(), { nil: undefined }), fc.option(fc.nat(), { nil: undefined })),
        mgmt4: net4(blocks[0]!),
        mgmt6: fc.option(net6(ids[0]!), { nil: undefined }),
        mgmt6gw: fc.boolean(),
        withNetworks: fc.boolean(),
        internal: fc.option(net4(blocks[1]!), { nil: undefined }),
        internal6: fc.option(fc.tuple(net6(ids[1]!), fc.boolean()), { nil: undefined }),
        workload: fc.option(fc.tuple(net4(blocks[2]!), fc.boolean()), { nil: undefined }),
        workload6: fc.option(net6(ids[2]!), { nil: undefined }),
        external: fc.option(fc.tuple(net4(blocks[3]!), fc.boolean(), fc.boolean()), { nil: undefined }),
        external6: fc.option(fc.tuple(net6(ids[3]!), fc.boolean()), { nil: undefined }),
      },
      { noNullPrototype: true },
    ).map((g) => {
      const management: SiteObject = { interface: g.iface };
      if (g.staticMgmt) Object.assign(management, { dhcp: false, address: `${g.mgmt4.host(0)}/${g.mgmt4.prefix}`, gateway: g.mgmt4.host(1) });
      else if (g.sayDhcp) management.dhcp = true;
      if (g.mgmtMtu !== undefined) management.mtu = g.mgmtMtu;
      if (g.mgmt6) management.ipv6 = { address: `${g.mgmt6.host(0)}/${g.mgmt6.prefix}`, ...(g.mgmt6gw ? { gateway: g.mgmt6.host(1) } : {}) };
      if (!g.withNetworks) return { management };
      // A VLAN's MTU may not exceed its parent NIC's.
      const vmtu = (n: number | undefined) => (n === undefined ? {} : { mtu: 1280 + (n % ((g.mgmtMtu ?? 1500) - 1279)) });
      const internal: SiteObject = { vlan: vlans[0], ...vmtu(g.vlanMtu[0]) };
      if (g.internal) Object.assign(internal, { cidr: g.internal.cidr, address: g.internal.host(0), vip: g.internal.host(1) });
      if (g.internal6) internal.ipv6 = { cidr: g.internal6[0].cidr, address: g.internal6[0].host(0), ...(g.internal6[1] ? { vip: g.internal6[0].host(1) } : {}) };
      const workload: SiteObject = { vlan: vlans[1], ...vmtu(g.vlanMtu[1]) };
      if (g.workload) Object.assign(workload, { cidr: g.workload[0].cidr, ...(g.workload[1] ? { address: g.workload[0].host(0) } : {}) });
      if (g.workload6) workload.ipv6 = { cidr: g.workload6.cidr, address: g.workload6.host(0) };
      const networks: SiteObject = { internal, workload };
      if (g.external) {
        // Three distinct hosts a < b < c (sorted picks): the gateway below or above the pool.
        const [a, b, c] = [0, 1, 2].map((i) => g.external![0].host(i)).sort((x, y) => ipNum(x) - ipNum(y)) as [string, string, string];
        const [gateway, start, end] = g.external[1] ? [a, b, g.external[2] ? b : c] : [c, a, g.external[2] ? a : b];
        networks.external = { cidr: g.external[0].cidr, gateway, pool: { start, end } };
      }
      if (g.external6) {
        // Without an IPv4 part of its own, the external network keeps its default one.
        const external = (networks.external ??= {}) as SiteObject;
        external.ipv6 = { cidr: g.external6[0].cidr, ...(g.external6[1] ? { gateway: g.external6[0].host(0) } : {}) };
      }
      return { management, networks };
    }),
  );

function ipNum(a: string): number {
  return a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

const registry = fc
  .record(
    {
      host: fc.oneof(fc.tuple(hostname, fc.option(port, { nil: undefined })).map(([h, p]) => (p === undefined ? h : `${h}:${p}`)), fc.tuple(fc.ipV4(), port).map(([a, p]) => `${a}:${p}`), fc.tuple(fc.ipV6(), port).map(([a, p]) => `[${a}]:${p}`)),
      insecure: fc.option(fc.boolean(), { nil: undefined }),
      ca: fc.option(pem('CERTIFICATE'), { nil: undefined }),
      username: fc.option(freeText(255, 1), { nil: undefined }),
      password: fc.option(freeText(1024, 1), { nil: undefined }),
    },
    { noNullPrototype: true },
  )
  .map((r) => {
    const out: SiteObject = { host: r.host };
    if (r.insecure !== undefined) out.insecure = r.insecure;
    // A CA only with TLS verification on; a password only with a user name.
    if (r.ca !== undefined && r.insecure !== true) out.ca_certificate = r.ca;
    if (r.username !== undefined) out.username = r.username;
    if (r.username !== undefined && r.password !== undefined) out.password = r.password;
    return out;
  });

const aptMirror = fc
  .record(
    {
      url: fc.oneof(fc.tuple(fc.constantFrom('http', 'https'), hostname, fc.string({ unit: 'grapheme', maxLength: 30 })).map(([s, h, p]) => `${s}://${h}/${noSpace(p)}`), fc.string({ unit: 'grapheme', maxLength: 30 }).map((p) => `file:/${noSpace(p)}`)),
      suites: fc.option(fc.uniqueArray(fc.stringMatching(/^[a-z0-9][a-z0-9./-]{0,15}$/), { minLength: 1, maxLength: 4 }), { nil: undefined }),
      components: fc.option(fc.uniqueArray(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,15}$/), { minLength: 1, maxLength: 4 }), { nil: undefined }),
      // Signed (trusted absent or false) or trusted without a key: never both, never neither.
      trust: fc.oneof(pem('PGP PUBLIC KEY BLOCK').map((k) => ({ signing_key: k })), pem('PGP PUBLIC KEY BLOCK').map((k) => ({ signing_key: k, trusted: false })), fc.constant({ trusted: true })),
    },
    { requiredKeys: ['url', 'trust'], noNullPrototype: true },
  )
  .map(({ trust, ...rest }) => ({ ...rest, ...trust }));

// Hostile text goes into the path: the authority may not carry a user name or password.
const proxyUrl = fc.tuple(fc.constantFrom('http', 'https'), hostname, freeText(40, 1)).map(([s, h, t]) => `${s}://${h}/${noSpace(t)}`);
const proxy = fc
  .record({ http: fc.option(proxyUrl, { nil: undefined }), https: fc.option(proxyUrl, { nil: undefined }), no_proxy: fc.option(fc.uniqueArray(freeText(40, 1).map((t) => noSpace(t).replace(/,/g, '') || 'localhost'), { maxLength: 5 }), { nil: undefined }) }, { noNullPrototype: true })
  .map((p) => {
    const out: SiteObject = {};
    if (p.http !== undefined) out.http = p.http;
    if (p.https !== undefined) out.https = p.https;
    // no_proxy needs a proxy to make exceptions from.
    if (p.no_proxy !== undefined && (p.http ?? p.https) !== undefined) out.no_proxy = p.no_proxy;
    return out;
  });

const sshKey = fc
  .tuple(fc.constantFrom('ssh-ed25519', 'ssh-rsa', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'sk-ssh-ed25519@openssh.com', 'sk-ecdsa-sha2-nistp256@openssh.com'), fc.base64String({ minLength: 4, maxLength: 80 }), fc.option(freeText(80), { nil: undefined }))
  .map(([t, b, c]) => `${t} ${b}${c === undefined ? '' : ` ${c.replace(/\n/g, '')}`}`);

const SERVICES = ['opensearch', 'skyline', 'barbican', 'octavia', 'designate', 'prometheus', 'grafana', 'netdata', 'phpmyadmin', 'homer', 'cgit', 'wireguard', 'k8s_dashboard'] as const;
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** A valid site file of any type (a plain object as YAML would give it). */
export const validSite: fc.Arbitrary<SiteObject> = fc
  .record(
    {
      name: fc.stringMatching(/^[a-z][a-z0-9-]{0,61}[a-z0-9]$/),
      type: fc.constantFrom('sandbox', 'edge', 'kubernetes'),
      description: opt(freeText(500)),
      versions: opt(fc.record({ openstack: fc.stringMatching(/^20[2-9][0-9]\.[12]$/), ceph: fc.constantFrom('quincy', 'reef', 'squid'), manager: fc.oneof(fc.constant('latest'), fc.stringMatching(/^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}[a-z0-9.-]{0,8}$/)), k3s: fc.stringMatching(/^v1\.[0-9]{1,3}\.[0-9]{1,3}\+k3s[0-9]{1,2}$/) }, { requiredKeys: [], noNullPrototype: true })),
      domain: opt(hostname),
      api_fqdn: opt(hostname),
      node: opt(fc.record({ hostname: fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/), id: fc.integer({ min: 1, max: 253 }) }, { requiredKeys: [], noNullPrototype: true })),
      net: networking,
      dns: fc.record({ servers: fc.uniqueArray(ip, { minLength: 1, maxLength: 3 }), search: opt(fc.uniqueArray(hostname, { maxLength: 6 })) }, { noNullPrototype: true }),
      ntp: fc.uniqueArray(fc.oneof(ip, hostname), { minLength: 1, maxLength: 8 }),
      storage: fc.record({ disk: fc.stringMatching(/^[A-Za-z0-9/_.:+-]{1,200}$/).map((d) => `/dev/${d}`), osd_volumes: fc.integer({ min: 1, max: 24 }) }, { requiredKeys: ['disk'], noNullPrototype: true }),
      kubernetesStorage: fc.boolean(),
      registry: opt(registry),
      apt_mirror: opt(aptMirror),
      proxy: opt(proxy),
      operator: opt(fc.record({ user: fc.stringMatching(/^[a-z_][a-z0-9_-]{0,31}$/), ssh_keys: fc.uniqueArray(sshKey, { maxLength: 4 }) }, { requiredKeys: [], noNullPrototype: true })),
      services: opt(fc.record(Object.fromEntries(SERVICES.map((s) => [s, fc.boolean()])) as Record<(typeof SERVICES)[number], fc.Arbitrary<boolean>>, { requiredKeys: [], noNullPrototype: true })),
      allow: opt(fc.uniqueArray(fc.oneof(ip, hostname.filter((h) => h.includes('.'))), { maxLength: 5 })),
    },
    { noNullPrototype: true },
  )
  .map((g) => {
    const site: SiteObject = { name: g.name, type: g.type };
    const put = (key: string, value: unknown) => {
      if (value !== undefined) site[key] = value;
    };
    put('description', g.description);
    put('versions', g.versions);
    put('domain', g.domain);
    put('api_fqdn', g.api_fqdn);
    put('node', g.node);
    Object.assign(site, g.net);
    site.dns = g.dns.search === undefined ? { servers: g.dns.servers } : g.dns;
    site.ntp = { servers: g.ntp };
    // The OpenStack types require storage; kubernetes may carry one.
    if (g.type !== 'kubernetes' || g.kubernetesStorage) site.storage = g.storage;
    put('registry', g.registry);
    put('apt_mirror', g.apt_mirror);
    put('proxy', g.proxy);
    put('operator', g.operator);
    put('services', g.services);
    if (g.allow !== undefined) site.airgap = { allow: g.allow };
    return site;
  });
