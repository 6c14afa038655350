// SPDX-License-Identifier: Apache-2.0
// Renders the OSISM configuration repository of a site for an air-gapped install: the upstream
// CiaB layout (environments/, inventory/) with every source pointed at the site and its bundle.
// Pure and deterministic: the same context gives the same files, sorted by path.
import type { RenderContext, RenderedFile } from '../render-types.js';
import { isOpenStackType } from '../../site-types.js';
import { renderCephEnvironment } from './environment-ceph.js';
import { renderInfrastructureEnvironment } from './environment-infrastructure.js';
import { renderKollaEnvironment } from './environment-kolla.js';
import { renderKubernetesEnvironment } from './environment-kubernetes.js';
import { renderManagerEnvironment } from './environment-manager.js';
import { renderOpenstackEnvironment } from './environment-openstack.js';
import { renderGlobalEnvironment } from './environments-global.js';
import { renderInventory } from './inventory.js';
import { renderNetwork } from './network.js';
import { renderRegistries } from './registries.js';
import { renderSecretsFiles } from './secrets-files.js';

/** Every file of the configuration repository, sorted by path; throws RenderError on a gap. */
export function renderOsismRepository(ctx: RenderContext): RenderedFile[] {
  const site = ctx.site;
  const files: RenderedFile[] = [
    renderGlobalEnvironment(ctx),
    ...renderManagerEnvironment(site),
    renderInfrastructureEnvironment(site),
    ...renderInventory(site),
    ...renderNetwork(site),
    renderRegistries(site),
    ...renderSecretsFiles(ctx),
  ];
  if (isOpenStackType(site.type)) {
    files.push(...renderKollaEnvironment(site), ...renderCephEnvironment(ctx), renderOpenstackEnvironment(site));
  } else {
    files.push(...renderKubernetesEnvironment(ctx));
  }
  const seen = new Set<string>();
  for (const f of files) {
    // A secrets path that collides with a configuration file would silently replace it.
    if (seen.has(f.path)) throw new Error(`The OSISM repository renderer produced ${f.path} twice`);
    seen.add(f.path);
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
