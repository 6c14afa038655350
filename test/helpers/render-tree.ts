// SPDX-License-Identifier: Apache-2.0
// Renders the example sites with fixed secrets and a fixed vault password, so golden files and
// real-tool checks see exactly what the app renders, reproducibly.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderSite, type RenderResult } from '../../electron/backend/site/render/render-site.js';
import type { SiteSecrets } from '../../electron/backend/site/render/render-types.js';
import { writeRenderedTree } from '../../electron/backend/site/render/write-tree.js';
import { generateSiteSecrets } from '../../electron/backend/site/secrets/generate-secrets.js';
import type { ResolvedSite } from '../../electron/backend/site/site-types.js';
import { validateSite } from '../../electron/backend/site/validate-site.js';
import { exampleSite } from './site-fixtures.js';

export const GOLDEN_VAULT_PASSWORD = 'golden-vault-password-not-secret';
export const GOLDEN_REGISTRY_PASSWORD = 'golden-registry-password';

/** The secrets a site needs, with fixed values named after their keys (same keys as a real run). */
export function fixedSecrets(site: ResolvedSite): SiteSecrets {
  const real = generateSiteSecrets(site);
  const out: SiteSecrets = {};
  for (const [file, entries] of Object.entries(real)) {
    out[file] = Object.fromEntries(
      Object.entries(entries).map(([k, v]) => [k, typeof v === 'string' ? `golden-${k}` : { private_key: `golden-${k}-private`, public_key: `ssh-ed25519 AAAAgolden${k} golden` }]),
    );
  }
  return out;
}

/** A resolved example site (throws if the example is invalid). */
export function resolvedExample(type: 'sandbox' | 'edge' | 'kubernetes'): ResolvedSite {
  const v = validateSite(exampleSite(type));
  if (!v.resolved) throw new Error(`examples/site-${type}.yaml is invalid: ${JSON.stringify(v.errors)}`);
  return v.resolved;
}

/** Renders an example with fixed secrets. */
export function renderExample(type: 'sandbox' | 'edge' | 'kubernetes', site: ResolvedSite = resolvedExample(type)): RenderResult & { secrets: SiteSecrets } {
  const secrets = fixedSecrets(site);
  const registryPassword = site.registry.username !== undefined ? GOLDEN_REGISTRY_PASSWORD : undefined;
  return { ...renderSite({ site, secrets, vaultPassword: GOLDEN_VAULT_PASSWORD, ...(registryPassword ? { registryPassword } : {}) }), secrets };
}

/** Writes a render into a fresh temporary directory and returns its path. */
export async function writeExample(result: RenderResult): Promise<string> {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'ciab-render-')), 'tree');
  await writeRenderedTree(dir, result.files);
  return dir;
}
