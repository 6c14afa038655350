// SPDX-License-Identifier: Apache-2.0
// k3s's config.yaml and registries.yaml for the kubernetes type: the flags, dual stack, the
// vault-encrypted registries.yaml when it holds a password, and networks that clash with k3s's.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { K3S_CONFIG_PATH, K3S_REGISTRIES_PATH, renderK3sFiles } from '../../../../../../electron/backend/site/render/host/k3s-config.js';
import { renderHostFiles } from '../../../../../../electron/backend/site/render/host/render-host-files.js';
import { RenderError } from '../../../../../../electron/backend/site/render/render-types.js';
import { minimalSite } from '../../../../../helpers/site-fixtures.js';
import { assertFormatsValid, contextFor, exampleContext, fileAt, unvault } from './host-fixtures.js';

const ca = '-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIUT0m5Z3y0n2bC1Jt7JdX0b1q3v2ww\n-----END CERTIFICATE-----\n';

describe('k3s host files', () => {
  it('renders the kubernetes example with OSISM defaults and no public fallback', () => {
    const files = renderK3sFiles(exampleContext('kubernetes'));
    expect(parse(fileAt(files, K3S_CONFIG_PATH).content)).toEqual({
      'node-name': 'cumulus',
      'node-ip': ['192.168.16.10'],
      'tls-san': ['api.in-a-box.cloud', '192.168.16.8'],
      'flannel-iface': 'vlan100',
      'cluster-cidr': ['10.42.0.0/16'],
      'service-cidr': ['10.43.0.0/16'],
      disable: ['servicelb', 'traefik'],
      'disable-default-registry-endpoint': true,
      'write-kubeconfig-mode': '0600',
    });
    // YAML 1.1 would read an unquoted 0600 as the octal number 384.
    expect(fileAt(files, K3S_CONFIG_PATH).content).toContain('write-kubeconfig-mode: "0600"');
    const registries = fileAt(files, K3S_REGISTRIES_PATH);
    expect(registries).toMatchObject({ path: 'host/etc/rancher/k3s/registries.yaml', mode: 0o644 });
    expect(registries.secret).toBeUndefined();
    expect(registries.content).toMatch(/registry NAMES/);
    const doc = parse(registries.content) as { mirrors: Record<string, { endpoint: string[] }>; configs: Record<string, unknown> };
    expect(doc.mirrors['*']).toEqual({ endpoint: ['http://localhost:5001'] });
    expect(doc.mirrors['docker.io']).toEqual({ endpoint: ['http://localhost:5001'] });
    expect(doc.configs).toEqual({ 'localhost:5001': { tls: { insecure_skip_verify: true } } });
  });

  it('renders no k3s files for the OpenStack types', () => {
    for (const type of ['sandbox', 'edge'] as const) expect(renderHostFiles(exampleContext(type)).some((f) => f.target!.startsWith('/etc/rancher/'))).toBe(false);
  });

  it('lists both families for a dual-stack site', () => {
    const ctx = contextFor({ ...minimalSite('k3s-dual', 'kubernetes'), networks: { internal: { vlan: 40, ipv6: { cidr: 'fd00:16::/64', address: 'fd00:16::10', vip: 'fd00:16::8' } } } });
    const doc = parse(fileAt(renderK3sFiles(ctx), K3S_CONFIG_PATH).content) as Record<string, unknown>;
    expect(doc['node-ip']).toEqual(['192.168.16.10', 'fd00:16::10']);
    expect(doc['tls-san']).toEqual(['api.in-a-box.cloud', '192.168.16.8', 'fd00:16::8']);
    expect(doc['flannel-iface']).toBe('vlan40');
    expect(doc['cluster-cidr']).toEqual(['10.42.0.0/16', 'fd42:ca1b:42::/56']);
    expect(doc['service-cidr']).toEqual(['10.43.0.0/16', 'fd42:ca1b:43::/112']);
  });

  it('vault-encrypts registries.yaml with mode 0600 when it holds the registry password', () => {
    const site = { ...minimalSite('k3s-auth', 'kubernetes'), registry: { host: 'registry.site.lan:5000', ca_certificate: ca, username: 'pull' } };
    const files = renderHostFiles(contextFor(site, 'p"a$(s)s: w#rd'));
    const registries = fileAt(files, K3S_REGISTRIES_PATH);
    expect(registries).toMatchObject({ secret: 'vault', mode: 0o600 });
    expect(registries.content).toMatch(/^\$ANSIBLE_VAULT;1\.1;AES256\n/);
    expect(registries.content).not.toContain('p"a$(s)s');
    const doc = parse(unvault(registries.content)) as { mirrors: Record<string, { endpoint: string[] }>; configs: Record<string, unknown> };
    expect(doc.mirrors['quay.io']).toEqual({ endpoint: ['https://registry.site.lan:5000'] });
    expect(doc.configs).toEqual({ 'registry.site.lan:5000': { auth: { username: 'pull', password: 'p"a$(s)s: w#rd' }, tls: { ca_file: '/usr/local/share/ca-certificates/ciab-registry.crt' } } });
    expect(fileAt(files, '/usr/local/share/ca-certificates/ciab-registry.crt').content).toBe(ca);
    assertFormatsValid(files);
  });

  it('refuses a registry user without a password', () => {
    const ctx = contextFor({ ...minimalSite('k3s-nopw', 'kubernetes'), registry: { host: 'registry.site.lan:5000', insecure: true, username: 'pull' } });
    expect(() => renderK3sFiles(ctx)).toThrow(expect.objectContaining({ name: 'RenderError', field: '/registry/password' }) as RenderError);
  });

  it("refuses a site network that overlaps k3s's pod or service network", () => {
    const ctx = contextFor({ ...minimalSite('k3s-clash', 'kubernetes'), networks: { internal: { cidr: '10.43.0.0/24', address: '10.43.0.10', vip: '10.43.0.8' } } });
    expect(() => renderK3sFiles(ctx)).toThrow(/overlaps k3s's pod or service network 10\.43\.0\.0\/16/);
  });
});
