// SPDX-License-Identifier: Apache-2.0
// Renders a resolved site into the complete air-gapped configuration: the OSISM configuration
// repository, the host files, the resolved site and a manifest, then runs the leak check.
// Pure and deterministic: the same site, secrets and vault password give byte-identical files.
import { createHash } from 'node:crypto';
import type { LeakFinding } from '../../../api/contract.js';
import { scanForLeaks } from '../leak-check.js';
import type { ResolvedSite } from '../site-types.js';
import { deterministicSalt, encryptVault } from '../vault/ansible-vault.js';
import { hostFileActions, k3sAirgapPaths, renderHostFiles } from './host/render-host-files.js';
import { renderOsismRepository } from './osism/render-osism-repository.js';
import type { RenderContext, RenderedFile, SiteSecrets } from './render-types.js';
import { toYaml } from './yaml-text.js';

/** Everything a render needs. */
export interface RenderInput {
  site: ResolvedSite;
  secrets: SiteSecrets;
  vaultPassword: string;
  registryPassword?: string;
}

/** The rendered tree plus what the review and the deploy need to know about it. */
export interface RenderResult {
  files: RenderedFile[];
  leaks: LeakFinding[];
  /** sha256 over every path and content: equal inputs give an equal digest. */
  digest: string;
}

export const MANIFEST_PATH = 'ciab/render.json';

/** Renders the site; throws RenderError when something the site needs is missing. */
export function renderSite(input: RenderInput): RenderResult {
  const ctx: RenderContext = {
    site: input.site,
    secrets: input.secrets,
    ...(input.registryPassword !== undefined ? { registryPassword: input.registryPassword } : {}),
    vault: (path, plaintext) => encryptVault(plaintext, input.vaultPassword, deterministicSalt(input.vaultPassword, path, plaintext)),
  };
  const files = [...renderOsismRepository(ctx), ...renderHostFiles(ctx), siteFile(input.site)];
  const byPath = new Map<string, RenderedFile>();
  for (const f of files) {
    if (byPath.has(f.path)) throw new Error(`Two renderers produced ${f.path}`);
    byPath.set(f.path, f);
  }
  const sorted = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  sorted.push(manifestFile(input.site, sorted, ctx));
  sorted.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const leaks = scanForLeaks(
    sorted.filter((f) => f.secret !== 'vault'),
    input.site,
  );
  return { files: sorted, leaks, digest: digestOf(sorted) };
}

/** sha256 of a file's content, hex. */
export function sha256(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

function digestOf(files: RenderedFile[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(`${f.path}\0${f.mode.toString(8)}\0${f.content}\0`);
  return h.digest('hex');
}

/** The resolved site as rendered (the registry password is never written here). */
function siteFile(site: ResolvedSite): RenderedFile {
  const { registry, ...rest } = site;
  const { password: _password, ...registryWithoutPassword } = registry;
  return {
    path: 'ciab/site.yaml',
    content: toYaml({ ...rest, registry: registryWithoutPassword }, 'The site file with every default applied, as this tree was rendered from it.'),
    mode: 0o644,
  };
}

/** The manifest airgap-prepare and the review read: every file with its hash, mode and target. */
function manifestFile(site: ResolvedSite, files: RenderedFile[], ctx: RenderContext): RenderedFile {
  const manifest = {
    format: 'ciab-render',
    version: 1,
    site: site.name,
    type: site.type,
    versions: site.versions,
    files: files.map((f) => ({
      path: f.path,
      sha256: sha256(f.content),
      size: Buffer.byteLength(f.content),
      mode: `0${f.mode.toString(8)}`,
      ...(f.target ? { target: f.target } : {}),
      ...(f.secret ? { secret: f.secret } : {}),
    })),
    hostActions: hostFileActions(ctx),
    ...(site.type === 'kubernetes' ? { k3s: k3sAirgapPaths(site) } : {}),
  };
  return { path: MANIFEST_PATH, content: `${JSON.stringify(manifest, null, 2)}\n`, mode: 0o644 };
}
