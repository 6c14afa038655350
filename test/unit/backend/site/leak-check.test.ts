// SPDX-License-Identifier: Apache-2.0
// The air-gap leak check: public domains, URLs and addresses in rendered files are found with
// file, line and column; the site's own names, private ranges and version strings are not.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadPublicEndpoints, parsePublicEndpoints, PUBLIC_ENDPOINTS_FILE, scanForLeaks } from '../../../../electron/backend/site/leak-check.js';
import { toYaml } from '../../../../electron/backend/site/render/yaml-text.js';
import type { ResolvedSite } from '../../../../electron/backend/site/site-types.js';
import { validateSite } from '../../../../electron/backend/site/validate-site.js';

const example = parse(readFileSync('examples/site-sandbox.yaml', 'utf8')) as Record<string, unknown>;

function siteWith(over: Record<string, unknown> = {}): ResolvedSite {
  const v = validateSite({ ...example, ...over });
  expect(v.errors).toEqual([]);
  return v.resolved!;
}

const site = siteWith();
const scan = (content: string, s: ResolvedSite = site) => scanForLeaks([{ path: 'environments/configuration.yml', content }], s);
const matches = (content: string, s?: ResolvedSite) => scan(content, s).map((f) => f.match);

describe('scanForLeaks finds public endpoints', () => {
  it('names file, line and column of a listed registry injected into a file', () => {
    const content = '---\ndocker_registry_kolla: localhost:5001\ndocker_registry_ansible: "registry.osism.tech"\n';
    const [f, ...rest] = scanForLeaks([{ path: 'inventory/group_vars/generic/registries.yml', content }], site);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ file: 'inventory/group_vars/generic/registries.yml', line: 3, column: 27, match: 'registry.osism.tech' });
    expect(f!.reason).toMatch(/public container registry/);
    expect(f!.reason).toMatch(/site registry/);
    expect(f!.reason).toMatch(/add it to airgap\.allow in the site file if it resolves inside the site/);
  });

  it('finds GitHub in a URL and other hosts that are not the site’s own', () => {
    const findings = scan('configuration_git_host: github.com\nrepo: https://github.com/osism/cloud-in-a-box.git\nimages: https://downloads.acme.org/x.qcow2, more\n');
    expect(findings.map((f) => [f.line, f.column, f.match])).toEqual([
      [1, 25, 'github.com'],
      [2, 15, 'github.com'],
      [3, 9, 'https://downloads.acme.org/x.qcow2'],
    ]);
    expect(findings[1]!.reason).toMatch(/GitHub, a public code hosting site/);
    expect(findings[2]!.reason).toMatch(/points at downloads\.acme\.org, which is not a site-local host .*in-a-box\.cloud/);
    expect(findings[2]!.reason).toMatch(/add downloads\.acme\.org to airgap\.allow/);
  });

  it('finds public DNS resolvers, even when the site’s dns.servers names them', () => {
    expect(matches('resolvconf_nameserver:\n  - 8.8.8.8\n  - 10.20.0.2\ndns_servers: "9.9.9.9,149.112.112.9"\n')).toEqual(['8.8.8.8', '9.9.9.9', '149.112.112.9']);
    const withGoogle = siteWith({ dns: { servers: ['10.20.0.2', '8.8.8.8'] } });
    const [f] = scan('nameserver 8.8.8.8\n', withGoogle);
    expect(f!.reason).toMatch(/Google Public DNS, a public DNS resolver/);
    expect(matches('dns: [2001:4860:4860::8888, "[2620:fe::fe]:53"]\n')).toEqual(['2001:4860:4860::8888', '2620:fe::fe']);
  });

  it('finds the public NTP pool and its subdomains', () => {
    const findings = scan('chrony_servers:\n  - 0.de.pool.ntp.org\n  - ntp.ubuntu.com\n');
    expect(findings.map((f) => f.match)).toEqual(['0.de.pool.ntp.org', 'ntp.ubuntu.com']);
    expect(findings[0]!.reason).toMatch(/^0\.de\.pool\.ntp\.org is under pool\.ntp\.org, and is the NTP pool, a public NTP server/);
  });

  it('matches domains on name boundaries only', () => {
    expect(matches('a: notdocker.io.example\nb: my-docker.io\nc: docker.iox\nd: docker.io.lan\ne: xregistry.osism.tech\n')).toEqual([]);
    expect(matches('image: docker.io/library/redis:7\nno_proxy: .github.com,localhost\nclone: git@github.com:osism/x\nend: heise.de.\n')).toEqual([
      'docker.io',
      'github.com',
      'github.com',
      'heise.de',
    ]);
    expect(matches('registry: REGISTRY-1.Docker.IO\n')).toEqual(['REGISTRY-1.Docker.IO']);
  });

  it('finds public addresses the site does not declare, in URLs and bare', () => {
    expect(matches('peer: 5.1.66.255\nurl: http://5.1.66.255:8080/x\nv6: 2a01:4f8::1/64\n')).toEqual(['5.1.66.255', '5.1.66.255', '2a01:4f8::1']);
    expect(scan('x: 5.1.66.255\n')[0]!.reason).toMatch(/public address the site file does not declare/);
    expect(matches('url: https://[2a01:4f8::1]:443/\n')).toEqual(['2a01:4f8::1']);
  });

  it('sorts findings by file, line and column', () => {
    const files = [
      { path: 'b.yml', content: 'x: quay.io github.com\ny: 8.8.8.8\n' },
      { path: 'a.yml', content: 'z: ghcr.io\n' },
    ];
    expect(scanForLeaks(files, site).map((f) => `${f.file}:${f.line}:${f.column}`)).toEqual(['a.yml:1:4', 'b.yml:1:4', 'b.yml:1:12', 'b.yml:2:4']);
  });

  it('counts columns in characters, not UTF-16 units', () => {
    expect(scan('# 🚀 ünïcode: quay.io\n')[0]!.column).toBe(14);
  });
});

describe('scanForLeaks leaves the site alone', () => {
  it('ignores private and special addresses, site names and local URLs', () => {
    const text = [
      'kolla_internal_vip_address: 192.168.16.254',
      'ceph_public_network: 192.168.16.0/20',
      'default_route: 0.0.0.0/0',
      'v6: fd00:16::10/64 and fe80::1 and ::1 and 2001:db8::5',
      'cgnat: 100.64.1.1, docs: 203.0.113.9',
      'kolla_internal_fqdn: api.in-a-box.cloud',
      'auth_url: https://api.in-a-box.cloud:5000/v3',
      'registry: http://localhost:5001/v2/',
      'node: http://cumulus:8080 and https://10.20.0.2/ and http://[fd00::1]:80/',
      'mdns: http://printer.local/ and http://foo.internal/',
      'apt: file:///srv/ciab/apt',
      'templated: https://{{ docker_registry }}/v2/',
    ].join('\n');
    expect(scan(text)).toEqual([]);
  });

  it('ignores version strings', () => {
    const text = [
      "docker_version: '5:27.5.1'",
      'openstack_version: 2025.1',
      'k3s_version: v1.34.1+k3s1',
      'kernel: 6.8.0-45-generic',
      'pkg: containerd.io=1.7.27-1 and libfoo-1.2.3.4 and v1.2.3.4 and 1.2.3.4-rc1',
      'epoch: 2:1.2.3.4',
      'oid: 1.3.6.1.4.1.2021 time: 12:30:45 mac: 52:54:00:12:34:56',
    ].join('\n');
    expect(scan(text)).toEqual([]);
  });

  it('accepts public networks and addresses the site declares', () => {
    const pub = siteWith({
      networks: { external: { cidr: '185.10.20.0/24', gateway: '185.10.20.1', pool: { start: '185.10.20.100', end: '185.10.20.200' } } },
      ntp: { servers: ['ntp1.acme.org', '5.1.66.255'] },
    });
    expect(matches('ext: 185.10.20.0/24 gw 185.10.20.1 fip 185.10.20.150\nntp: 5.1.66.255 https://ntp1.acme.org/\n', pub)).toEqual([]);
  });

  it('accepts whatever airgap.allow lists, and only that', () => {
    const allowed = siteWith({ airgap: { allow: ['github.com', '8.8.8.8', 'mirror.acme.org', '2a01:4f8::1'] } });
    const text = 'a: https://github.com/x codeload.github.com\nb: 8.8.8.8 8.8.4.4\nc: https://mirror.acme.org/u https://other.acme.org/\nd: 2a01:4f8:0::1\n';
    expect(matches(text, allowed)).toEqual(['8.8.4.4', 'https://other.acme.org/']);
  });

  it('skips Ansible Vault files', () => {
    const vault = '$ANSIBLE_VAULT;1.1;AES256\n6138316165383831336263386364396466616162306634376638373237316564386139616161316265\n';
    expect(scanForLeaks([{ path: 'environments/secrets.yml', content: vault }], site)).toEqual([]);
  });

  it('allows registry names as keys directly under mirrors: in registries.yaml, and nothing else', () => {
    const endpoint = ['http://localhost:5001'];
    const doc = toYaml({
      mirrors: { '*': { endpoint }, 'docker.io': { endpoint }, 'registry.osism.tech': { endpoint }, 'registry.k8s.io': { endpoint } },
      configs: { 'localhost:5001': { tls: { insecure_skip_verify: true } } },
    });
    expect(scanForLeaks([{ path: 'host/etc/rancher/k3s/registries.yaml', content: doc }], site)).toEqual([]);
    expect(matches('mirrors:\n  # the hub\n  "docker.io":\n    endpoint:\n      - http://localhost:5001\n')).toEqual([]);
    // A mirror endpoint, a key elsewhere, a nested key and a value are all still findings.
    const bad = 'mirrors:\n  quay.io:\n    endpoint:\n      - https://registry-1.docker.io\n    ghcr.io: x\nconfigs:\n  gcr.io:\n    auth: {}\nmirrors2:\n  k8s.gcr.io:\nmirror: docker.io\n';
    expect(matches(bad)).toEqual(['registry-1.docker.io', 'ghcr.io', 'gcr.io', 'k8s.gcr.io', 'docker.io']);
  });

  it('scans a ~100 KB render in well under 10 ms', () => {
    const chunk = readFileSync('examples/site-sandbox.yaml', 'utf8') + 'x: 192.168.16.10 https://api.in-a-box.cloud:5000/v3 2025.1 5:27.5.1 fd00::1\n'.repeat(20);
    const files = Array.from({ length: 30 }, (_, i) => ({ path: `f${i}.yml`, content: chunk.repeat(Math.ceil(3400 / chunk.length)) }));
    expect(files.reduce((n, f) => n + f.content.length, 0)).toBeGreaterThan(100_000);
    scanForLeaks(files, site);
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      scanForLeaks(files, site);
      best = Math.min(best, performance.now() - t0);
    }
    expect(best).toBeLessThan(10);
  });
});

describe('the public endpoints data file', () => {
  const valid = readFileSync(PUBLIC_ENDPOINTS_FILE, 'utf8');

  it('validates and lists upstream CiaB’s internet touch points', () => {
    const data = loadPublicEndpoints();
    for (const d of ['registry.osism.tech', 'docker.io', 'github.com', 'raw.githubusercontent.com', 'get.k3s.io', 'pypi.org', 'archive.ubuntu.com', 'download.docker.com', 'pool.ntp.org', 'heise.de', 'your-objectstorage.com']) {
      expect(data.domains[d], d).toBeDefined();
    }
    for (const a of ['8.8.8.8', '9.9.9.9', '149.112.112.9', '1.1.1.1', '2001:4860:4860::8888']) expect(data.addresses[a], a).toBeDefined();
  });

  it.each([
    ['a malformed domain', 'docker.io: {category: registry', 'docker..io: {category: registry', /:\d+: domains entry "docker\.\.io" is not a valid name/],
    ['an unknown category', 'quay.io: {category: registry', 'quay.io: {category: registri', /:\d+: domains entry "quay\.io" names category "registri", which is not under categories/],
    ['an inherited name as category', 'quay.io: {category: registry', 'quay.io: {category: constructor', /domains entry "quay\.io" names category "constructor"/],
    ['a missing category', 'ghcr.io: {category: registry, note: GitHub Container Registry}', 'ghcr.io: {note: GitHub Container Registry}', /:\d+: domains entry "ghcr\.io" needs category/],
    ['an unknown field', 'gcr.io: {category: registry,', 'gcr.io: {category: registry, url: x,', /:\d+: domains entry "gcr\.io" has url, which is not a known field/],
    ['a malformed address', '8.8.4.4: {', '8.8.4: {', /addresses entry "8\.8\.4" is not a valid name/],
    ['a duplicate key', 'quay.io: {category: registry', 'docker.io: {category: registry', /:\d+: not valid YAML: .*[Mm]ap keys must be unique/],
  ])('names the entry for %s', (_what, from, to, error) => {
    expect(valid).toContain(from);
    expect(() => parsePublicEndpoints(valid.replace(from, to))).toThrow(error);
  });
});
