// SPDX-License-Identifier: Apache-2.0
// k3s for the kubernetes type, installed from the bundle: /etc/rancher/k3s/config.yaml (the
// server flags, with OSISM's defaults), /etc/rancher/k3s/registries.yaml (every registry mirrored
// to the site registry), and where the binary and the airgap images go on the node.
import { networkOf, overlaps, parseInterface, type Net } from '../../ip-math.js';
import type { ResolvedSite } from '../../site-types.js';
import { k3sRegistriesDocument } from '../k3s-registries.js';
import { registryEndpoint } from '../registry-endpoint.js';
import { RenderError, type RenderContext, type RenderedFile } from '../render-types.js';
import { toYaml } from '../yaml-text.js';
import { hostFile, RENDERED_BY, withSecrets } from './host-file.js';
import { vlanName } from './netplan.js';

export const K3S_CONFIG_PATH = '/etc/rancher/k3s/config.yaml';
export const K3S_REGISTRIES_PATH = '/etc/rancher/k3s/registries.yaml';

/** Pod networks: k3s's IPv4 default, and a fixed ULA for dual-stack sites. */
export const K3S_CLUSTER_CIDRS = ['10.42.0.0/16', 'fd42:ca1b:42::/56'] as const;
/** Service networks: k3s's IPv4 default, and a ULA /112 (Kubernetes allows at most 20 host bits). */
export const K3S_SERVICE_CIDRS = ['10.43.0.0/16', 'fd42:ca1b:43::/112'] as const;

/** Where airgap-prepare puts k3s and how it runs k3s's install script without a download. */
export interface K3sAirgapPaths {
  version: string;
  /** The k3s binary of the bundle (install.sh with INSTALL_K3S_SKIP_DOWNLOAD uses it). */
  binary: string;
  /** k3s imports every image tarball in this directory at start. */
  imagesDir: string;
  imagesTarball: string;
  /** Environment for install.sh. */
  installEnv: Record<string, string>;
}

/** The k3s air-gap layout of a site (amd64, the architecture the bundle carries). */
export function k3sAirgapPaths(site: ResolvedSite): K3sAirgapPaths {
  const imagesDir = '/var/lib/rancher/k3s/agent/images';
  return {
    version: site.versions.k3s,
    binary: '/usr/local/bin/k3s',
    imagesDir,
    imagesTarball: `${imagesDir}/k3s-airgap-images-amd64.tar.zst`,
    installEnv: { INSTALL_K3S_SKIP_DOWNLOAD: 'true' },
  };
}

/** The site networks k3s's pod and service networks must stay clear of, with their fields. */
function siteNets(site: ResolvedSite): { net: Net; field: string }[] {
  const { management: m, networks: n } = site;
  const fields: [string | undefined, string][] = [
    [m.address, '/management/address'],
    [m.ipv6?.address, '/management/ipv6/address'],
    [n.internal.cidr, '/networks/internal/cidr'],
    [n.internal.ipv6?.cidr, '/networks/internal/ipv6/cidr'],
    [n.workload.cidr, '/networks/workload/cidr'],
    [n.workload.ipv6?.cidr, '/networks/workload/ipv6/cidr'],
  ];
  return fields.flatMap(([text, field]) => {
    const p = text !== undefined ? parseInterface(text) : null;
    return p ? [{ net: networkOf(p.addr, p.prefix), field }] : [];
  });
}

function checkClear(site: ResolvedSite, cidrs: string[]): void {
  for (const cidr of cidrs) {
    const p = parseInterface(cidr)!;
    const k3sNet = networkOf(p.addr, p.prefix);
    for (const { net, field } of siteNets(site)) {
      if (overlaps(net, k3sNet)) throw new RenderError(`${net.text} overlaps k3s's pod or service network ${cidr}; the node could not route to it`, field);
    }
  }
}

/** The config.yaml document: the flags k3s server starts with. */
export function k3sConfigDocument(site: ResolvedSite): Record<string, unknown> {
  const internal = site.networks.internal;
  const dual = internal.ipv6 !== undefined;
  const clusterCidr = dual ? [...K3S_CLUSTER_CIDRS] : [K3S_CLUSTER_CIDRS[0]];
  const serviceCidr = dual ? [...K3S_SERVICE_CIDRS] : [K3S_SERVICE_CIDRS[0]];
  checkClear(site, [...clusterCidr, ...serviceCidr]);
  return {
    'node-name': site.node.hostname,
    'node-ip': [internal.address, ...(internal.ipv6 ? [internal.ipv6.address] : [])],
    'tls-san': [site.api_fqdn, internal.vip, ...(internal.ipv6?.vip ? [internal.ipv6.vip] : [])],
    'flannel-iface': vlanName(internal.vlan),
    'cluster-cidr': clusterCidr,
    'service-cidr': serviceCidr,
    disable: ['servicelb', 'traefik'],
    'disable-default-registry-endpoint': true,
    'write-kubeconfig-mode': '0600',
  };
}

/** config.yaml and registries.yaml (vault-encrypted, mode 0600, when it holds the registry password). */
export function renderK3sFiles(ctx: RenderContext): RenderedFile[] {
  const configHeader = [
    RENDERED_BY,
    'k3s server flags, read at start. As in OSISM: servicelb and traefik off.',
    'No fallback to public registries (disable-default-registry-endpoint).',
    'No embedded registry: one node has no peers to share images with, and',
    "its p2p port (5001) would clash with the bundle registry's port.",
  ].join('\n');
  const registriesHeader = [
    RENDERED_BY,
    'The keys under "mirrors" are registry NAMES as image references spell',
    'them, not endpoints: each is served by the endpoint listed under it,',
    'the site registry. k3s never contacts the named registries.',
  ].join('\n');
  const ep = registryEndpoint(ctx.site);
  if (ep.auth && !ctx.registryPassword) throw new RenderError('The registry needs a password for its user name; enter it or give it in the site file', '/registry/password');
  const registries = hostFile(K3S_REGISTRIES_PATH, toYaml(k3sRegistriesDocument(ctx), registriesHeader));
  return [hostFile(K3S_CONFIG_PATH, toYaml(k3sConfigDocument(ctx.site), configHeader)), withSecrets(ctx, registries, ep.auth)];
}
