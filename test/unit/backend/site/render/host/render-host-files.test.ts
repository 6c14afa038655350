// SPDX-License-Identifier: Apache-2.0
// The host-file tree per example site: which files, where they go on the node, their modes,
// byte-identical re-renders, valid formats (real tools), no public endpoints, and a hostile site.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { hostFileActions, k3sAirgapPaths, renderHostFiles } from '../../../../../../electron/backend/site/render/host/render-host-files.js';
import type { RenderedFile } from '../../../../../../electron/backend/site/render/render-types.js';
import { exampleSite, minimalSite } from '../../../../../helpers/site-fixtures.js';
import { aptConfig, assertFormatsValid, contextFor, exampleContext, fileAt, systemdEnvironment, TYPES, unvault } from './host-fixtures.js';

const COMMON = ['/etc/apt/sources.list.d/ciab-mirror.sources', '/etc/chrony/chrony.conf', '/etc/cloud/cloud.cfg.d/99-ciab-disable-network-config.cfg', '/etc/docker/daemon.json', '/etc/netplan/01-osism.yaml'];

const EXPECTED: Record<(typeof TYPES)[number], string[]> = {
  sandbox: COMMON,
  edge: [...COMMON, '/etc/apt/keyrings/ciab-mirror.asc', '/etc/docker/certs.d/registry.fra1.example.net:5000/ca.crt', '/usr/local/share/ca-certificates/ciab-registry.crt'],
  kubernetes: [...COMMON, '/etc/rancher/k3s/config.yaml', '/etc/rancher/k3s/registries.yaml'],
};

// Public endpoints no host file may name (registries.yaml's mirror keys are names, checked apart).
const PUBLIC = /registry\.osism\.tech|docker\.io|quay\.io|ghcr\.io|gcr\.io|registry\.k8s\.io|github\.com|githubusercontent|archive\.ubuntu\.com|security\.ubuntu\.com|ports\.ubuntu\.com|ntp\.ubuntu\.com|pool\.ntp\.org|get\.k3s\.io|8\.8\.8\.8|8\.8\.4\.4|9\.9\.9\.9|1\.1\.1\.1|149\.112\.112/;

function assertNoPublicEndpoints(files: RenderedFile[]): void {
  for (const f of files) {
    let text = f.secret === 'vault' ? unvault(f.content) : f.content;
    if (f.target === '/etc/rancher/k3s/registries.yaml') {
      const doc = parse(text) as { mirrors: Record<string, { endpoint: string[] }> };
      // The keys are the names being mirrored; every endpoint must be the site registry.
      for (const m of Object.values(doc.mirrors)) for (const e of m.endpoint) expect(e).not.toMatch(PUBLIC);
      text = text.replace(/^ {2}("?[^\s:"]+"?):$/gm, '');
    }
    expect(text, f.path).not.toMatch(PUBLIC);
  }
}

describe('renderHostFiles', () => {
  it.each(TYPES)('renders the %s example: expected files under host/ with their targets', (type) => {
    const files = renderHostFiles(exampleContext(type));
    expect(files.map((f) => f.target).sort()).toEqual([...EXPECTED[type]].sort());
    for (const f of files) {
      expect(f.path).toBe(`host${f.target}`);
      expect([0o644, 0o600]).toContain(f.mode);
    }
    expect(files.map((f) => f.path)).toEqual(files.map((f) => f.path).sort());
    expect(fileAt(files, '/etc/netplan/01-osism.yaml').mode).toBe(0o600);
  });

  it.each(TYPES)('renders the %s example byte-identically twice', (type) => {
    expect(JSON.stringify(renderHostFiles(exampleContext(type)))).toBe(JSON.stringify(renderHostFiles(exampleContext(type))));
  });

  it.each(TYPES)('renders the %s example in formats the real tools accept', (type) => {
    assertFormatsValid(renderHostFiles(exampleContext(type)));
  });

  it.each(TYPES)('names no public endpoint in the %s example', (type) => {
    assertNoPublicEndpoints(renderHostFiles(exampleContext(type)));
  });

  it('lists the stock files airgap-prepare moves aside, each with a reason', () => {
    const actions = hostFileActions(exampleContext('sandbox'));
    expect(actions.map((a) => a.path)).toEqual(['/etc/apt/sources.list', '/etc/apt/sources.list.d/ubuntu.sources', '/etc/netplan/00-installer-config.yaml', '/etc/netplan/50-cloud-init.yaml']);
    for (const a of actions) {
      expect(a.action).toBe('move-aside');
      expect(a.reason.length).toBeGreaterThan(20);
    }
  });

  it('gives the k3s air-gap layout and install environment', () => {
    expect(k3sAirgapPaths(exampleContext('kubernetes').site)).toEqual({
      version: 'v1.34.1+k3s1',
      binary: '/usr/local/bin/k3s',
      imagesDir: '/var/lib/rancher/k3s/agent/images',
      imagesTarball: '/var/lib/rancher/k3s/agent/images/k3s-airgap-images-amd64.tar.zst',
      installEnv: { INSTALL_K3S_SKIP_DOWNLOAD: 'true' },
    });
  });

  it('keeps every file valid for a hostile site, and no_proxy entries round-trip', () => {
    const hostileNoProxy = ['"quoted"', "'single'", '$(touch${IFS}/tmp/pwned)', '`id`', 'bücher.example', '%h%n', 'back\\slash', 'semi;colon', 'ünï.cøde', '#hash', 'x\\"y'];
    const site = {
      ...minimalSite('hostile', 'kubernetes'),
      description: 'Rack "7"; $(reboot) `id` \'quote\' ünïcødé ✓\nsecond: line # not a comment',
      operator: { ssh_keys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq8j1yJ7Q2x0bXk3c1c9wH4kQ0rJ0p8mV2m3f0b1aZ2 "evil" $(rm -rf /) ünï `id` \\'] },
      proxy: { http: "http://proxy.site.lan:3128/a;b'$(x)", no_proxy: hostileNoProxy },
    };
    const files = renderHostFiles(contextFor(site));
    assertFormatsValid(files);
    assertNoPublicEndpoints(files);
    const all = files.map((f) => f.content).join('\n');
    expect(all).not.toContain('reboot');
    expect(all).not.toContain('evil');

    const daemon = JSON.parse(fileAt(files, '/etc/docker/daemon.json').content) as { proxies: Record<string, string> };
    expect(daemon.proxies['http-proxy']).toBe("http://proxy.site.lan:3128/a;b'$(x)");
    expect(daemon.proxies['no-proxy']!.split(',').slice(0, hostileNoProxy.length)).toEqual(hostileNoProxy);
    for (const target of ['/etc/systemd/system/docker.service.d/http-proxy.conf', '/etc/systemd/system/k3s.service.d/http-proxy.conf']) {
      const env = systemdEnvironment(fileAt(files, target).content);
      expect(env['HTTP_PROXY']).toBe("http://proxy.site.lan:3128/a;b'$(x)");
      expect(env['NO_PROXY']!.split(',').slice(0, hostileNoProxy.length)).toEqual(hostileNoProxy);
    }
    const apt = aptConfig(fileAt(files, '/etc/apt/apt.conf.d/95ciab-proxy').content);
    expect(apt['Acquire::http::Proxy']).toBe("http://proxy.site.lan:3128/a;b'$(x)");
    // Only plain host names go DIRECT in APT; the hostile entries are left to the other formats.
    const direct = Object.keys(apt).filter((k) => k.split('::').length > 3).sort();
    const hosts = ['127.0.0.1', 'api.in-a-box.cloud', 'localhost'];
    expect(direct).toEqual([...hosts.map((h) => `Acquire::http::Proxy::${h}`), ...hosts.map((h) => `Acquire::https::Proxy::${h}`)]);
  });

  it('renders the sandbox example with a proxy: the proxy files appear for Docker but not k3s', () => {
    const files = renderHostFiles(contextFor({ ...exampleSite('sandbox'), proxy: { https: 'http://proxy.site.lan:3128' } }));
    expect(files.map((f) => f.target)).toEqual(expect.arrayContaining(['/etc/apt/apt.conf.d/95ciab-proxy', '/etc/systemd/system/docker.service.d/http-proxy.conf']));
    expect(files.map((f) => f.target)).not.toContain('/etc/systemd/system/k3s.service.d/http-proxy.conf');
    assertFormatsValid(files);
  });
});
