// SPDX-License-Identifier: Apache-2.0
// The site registry's CA certificate, when the site gives one: in the system trust store (for
// containerd/k3s and everything else) and in Docker's per-registry certs.d directory.
import { registryEndpoint } from '../registry-endpoint.js';
import type { RenderContext, RenderedFile } from '../render-types.js';
import { hostFile, pemFile } from './host-file.js';

/** The CA files (none when the registry has no CA of its own). */
export function renderRegistryCa(ctx: RenderContext): RenderedFile[] {
  const ep = registryEndpoint(ctx.site);
  const pem = ctx.site.registry.ca_certificate;
  if (pem === undefined || !ep.caPath || !ep.dockerCaPath) return [];
  const content = pemFile(pem, '/registry/ca_certificate');
  return [hostFile(ep.caPath, content), hostFile(ep.dockerCaPath, content)];
}
