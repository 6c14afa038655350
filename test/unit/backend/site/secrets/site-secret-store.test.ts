// SPDX-License-Identifier: Apache-2.0
// The per-site secret store on a real temporary data dir: creation, modes, atomic writes, keeping
// values across loads, the vault password check, and refusing to touch a damaged file.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ResolvedSite } from '../../../../../electron/backend/site/site-types.js';
import { allSecretValues, loadSiteSecrets, SiteSecretStoreError, siteSecretsFile } from '../../../../../electron/backend/site/secrets/site-secret-store.js';

const SERVICES = ['opensearch', 'skyline', 'barbican', 'octavia', 'designate', 'prometheus', 'grafana', 'netdata', 'phpmyadmin', 'homer', 'cgit', 'wireguard', 'k8s_dashboard'];
type Site = Pick<ResolvedSite, 'name' | 'type' | 'services'>;
const site = (on: boolean, type: Site['type'] = 'edge'): Site => ({ name: 'lab-1', type, services: Object.fromEntries(SERVICES.map((s) => [s, on])) as ResolvedSite['services'] });
const KOLLA = 'environments/kolla/secrets.yml';

let dataDir = '';
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'ciab-secrets-'));
});

const mode = (p: string): number => statSync(p).mode & 0o777;

describe('loadSiteSecrets', () => {
  it('creates the store with a random 32-byte vault password, 0700 directory and 0600 file', async () => {
    const r = await loadSiteSecrets(dataDir, site(true));
    expect(r.created).toBe(true);
    expect(r.file).toBe(path.join(dataDir, 'site-secrets', 'lab-1.json'));
    expect(r.vaultPassword).toMatch(/^[0-9a-f]{64}$/);
    expect(mode(path.dirname(r.file))).toBe(0o700);
    expect(mode(r.file)).toBe(0o600);
    const stored = JSON.parse(readFileSync(r.file, 'utf8')) as Record<string, unknown>;
    expect(stored).toEqual({ format: 'ciab-site-secrets', version: 1, vaultPassword: r.vaultPassword, secrets: r.secrets });
    expect(Object.keys(r.secrets[KOLLA]!).length).toBeGreaterThan(50);
  });

  it('returns the same values on the next load and does not rewrite the file', async () => {
    const first = await loadSiteSecrets(dataDir, site(true));
    const before = statSync(first.file);
    const second = await loadSiteSecrets(dataDir, site(true));
    expect(second.created).toBe(false);
    expect(second.vaultPassword).toBe(first.vaultPassword);
    expect(second.secrets).toEqual(first.secrets);
    expect(statSync(first.file).ino).toBe(before.ino);
  });

  it('adds secrets of newly enabled services, keeps the rest, and saves', async () => {
    const first = await loadSiteSecrets(dataDir, site(false));
    expect(first.secrets[KOLLA]!.barbican_crypto_key).toBeUndefined();
    const second = await loadSiteSecrets(dataDir, site(true));
    expect(second.secrets[KOLLA]!.barbican_crypto_key).toBeDefined();
    for (const [k, v] of Object.entries(first.secrets[KOLLA]!)) expect(second.secrets[KOLLA]![k]).toEqual(v);
    const saved = JSON.parse(readFileSync(second.file, 'utf8')) as { secrets: typeof second.secrets };
    expect(saved.secrets).toEqual(second.secrets);
    // Switching the service off again keeps its secrets (they may already be in the cloud).
    const third = await loadSiteSecrets(dataDir, site(false));
    expect(third.secrets).toEqual(second.secrets);
  });

  it('writes atomically: no temporary file is left, and the file is replaced by rename', async () => {
    const first = await loadSiteSecrets(dataDir, site(false));
    const ino = statSync(first.file).ino;
    await loadSiteSecrets(dataDir, site(true));
    expect(statSync(first.file).ino).not.toBe(ino);
    expect(readdirSync(path.dirname(first.file))).toEqual(['lab-1.json']);
    expect(mode(first.file)).toBe(0o600);
  });

  it('serialises concurrent loads of one site, so they agree', async () => {
    const all = await Promise.all([1, 2, 3, 4].map(() => loadSiteSecrets(dataDir, site(true))));
    for (const r of all) {
      expect(r.vaultPassword).toBe(all[0]!.vaultPassword);
      expect(r.secrets).toEqual(all[0]!.secrets);
    }
    expect(all.filter((r) => r.created)).toHaveLength(1);
  });

  it('uses a given vault password for a new store and accepts it again', async () => {
    const r = await loadSiteSecrets(dataDir, site(true), 'operator-chosen-password');
    expect(r.vaultPassword).toBe('operator-chosen-password');
    expect((await loadSiteSecrets(dataDir, site(true), 'operator-chosen-password')).secrets).toEqual(r.secrets);
    expect((await loadSiteSecrets(dataDir, site(true))).vaultPassword).toBe('operator-chosen-password');
  });

  it('refuses a vault password that differs from the stored one', async () => {
    const r = await loadSiteSecrets(dataDir, site(true));
    const before = readFileSync(r.file, 'utf8');
    await expect(loadSiteSecrets(dataDir, site(true), 'something-else')).rejects.toThrow(/does not match the one stored for site lab-1/);
    expect(readFileSync(r.file, 'utf8')).toBe(before);
  });

  it('refuses a given vault password that ansible-vault would strip', async () => {
    await expect(loadSiteSecrets(dataDir, site(true), ' padded ')).rejects.toThrow(/white space/);
    expect(existsSync(siteSecretsFile(dataDir, 'lab-1'))).toBe(false);
  });

  it.each([
    ['not JSON', '{"format": "ciab-site-secrets", '],
    ['another format', JSON.stringify({ format: 'other', version: 1, vaultPassword: 'x', secrets: {} })],
    ['a newer version', JSON.stringify({ format: 'ciab-site-secrets', version: 2, vaultPassword: 'x', secrets: {} })],
    ['no vault password', JSON.stringify({ format: 'ciab-site-secrets', version: 1, secrets: {} })],
    ['a malformed key pair', JSON.stringify({ format: 'ciab-site-secrets', version: 1, vaultPassword: 'x', secrets: { [KOLLA]: { nova_ssh_key: { private_key: 'x' } } } })],
  ])('refuses a damaged store (%s), names the file, and leaves it untouched', async (_label, content) => {
    const file = siteSecretsFile(dataDir, 'lab-1');
    await loadSiteSecrets(dataDir, site(true));
    writeFileSync(file, content);
    const err = await loadSiteSecrets(dataDir, site(true)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SiteSecretStoreError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(/will not replace it\. Restore it from a backup/);
    expect(readFileSync(file, 'utf8')).toBe(content);
    expect(readdirSync(path.dirname(file))).toEqual(['lab-1.json']);
  });

  it('reports an unreadable store without regenerating it', async () => {
    // A directory where the file should be: unreadable even for root, unlike a mode-000 file.
    const file = siteSecretsFile(dataDir, 'lab-1');
    mkdirSync(file, { recursive: true });
    await expect(loadSiteSecrets(dataDir, site(true))).rejects.toThrow(/Cannot read the site's secret store .*lab-1\.json: .*must not be deleted/);
    expect(statSync(file).isDirectory()).toBe(true);
  });

  it('rejects a site name that is not a plain file name', () => {
    expect(() => siteSecretsFile(dataDir, '../etc')).toThrow(/Invalid site name/);
  });
});

describe('allSecretValues', () => {
  it('lists every password and private key (and the lines of keys), not public keys', async () => {
    const { secrets } = await loadSiteSecrets(dataDir, site(true));
    const values = allSecretValues(secrets);
    const pair = secrets[KOLLA]!.nova_ssh_key as { private_key: string; public_key: string };
    expect(values).toContain(secrets[KOLLA]!.database_password);
    expect(values).toContain(pair.private_key);
    expect(values).toContain(pair.private_key.split('\n')[1]);
    expect(values).not.toContain(pair.public_key);
    expect(new Set(values).size).toBe(values.length);
  });
});
