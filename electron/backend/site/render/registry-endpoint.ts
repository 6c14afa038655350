// SPDX-License-Identifier: Apache-2.0
// How the node reaches the site-local registry, derived once from the site so that the OSISM
// variables, Docker's daemon.json and k3s's registries.yaml always agree.
import type { ResolvedSite } from '../site-types.js';

/** The local registry as every consumer needs it. */
export interface RegistryEndpoint {
  /** host:port as written in image references, e.g. localhost:5001. */
  host: string;
  /** URL scheme the registry speaks: http for an insecure registry, https otherwise. */
  scheme: 'http' | 'https';
  /** Pull without TLS verification (Docker's insecure-registries, containerd's insecure_skip_verify). */
  insecure: boolean;
  /** Where the registry's CA certificate is installed on the node, when the site gives one. */
  caPath?: string;
  /** Docker's per-registry CA directory (certs.d), when the site gives a CA. */
  dockerCaPath?: string;
  /** Whether pulls need credentials (user name in the site, password from the secret store). */
  auth: boolean;
}

/** The CA certificate's place in the system trust store (update-ca-certificates picks *.crt up). */
export const REGISTRY_CA_PATH = '/usr/local/share/ca-certificates/ciab-registry.crt';

/** The registry endpoint of a resolved site. */
export function registryEndpoint(site: ResolvedSite): RegistryEndpoint {
  const r = site.registry;
  return {
    host: r.host,
    scheme: r.insecure ? 'http' : 'https',
    insecure: r.insecure,
    // Docker names the directory exactly as the image reference writes the host, brackets included.
    ...(r.ca_certificate ? { caPath: REGISTRY_CA_PATH, dockerCaPath: `/etc/docker/certs.d/${r.host}/ca.crt` } : {}),
    auth: r.username !== undefined,
  };
}

/**
 * Public registries whose images the bundle carries under the local registry. Image references
 * to these are rewritten (k3s mirrors, Docker's mirror for docker.io) to the local registry.
 */
export const MIRRORED_REGISTRIES = ['docker.io', 'registry.osism.tech', 'quay.io', 'ghcr.io', 'registry.k8s.io', 'gcr.io'] as const;
