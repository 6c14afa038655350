// SPDX-License-Identifier: Apache-2.0
// The proxy files: only with a proxy, NO_PROXY covering every site-local destination, values that
// the real readers (systemd-analyze, apt-config, JSON.parse) read back unchanged, and passwords.
import { validateSite } from '../../../../../../electron/backend/site/validate-site.js';
import { describe, expect, it } from 'vitest';
import { renderDockerDaemon } from '../../../../../../electron/backend/site/render/host/docker-daemon.js';
import { APT_PROXY_PATH, DOCKER_PROXY_PATH, K3S_PROXY_PATH, renderProxyFiles, siteProxy, systemdQuote } from '../../../../../../electron/backend/site/render/host/proxy.js';
import { exampleSite, minimalSite } from '../../../../../helpers/site-fixtures.js';
import { aptConfig, contextFor, exampleContext, fileAt, systemdEnvironment, TYPES } from './host-fixtures.js';

describe('proxy host files', () => {
  it.each(TYPES)('renders none for the %s example (no proxy)', (type) => {
    expect(renderProxyFiles(exampleContext(type))).toEqual([]);
    expect(JSON.parse(renderDockerDaemon(exampleContext(type)).content)).not.toHaveProperty('proxies');
  });

  it('bypasses the proxy for the registry, the mirror and the site networks', () => {
    const ctx = contextFor({ ...exampleSite('edge'), proxy: { http: 'http://proxy.site.lan:3128', no_proxy: ['.corp.lan'] } }, 'x');
    const p = siteProxy(ctx)!;
    expect(p.http).toBe('http://proxy.site.lan:3128');
    expect(p.https).toBe('http://proxy.site.lan:3128');
    expect(p.noProxy).toEqual(['.corp.lan', 'localhost', '127.0.0.1', '::1', 'registry.fra1.example.net', 'mirror.fra1.example.net', 'api.edge.fra1.example.net', '.edge.fra1.example.net', '10.64.0.0/20', 'fd00:64::/64', '172.16.40.0/24']);
    const apt = aptConfig(fileAt(renderProxyFiles(ctx), APT_PROXY_PATH).content);
    expect(apt).toMatchObject({
      'Acquire::http::Proxy': 'http://proxy.site.lan:3128',
      'Acquire::https::Proxy': 'http://proxy.site.lan:3128',
      'Acquire::http::Proxy::mirror.fra1.example.net': 'DIRECT',
      'Acquire::https::Proxy::registry.fra1.example.net': 'DIRECT',
    });
    const env = systemdEnvironment(fileAt(renderProxyFiles(ctx), DOCKER_PROXY_PATH).content);
    expect(env).toEqual({ HTTP_PROXY: p.http, HTTPS_PROXY: p.https, NO_PROXY: p.noProxy.join(',') });
    expect(renderProxyFiles(ctx).map((f) => f.target)).not.toContain(K3S_PROXY_PATH);
  });

  it("adds k3s's drop-in and pod/service networks for the kubernetes type", () => {
    const ctx = contextFor({ ...minimalSite('k3s-proxy', 'kubernetes'), proxy: { http: 'http://10.0.0.3:3128', https: 'https://proxy.site.lan:3129' } });
    const env = systemdEnvironment(fileAt(renderProxyFiles(ctx), K3S_PROXY_PATH).content);
    expect(env['HTTPS_PROXY']).toBe('https://proxy.site.lan:3129');
    expect(env['NO_PROXY']!.split(',')).toEqual(expect.arrayContaining(['10.42.0.0/16', '10.43.0.0/16', '.svc', '.cluster.local', 'localhost', '192.168.16.0/20']));
    const daemon = JSON.parse(renderDockerDaemon(ctx).content) as Record<string, unknown>;
    expect(Object.keys(daemon)).toEqual(['insecure-registries', 'max-concurrent-downloads', 'proxies', 'registry-mirrors']);
    expect(daemon['proxies']).toEqual({ 'http-proxy': 'http://10.0.0.3:3128', 'https-proxy': 'https://proxy.site.lan:3129', 'no-proxy': env['NO_PROXY'] });
  });

  it('quotes for systemd: backslashes, quotes and % specifiers survive', () => {
    const value = 'a"b\\c%h$(id) `x` \'y\' ü';
    expect(systemdEnvironment(`[Service]\nEnvironment=${systemdQuote(`X=${value}`)}\n`)).toEqual({ X: value });
  });

  it('never gets a proxy password: the site schema refuses credentials in proxy and mirror URLs', () => {
    const v = validateSite({ ...minimalSite('proxy-auth', 'kubernetes'), proxy: { http: 'http://user:s%40cret@proxy.site.lan:3128' }, apt_mirror: { url: 'https://u:p@mirror.site.lan/ubuntu', trusted: true } });
    expect(v.errors.map((e) => e.field).sort()).toEqual(['/apt_mirror/url', '/proxy/http']);
    expect(v.errors[0]!.message).toMatch(/without a user name or password/);
  });

  it('refuses a proxy URL that is not written as RFC 3986 allows', () => {
    for (const bad of ['http://proxy"x:3128', 'http://proxy\\x:3128', 'http://prüxy:3128', 'http://proxy:3128/`id`']) {
      const ctx = contextFor({ ...minimalSite('proxy-bad', 'sandbox'), proxy: { http: bad } });
      expect(() => renderProxyFiles(ctx)).toThrow(expect.objectContaining({ field: '/proxy/http' }) as Error);
    }
  });

  it('refuses a no_proxy entry with a control character', () => {
    const ctx = contextFor({ ...minimalSite('proxy-ctl', 'sandbox'), proxy: { http: 'http://proxy.site.lan:3128', no_proxy: ['ok.lan', 'bad\u0001host'] } });
    expect(() => renderProxyFiles(ctx)).toThrow(expect.objectContaining({ field: '/proxy/no_proxy/1' }) as Error);
  });
});
