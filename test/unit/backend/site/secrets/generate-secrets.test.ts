// SPDX-License-Identifier: Apache-2.0
// Secret generation from playbooks/site/secrets.yaml: formats, randomness, gating by type and
// service, keeping existing values, and the catalog's own validation.
import { readFileSync } from 'node:fs';
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { SiteSecrets, SshKeyPair } from '../../../../../electron/backend/site/render/render-types.js';
import { generateSiteSecrets, randomFernetKey, randomPassword } from '../../../../../electron/backend/site/secrets/generate-secrets.js';
import { parseSecretCatalog, secretCatalog, secretCatalogPath, SecretCatalogError } from '../../../../../electron/backend/site/secrets/secret-catalog.js';
import type { ResolvedSite } from '../../../../../electron/backend/site/site-types.js';

type Site = Pick<ResolvedSite, 'type' | 'services'>;
const SERVICES = ['opensearch', 'skyline', 'barbican', 'octavia', 'designate', 'prometheus', 'grafana', 'netdata', 'phpmyadmin', 'homer', 'cgit', 'wireguard', 'k8s_dashboard'] as const;
const services = (on: boolean, over: Partial<Record<(typeof SERVICES)[number], boolean>> = {}): ResolvedSite['services'] => ({ ...Object.fromEntries(SERVICES.map((s) => [s, on])), ...over }) as ResolvedSite['services'];
const site = (type: Site['type'], on = true, over = {}): Site => ({ type, services: services(on, over) });

const KOLLA = 'environments/kolla/secrets.yml';
const str = (s: SiteSecrets, file: string, key: string): string => s[file]![key] as string;
const pair = (s: SiteSecrets, file: string, key: string): SshKeyPair => s[file]![key] as SshKeyPair;

describe('random values', () => {
  it('passwords have the length and only letters and digits', () => {
    for (const n of [16, 22, 40, 64]) expect(randomPassword(n)).toMatch(new RegExp(`^[A-Za-z0-9]{${n}}$`));
  });

  it('passwords use the whole alphabet roughly evenly (no modulo bias to speak of)', () => {
    const counts = new Map<string, number>();
    for (const c of randomPassword(62 * 500)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    // 500 expected per character; ±40% is far outside chance for a fair source.
    for (const n of counts.values()) {
      expect(n).toBeGreaterThan(300);
      expect(n).toBeLessThan(700);
    }
  });

  it('fernet keys are 32 bytes of url-safe base64 with padding, like Fernet.generate_key()', () => {
    const k = randomFernetKey();
    expect(k).toMatch(/^[A-Za-z0-9_-]{43}=$/);
    expect(Buffer.from(k, 'base64url')).toHaveLength(32);
  });
});

describe('generateSiteSecrets', () => {
  const sandbox = generateSiteSecrets(site('sandbox'));

  it('fills every file of the catalog that applies to sandbox', () => {
    expect(Object.keys(sandbox)).toEqual([
      'environments/ceph/secrets.yml',
      KOLLA,
      'environments/kubernetes/secrets.yml',
      'environments/manager/secrets.yml',
      'environments/monitoring/secrets.yml',
      'environments/secrets.yml',
    ]);
    expect(Object.keys(sandbox[KOLLA]!).length).toBeGreaterThanOrEqual(60);
  });

  it('gives each kind its format', () => {
    expect(str(sandbox, KOLLA, 'keystone_admin_password')).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(str(sandbox, KOLLA, 'prometheus_bcrypt_salt')).toMatch(/^[A-Za-z0-9]{22}$/);
    expect(str(sandbox, KOLLA, 'designate_rndc_key')).toMatch(/^[0-9a-f]{32}$/);
    expect(str(sandbox, KOLLA, 'rbd_secret_uuid')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(str(sandbox, 'environments/secrets.yml', 'ceph_cluster_fsid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(str(sandbox, KOLLA, 'barbican_crypto_key')).toMatch(/^[A-Za-z0-9_-]{43}=$/);
    expect(str(sandbox, 'environments/manager/secrets.yml', 'netbox_user_api_token')).toMatch(/^[0-9a-f]{40}$/);
  });

  it.each(['nova_ssh_key', 'kolla_ssh_key', 'keystone_ssh_key', 'octavia_amp_ssh_key'])('%s is an ed25519 pair ssh2 parses, public matching private', (name) => {
    const p = pair(sandbox, KOLLA, name);
    expect(p.private_key).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
    expect(p.public_key).toMatch(/^ssh-ed25519 AAAA[A-Za-z0-9+/]+={0,2} \S+$/);
    const priv = ssh2.utils.parseKey(p.private_key);
    const pub = ssh2.utils.parseKey(p.public_key);
    if (priv instanceof Error || pub instanceof Error) throw priv instanceof Error ? priv : pub;
    expect(priv.type).toBe('ssh-ed25519');
    expect(priv.isPrivateKey()).toBe(true);
    expect(priv.getPublicSSH().equals(pub.getPublicSSH())).toBe(true);
  });

  it('never repeats a value (apart from the declared copies)', () => {
    const values: string[] = [];
    for (const [file, entries] of Object.entries(sandbox)) {
      for (const [name, v] of Object.entries(entries)) {
        const copy = secretCatalog().files.find((f) => f.path === file)!.secrets.find((s) => s.name === name)!.kind === 'copy';
        if (!copy) values.push(typeof v === 'string' ? v : v.private_key);
      }
    }
    expect(new Set(values).size).toBe(values.length);
    expect(generateSiteSecrets(site('sandbox'))[KOLLA]!.rabbitmq_password).not.toBe(sandbox[KOLLA]!.rabbitmq_password);
  });

  it('copies repeat their source', () => {
    expect(sandbox['environments/manager/secrets.yml']!.manager_listener_broker_password).toBe(sandbox[KOLLA]!.rabbitmq_password);
    expect(sandbox['environments/secrets.yml']!.keystone_admin_password).toBe(sandbox[KOLLA]!.keystone_admin_password);
    expect(sandbox['environments/ceph/secrets.yml']!.ceph_rgw_keystone_password).toBe(sandbox[KOLLA]!.ceph_rgw_keystone_password);
    expect(sandbox['environments/manager/secrets.yml']!.netbox_api_token).toBe(sandbox['environments/manager/secrets.yml']!.netbox_user_api_token);
  });

  it('gives kubernetes no OpenStack or Ceph secrets', () => {
    const k = generateSiteSecrets(site('kubernetes'));
    expect(Object.keys(k).sort()).toEqual(['environments/kubernetes/secrets.yml', 'environments/manager/secrets.yml', 'environments/monitoring/secrets.yml', 'environments/secrets.yml']);
    expect(k['environments/secrets.yml']!.ceph_cluster_fsid).toBeUndefined();
    expect(k['environments/manager/secrets.yml']!.manager_listener_broker_password).toBeUndefined();
    expect(str(k, 'environments/kubernetes/secrets.yml', 'k3s_token')).toMatch(/^[A-Za-z0-9]{64}$/);
  });

  it('generates service secrets only for enabled services', () => {
    const off = generateSiteSecrets(site('edge', false));
    for (const name of ['barbican_crypto_key', 'octavia_amp_ssh_key', 'designate_pool_id', 'skyline_secret_key', 'grafana_admin_password', 'prometheus_password', 'opensearch_dashboards_password']) {
      expect(off[KOLLA]![name], name).toBeUndefined();
    }
    expect(off['environments/monitoring/secrets.yml']).toBeUndefined();
    expect(off[KOLLA]!.nova_keystone_password).toBeDefined();
    const octaviaOnly = generateSiteSecrets(site('edge', false, { octavia: true }));
    expect(octaviaOnly[KOLLA]!.octavia_amp_ssh_key).toBeDefined();
    expect(octaviaOnly[KOLLA]!.barbican_crypto_key).toBeUndefined();
  });

  it('keeps existing values and only adds what is missing', () => {
    const before = generateSiteSecrets(site('edge', false));
    const after = generateSiteSecrets(site('edge', true), before);
    for (const [file, entries] of Object.entries(before)) for (const [k, v] of Object.entries(entries)) expect(after[file]![k]).toEqual(v);
    expect(after[KOLLA]!.barbican_crypto_key).toBeDefined();
    // Same inputs again: nothing changes at all.
    expect(generateSiteSecrets(site('edge', true), after)).toEqual(after);
  });

  it('keeps secrets of services that were switched off, and foreign keys as they are', () => {
    const on = generateSiteSecrets(site('sandbox', true));
    const withExtra: SiteSecrets = { ...on, 'environments/custom/secrets.yml': { mine: 'x' }, [KOLLA]: { ...on[KOLLA]!, database_password: 'operator-chosen' } };
    const off = generateSiteSecrets(site('sandbox', false), withExtra);
    expect(off[KOLLA]!.barbican_crypto_key).toBe(on[KOLLA]!.barbican_crypto_key);
    expect(off[KOLLA]!.database_password).toBe('operator-chosen');
    expect(off['environments/custom/secrets.yml']).toEqual({ mine: 'x' });
  });

  it('sorts files and keys', () => {
    const shuffled: SiteSecrets = { z: { b: '1', a: '2' }, a: { d: '3', c: '4' } };
    const out = generateSiteSecrets(site('kubernetes'), shuffled);
    const files = Object.keys(out);
    expect(files).toEqual([...files].sort());
    for (const entries of Object.values(out)) expect(Object.keys(entries)).toEqual(Object.keys(entries).sort());
  });

  it.each([
    ['sandbox', true],
    ['sandbox', false],
    ['edge', true],
    ['edge', false],
    ['kubernetes', true],
    ['kubernetes', false],
  ] as const)('has every copy source for %s with services %s', (type, on) => {
    expect(() => generateSiteSecrets(site(type, on))).not.toThrow();
  });
});

describe('the secrets catalog', () => {
  const text = readFileSync(secretCatalogPath(), 'utf8');
  const data = parse(text) as { files: { path: string; secrets: Record<string, unknown>[] }[] };

  it('validates against schemas/site-secrets.schema.json', () => {
    expect(() => parseSecretCatalog(text, 'secrets.yaml')).not.toThrow();
  });

  it('lists the kolla keys by their real names', () => {
    const kolla = data.files.find((f) => f.path === KOLLA)!.secrets.map((s) => s.name);
    for (const k of ['keystone_admin_password', 'metadata_secret', 'memcache_secret_key', 'nova_ssh_key', 'kolla_ssh_key', 'keystone_ssh_key', 'octavia_amp_ssh_key', 'octavia_ca_password', 'rabbitmq_cluster_cookie', 'designate_rndc_key']) {
      expect(kolla).toContain(k);
    }
  });

  const broken = (mutate: (d: typeof data) => void): string => {
    const copy = structuredClone(data);
    mutate(copy);
    try {
      parseSecretCatalog(stringify(copy), 'playbooks/site/secrets.yaml');
    } catch (e) {
      expect(e).toBeInstanceOf(SecretCatalogError);
      return (e as Error).message;
    }
    throw new Error('the broken catalog was accepted');
  };

  it('names the file and the entry of a broken entry', () => {
    const msg = broken((d) => delete d.files[1]!.secrets[3]!.length);
    expect(msg).toContain('playbooks/site/secrets.yaml');
    expect(msg).toMatch(/files\[1\] \(environments\/kolla\/secrets\.yml\) secrets\[3\] \(proxysql_admin_password\)/);
    expect(msg).toContain('missing field "length"');
  });

  it('rejects an unknown kind, a field of another kind, an unknown service and a dangling copy', () => {
    expect(broken((d) => (d.files[1]!.secrets[0]!.kind = 'pin'))).toMatch(/secrets\[0\] \(database_password\) kind: must be one of/);
    expect(broken((d) => (d.files[1]!.secrets[0]!.bytes = 16))).toMatch(/secrets\[0\] \(database_password\) bytes: not allowed for this kind/);
    expect(broken((d) => (d.files[1]!.secrets[0]!.service = 'swift'))).toMatch(/service "swift" is not a services\.\* flag/);
    expect(broken((d) => (d.files[0]!.secrets[1]!.of = 'environments/kolla/secrets.yml#nope'))).toMatch(/keystone_admin_password\): copies "environments\/kolla\/secrets\.yml#nope", which the catalog does not declare/);
    expect(broken((d) => d.files[1]!.secrets.push({ name: 'database_password', kind: 'uuid' }))).toMatch(/the name is used twice/);
  });

  it('names the file when the YAML does not parse', () => {
    expect(() => parseSecretCatalog('files: [\n', 'x/secrets.yaml')).toThrow(/^x\/secrets\.yaml: not valid YAML/);
  });
});
