// SPDX-License-Identifier: Apache-2.0
// The content of /etc/rancher/k3s/registries.yaml: every registry, including the "*" wildcard,
// mirrored to the site-local registry. k3s starts with --disable-default-registry-endpoint (see
// the k3s config renderer) so containerd never falls back to the public endpoint.
import { MIRRORED_REGISTRIES, registryEndpoint } from './registry-endpoint.js';
import type { RenderContext } from './render-types.js';

/**
 * The registries.yaml document. With `passwordRef` the password is written as that text (e.g. a
 * Jinja reference for the OSISM variable) instead of the real value.
 */
export function k3sRegistriesDocument(ctx: RenderContext, passwordRef?: string): Record<string, unknown> {
  const ep = registryEndpoint(ctx.site);
  const endpoint = [`${ep.scheme}://${ep.host}`];
  const mirrors: Record<string, unknown> = { '*': { endpoint } };
  for (const name of MIRRORED_REGISTRIES) mirrors[name] = { endpoint };
  const config: Record<string, unknown> = {};
  if (ep.auth) config.auth = { username: ctx.site.registry.username, password: passwordRef ?? ctx.registryPassword ?? '' };
  if (ep.caPath) config.tls = { ca_file: ep.caPath };
  else if (ep.insecure) config.tls = { insecure_skip_verify: true };
  return { mirrors, configs: { [ep.host]: config } };
}
