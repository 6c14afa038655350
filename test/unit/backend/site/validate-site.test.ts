// SPDX-License-Identifier: Apache-2.0
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSiteText } from '../../../../electron/backend/site/site-file.js';
import { siteFieldLabel, validateSite } from '../../../../electron/backend/site/validate-site.js';

const example = (t: string): Record<string, unknown> => parse(readFileSync(`examples/site-${t}.yaml`, 'utf8')) as Record<string, unknown>;
const minimal = { name: 'min', type: 'kubernetes', management: { interface: 'eth0' }, dns: { servers: ['10.0.0.2'] }, ntp: { servers: ['10.0.0.2'] } };

function fieldsOf(config: unknown): string[] {
  return validateSite(config).errors.map((e) => e.field);
}

describe('validateSite', () => {
  it.each(['sandbox', 'edge', 'kubernetes'])('accepts and resolves examples/site-%s.yaml', (t) => {
    const v = validateSite(example(t));
    expect(v.errors).toEqual([]);
    expect(v.resolved?.type).toBe(t);
  });

  it('fills the upstream defaults into a minimal file', () => {
    const r = validateSite(minimal).resolved!;
    expect(r.networks.internal).toMatchObject({ vlan: 100, cidr: '192.168.16.0/20', address: '192.168.16.10', vip: '192.168.16.8' });
    expect(r.registry).toEqual({ host: 'localhost:5001', insecure: true });
    expect(r.api_fqdn).toBe('api.in-a-box.cloud');
    expect(r.dns.search).toEqual(['in-a-box.cloud']);
    expect(r.services.k8s_dashboard).toBe(true);
    expect(r.storage).toBeUndefined();
  });

  it('keeps none of the default registry when the site names its own', () => {
    const r = validateSite({ ...minimal, registry: { host: 'reg.site.lan:5000' } }).resolved!;
    expect(r.registry).toEqual({ host: 'reg.site.lan:5000', insecure: false });
  });

  it('requires storage for the OpenStack types and the address with static management', () => {
    expect(fieldsOf({ ...minimal, type: 'sandbox' })).toContain('/storage');
    expect(fieldsOf({ ...minimal, management: { interface: 'eth0', dhcp: false } })).toEqual(expect.arrayContaining(['/management/address', '/management/gateway']));
  });

  it('names the field of each schema problem in plain words', () => {
    const v = validateSite({ ...minimal, name: 'Bad_Name', management: { interface: 'eth0', mtu: 70000 }, dns: { servers: ['not-an-ip'] }, extra: 1 });
    const byField = Object.fromEntries(v.errors.map((e) => [e.field, e.message]));
    expect(byField['/name']).toMatch(/lower-case letters/);
    expect(byField['/management/mtu']).toBe('must be at most 9216');
    expect(byField['/dns/servers/0']).toBe('must be an IPv4 or IPv6 address');
    expect(byField['/extra']).toMatch(/not a known field/);
  });

  it('checks addresses against their networks with ipaddr.js', () => {
    const s = (networks: unknown) => fieldsOf({ ...example('sandbox'), networks });
    expect(s({ internal: { address: '10.99.0.1' } })).toContain('/networks/internal/address');
    expect(s({ internal: { vip: '192.168.16.10' } })).toContain('/networks/internal/vip');
    expect(s({ internal: { cidr: '192.168.16.5/20' } })).toContain('/networks/internal/cidr');
    expect(s({ external: { gateway: '192.168.112.150' } })).toContain('/networks/external/gateway');
    expect(s({ external: { pool: { start: '192.168.112.200', end: '192.168.112.100' } } })).toContain('/networks/external/pool/end');
    expect(s({ external: { pool: { start: '192.168.113.1', end: '192.168.112.100' } } })).toContain('/networks/external/pool/start');
    expect(s({ external: { cidr: '192.168.16.0/24', gateway: '192.168.16.1', pool: { start: '192.168.16.100', end: '192.168.16.200' } } })).toContain('/networks/external/cidr');
    expect(s({ workload: { vlan: 100 } })).toContain('/networks/workload/vlan');
  });

  it('finds the management network overlapping the internal one', () => {
    const v = validateSite({ ...example('sandbox'), management: { interface: 'eno1', dhcp: false, address: '192.168.17.5/24', gateway: '192.168.17.1' } });
    expect(v.errors).toContainEqual({ field: '/networks/internal/cidr', message: '192.168.16.0/20 overlaps the management network 192.168.17.0/24' });
  });

  it('gives field labels from the schema titles', () => {
    expect(siteFieldLabel('/networks/internal/vip')).toBe('Virtual IP');
    expect(siteFieldLabel('/dns/servers/1')).toBe('DNS servers #2');
    expect(siteFieldLabel('/storage/disk')).toBe('Ceph disk');
  });
});

describe('parseSiteText', () => {
  it('names the line of a YAML syntax error', () => {
    const r = parseSiteText('name: a\ntype: [sandbox\n');
    expect(r.valid).toBe(false);
    expect(r.errors[0]).toMatchObject({ field: '/', line: expect.any(Number) });
  });

  it('puts each validation error on the line of its field', () => {
    const text = readFileSync('examples/site-edge.yaml', 'utf8').replace('vip: 10.64.0.254', 'vip: 10.64.0.20');
    const r = parseSiteText(text);
    const err = r.errors.find((e) => e.field === '/networks/internal/vip')!;
    expect(text.split('\n')[err.line! - 1]).toContain('vip: 10.64.0.20');
  });

  it('rejects duplicate keys with their line', () => {
    const r = parseSiteText('name: a1\nname: a2\n');
    expect(r.errors[0]!.line).toBe(2);
  });
});
