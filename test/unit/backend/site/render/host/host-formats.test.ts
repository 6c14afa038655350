// SPDX-License-Identifier: Apache-2.0
// chrony.conf, the APT source (read back by the real apt-get), daemon.json and the registry CA:
// their values per example site, and values that cannot be written safely refused.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APT_KEY_PATH, APT_SOURCES_PATH, renderAptSources } from '../../../../../../electron/backend/site/render/host/apt-sources.js';
import { CHRONY_PATH, renderChrony } from '../../../../../../electron/backend/site/render/host/chrony.js';
import { renderDockerDaemon } from '../../../../../../electron/backend/site/render/host/docker-daemon.js';
import { renderHostFiles } from '../../../../../../electron/backend/site/render/host/render-host-files.js';
import { renderRegistryCa } from '../../../../../../electron/backend/site/render/host/registry-ca.js';
import type { RenderContext } from '../../../../../../electron/backend/site/render/render-types.js';
import { aptUris, exampleContext, fileAt, TYPES } from './host-fixtures.js';

/** chrony.conf as directive → argument lists, comments and blank lines dropped. */
function chronyDirectives(text: string): [string, string[]][] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const [name, ...args] = l.trim().split(/\s+/);
      return [name!, args];
    });
}

/** The URIs apt-get would fetch for the rendered .sources file. */
function aptIndexUris(ctx: RenderContext): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'ciab-sources-'));
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'ciab-mirror.sources'), fileAt(renderAptSources(ctx), APT_SOURCES_PATH).content);
    return aptUris(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('chrony.conf', () => {
  it.each(TYPES)('uses only the site servers of the %s example', (type) => {
    const ctx = exampleContext(type);
    const directives = chronyDirectives(renderChrony(ctx).content);
    expect(directives.filter(([n]) => n === 'server')).toEqual(ctx.site.ntp.servers.map((s) => ['server', [s, 'iburst']]));
    const names = directives.map(([n]) => n);
    for (const absent of ['pool', 'sourcedir', 'confdir']) expect(names).not.toContain(absent);
    expect(Object.fromEntries(directives.filter(([n]) => n !== 'server'))).toEqual({
      keyfile: ['/etc/chrony/chrony.keys'],
      driftfile: ['/var/lib/chrony/chrony.drift'],
      ntsdumpdir: ['/var/lib/chrony'],
      logdir: ['/var/log/chrony'],
      maxupdateskew: ['100.0'],
      rtcsync: [],
      makestep: ['1', '3'],
      leapsectz: ['right/UTC'],
    });
    expect(renderChrony(ctx)).toMatchObject({ path: 'host/etc/chrony/chrony.conf', target: CHRONY_PATH, mode: 0o644 });
  });

  it('refuses a server that is neither an address nor a host name', () => {
    const ctx = exampleContext('sandbox');
    const bad = { ...ctx, site: { ...ctx.site, ntp: { servers: ['10.0.0.1', 'ntp.lan iburst\npool evil'] } } };
    expect(() => renderChrony(bad)).toThrow(expect.objectContaining({ field: '/ntp/servers/1' }) as Error);
  });
});

describe('APT source', () => {
  it('trusts the bundle mirror of the sandbox example, as apt-get reads it', () => {
    const ctx = exampleContext('sandbox');
    const files = renderAptSources(ctx);
    expect(files.map((f) => f.target)).toEqual([APT_SOURCES_PATH]);
    expect(files[0]!.content).toContain('\nTrusted: yes\n');
    const uris = aptIndexUris(ctx);
    expect(uris).toContain('file:/srv/ciab/apt/dists/noble-security/InRelease');
    expect(uris).toContain('file:/srv/ciab/apt/dists/noble/multiverse/binary-amd64/Packages.xz');
  });

  it('names the signing key of the edge example and renders the key file', () => {
    const ctx = exampleContext('edge');
    const files = renderAptSources(ctx);
    expect(fileAt(files, APT_SOURCES_PATH).content).toContain(`\nSigned-By: ${APT_KEY_PATH}\n`);
    expect(fileAt(files, APT_SOURCES_PATH).content).not.toContain('Trusted');
    expect(fileAt(files, APT_KEY_PATH).content).toBe(`${ctx.site.apt_mirror.signing_key!.trim()}\n`);
    expect(aptIndexUris(ctx)).toContain('https://mirror.fra1.example.net/ubuntu/dists/noble-updates/InRelease');
  });

  it('refuses values that would inject lines or fields', () => {
    const ctx = exampleContext('sandbox');
    const mirror = (over: object): RenderContext => ({ ...ctx, site: { ...ctx.site, apt_mirror: { ...ctx.site.apt_mirror, ...over } } });
    expect(() => renderAptSources(mirror({ url: 'file:/srv/apt\nTrusted: yes' }))).toThrow(expect.objectContaining({ field: '/apt_mirror/url' }) as Error);
    expect(() => renderAptSources(mirror({ suites: ['noble', 'noble main'] }))).toThrow(expect.objectContaining({ field: '/apt_mirror/suites/1' }) as Error);
    expect(() => renderAptSources(mirror({ components: ['main\nSigned-By: /tmp/k'] }))).toThrow(expect.objectContaining({ field: '/apt_mirror/components/0' }) as Error);
    expect(() => renderAptSources(mirror({ trusted: false }))).toThrow(expect.objectContaining({ field: '/apt_mirror/signing_key' }) as Error);
  });
});

describe('daemon.json and the registry CA', () => {
  it('mirrors Docker Hub to the insecure bundle registry of the sandbox example', () => {
    const file = renderDockerDaemon(exampleContext('sandbox'));
    expect(file).toMatchObject({ path: 'host/etc/docker/daemon.json', target: '/etc/docker/daemon.json', mode: 0o644 });
    expect(file.content).toBe('{\n  "insecure-registries": [\n    "localhost:5001"\n  ],\n  "max-concurrent-downloads": 20,\n  "registry-mirrors": [\n    "http://localhost:5001"\n  ]\n}\n');
  });

  it('trusts the edge registry through its CA instead of insecure-registries', () => {
    const ctx = exampleContext('edge');
    expect(JSON.parse(renderDockerDaemon(ctx).content)).toEqual({ 'max-concurrent-downloads': 20, 'registry-mirrors': ['https://registry.fra1.example.net:5000'] });
    const ca = renderRegistryCa(ctx);
    expect(ca.map((f) => f.target)).toEqual(['/usr/local/share/ca-certificates/ciab-registry.crt', '/etc/docker/certs.d/registry.fra1.example.net:5000/ca.crt']);
    for (const f of ca) {
      expect(f.content).toBe(`${ctx.site.registry.ca_certificate!.trim()}\n`);
      expect(f.content).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
    }
    expect(renderRegistryCa(exampleContext('sandbox'))).toEqual([]);
  });

  it('keeps the files of every example free of stray carriage returns and ending in a newline', () => {
    for (const type of TYPES) {
      for (const f of renderHostFiles(exampleContext(type))) {
        expect(f.content, f.path).not.toContain('\r');
        expect(f.content.endsWith('\n'), f.path).toBe(true);
      }
    }
  });
});
