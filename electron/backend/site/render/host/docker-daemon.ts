// SPDX-License-Identifier: Apache-2.0
// /etc/docker/daemon.json: Docker Hub pulls go to the site registry (the bundle's registry serves
// docker.io images at its root, as MetalBox's does), plain HTTP allowed for an insecure registry,
// upstream's docker_opts, and the proxy only when the site has one.
import { registryEndpoint } from '../registry-endpoint.js';
import type { RenderContext, RenderedFile } from '../render-types.js';
import { hostFile, withSecrets } from './host-file.js';
import { siteProxy } from './proxy.js';

export const DOCKER_DAEMON_PATH = '/etc/docker/daemon.json';

/** The daemon.json object; keys in alphabetical order so the file is stable. */
export function dockerDaemonDocument(ctx: RenderContext): Record<string, unknown> {
  const ep = registryEndpoint(ctx.site);
  const proxy = siteProxy(ctx);
  const doc: Record<string, unknown> = {
    // Docker talks plain HTTP (or unverified TLS) to these; an http:// mirror must be listed here.
    ...(ep.insecure ? { 'insecure-registries': [ep.host] } : {}),
    // As upstream's docker_opts in environments/configuration.yml.
    'max-concurrent-downloads': 20,
    ...(proxy ? { proxies: { 'http-proxy': proxy.http, 'https-proxy': proxy.https, 'no-proxy': proxy.noProxy.join(',') } } : {}),
    'registry-mirrors': [`${ep.scheme}://${ep.host}`],
  };
  return Object.fromEntries(Object.entries(doc).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** daemon.json (vault-encrypted when the proxy URL holds a password). */
export function renderDockerDaemon(ctx: RenderContext): RenderedFile {
  const file = hostFile(DOCKER_DAEMON_PATH, `${JSON.stringify(dockerDaemonDocument(ctx), null, 2)}\n`);
  return withSecrets(ctx, file, siteProxy(ctx)?.credentials ?? false);
}
