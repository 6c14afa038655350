// SPDX-License-Identifier: Apache-2.0
// Inputs for the OSISM repository renderer tests: the example sites resolved, a fake secrets map
// with a few keys per file of the type, and a stand-in vault whose "ciphertext" is hex of the text.
import { parse } from 'yaml';
import { renderOsismRepository } from '../../../../../../electron/backend/site/render/osism/render-osism-repository.js';
import type { RenderContext, RenderedFile, SiteSecrets } from '../../../../../../electron/backend/site/render/render-types.js';
import type { ResolvedSite } from '../../../../../../electron/backend/site/site-types.js';
import { validateSite } from '../../../../../../electron/backend/site/validate-site.js';
import { exampleSite } from '../../../../../helpers/site-fixtures.js';

export const TYPES = ['sandbox', 'edge', 'kubernetes'] as const;
export type CiabType = (typeof TYPES)[number];

export const VAULT_HEADER = '$ANSIBLE_VAULT;1.1;AES256\n';
export const REGISTRY_PASSWORD = 'test-registry-password';

/** The stand-in vault (the real one is tested with ansible-vault elsewhere). */
export function fakeVault(_path: string, text: string): string {
  return `${VAULT_HEADER}${Buffer.from(text).toString('hex')}\n`;
}

/** The plaintext behind a fake-vaulted file. */
export function unvault(content: string): string {
  if (!content.startsWith(VAULT_HEADER)) throw new Error('not a fake vault file');
  return Buffer.from(content.slice(VAULT_HEADER.length).trim(), 'hex').toString('utf8');
}

/** A resolved site from a site object (throws with the errors when it is invalid). */
export function resolve(config: unknown): ResolvedSite {
  const v = validateSite(config);
  if (!v.resolved) throw new Error(`invalid test site: ${JSON.stringify(v.errors)}`);
  return v.resolved;
}

/** A resolved example site. */
export function example(type: CiabType): ResolvedSite {
  return resolve(exampleSite(type));
}

/** A couple of fake secrets per secrets file the type uses. */
export function fakeSecrets(site: ResolvedSite): SiteSecrets {
  const global = {
    operator_password_unhashed: 'op-secret',
    operator_ssh_key: { private_key: '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAAop\n-----END OPENSSH PRIVATE KEY-----\n', public_key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAImanager manager@ciab' },
    ara_password: 'ara-secret',
  };
  const common: SiteSecrets = {
    'environments/secrets.yml': site.type === 'kubernetes' ? global : { ...global, ceph_cluster_fsid: '6f1c3a52-8f0e-4c1e-9d3b-1f2a3b4c5d6e' },
    'environments/manager/secrets.yml': { manager_listener_broker_password: 'broker-secret', ara_password: 'ara-secret' },
  };
  if (site.type === 'kubernetes') return { ...common, 'environments/kubernetes/secrets.yml': { k3s_token: 'k3s-token-secret' } };
  return {
    ...common,
    'environments/kolla/secrets.yml': {
      keystone_admin_password: 'keystone-secret',
      database_password: 'db-secret',
      nova_ssh_key: { private_key: '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n', public_key: 'ssh-ed25519 AAAAnova nova' },
    },
    'environments/ceph/secrets.yml': { ceph_rgw_keystone_password: 'rgw-secret' },
    'environments/infrastructure/secrets.yml': { netbox_superuser_password: 'netbox-secret' },
  };
}

/** A render context for a site; the registry password is given when the registry needs one. */
export function contextFor(site: ResolvedSite, overrides: Partial<RenderContext> = {}): RenderContext {
  return {
    site,
    secrets: fakeSecrets(site),
    ...(site.registry.username !== undefined ? { registryPassword: REGISTRY_PASSWORD } : {}),
    vault: fakeVault,
    ...overrides,
  };
}

/** Renders a site with the fake inputs. */
export function render(site: ResolvedSite, overrides: Partial<RenderContext> = {}): RenderedFile[] {
  return renderOsismRepository(contextFor(site, overrides));
}

/** One rendered YAML file parsed (YAML 1.1, as Ansible reads it); vaulted files are decrypted first. */
export function yamlOf(files: RenderedFile[], path: string): Record<string, unknown> {
  const f = files.find((x) => x.path === path);
  if (!f) throw new Error(`not rendered: ${path}`);
  const text = f.secret === 'vault' ? unvault(f.content) : f.content;
  return parse(text, { version: '1.1', logLevel: 'error' }) as Record<string, unknown>;
}
