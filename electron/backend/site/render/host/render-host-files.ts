// SPDX-License-Identifier: Apache-2.0
// Entry of the host-file renderers: every file the node needs before or beside OSISM or k3s
// (network, time, APT, Docker, registry CA, proxy, k3s), each under host/ with its target path.
import type { RenderContext, RenderedFile } from '../render-types.js';
import { renderAptSources } from './apt-sources.js';
import { renderChrony } from './chrony.js';
import { renderDockerDaemon } from './docker-daemon.js';
import { byPath } from './host-file.js';
import { renderK3sFiles } from './k3s-config.js';
import { renderNetplanFiles } from './netplan.js';
import { renderProxyFiles } from './proxy.js';
import { renderRegistryCa } from './registry-ca.js';

export { hostFileActions, type HostFileAction } from './host-file-actions.js';
export { k3sAirgapPaths, type K3sAirgapPaths } from './k3s-config.js';

/** The host files of a site, sorted by path; the same context gives byte-identical files. */
export function renderHostFiles(ctx: RenderContext): RenderedFile[] {
  const files = [
    ...renderNetplanFiles(ctx),
    renderChrony(ctx),
    ...renderAptSources(ctx),
    renderDockerDaemon(ctx),
    ...renderRegistryCa(ctx),
    ...renderProxyFiles(ctx),
    ...(ctx.site.type === 'kubernetes' ? renderK3sFiles(ctx) : []),
  ];
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.path)) throw new Error(`Two host renderers produced ${f.path}`);
    seen.add(f.path);
  }
  return files.sort(byPath);
}
