// SPDX-License-Identifier: Apache-2.0
// The site configuration after defaults are applied: every field the renderers read is present.
// Derived from the generated SiteConfig type, so the schema stays the single source of truth.
import type {
  AirGap,
  ExternalProviderNetwork,
  InternalNetwork,
  LocalAPTMirror,
  LocalRegistry,
  ManagementNetwork,
  Node,
  Operator,
  OptionalServices,
  SiteConfig,
  Storage,
  Versions,
  WorkloadNetwork,
} from '../../api/generated/site-types.js';

export type { SiteConfig } from '../../api/generated/site-types.js';

type With<T, K extends keyof T> = T & Required<Pick<T, K>>;

/** A site with every default filled in (see playbooks/site/defaults.yaml). */
export interface ResolvedSite extends Omit<SiteConfig, 'versions' | 'domain' | 'api_fqdn' | 'node' | 'management' | 'networks' | 'dns' | 'storage' | 'registry' | 'apt_mirror' | 'operator' | 'services' | 'airgap'> {
  versions: Required<Versions>;
  domain: string;
  api_fqdn: string;
  node: Required<Node>;
  management: With<ManagementNetwork, 'dhcp'>;
  networks: {
    internal: With<InternalNetwork, 'vlan' | 'cidr' | 'address' | 'vip'>;
    workload: With<WorkloadNetwork, 'vlan'>;
    external: With<ExternalProviderNetwork, 'cidr' | 'gateway' | 'pool'>;
  };
  dns: { servers: string[]; search: string[] };
  /** Present for sandbox and edge (the schema requires it there). */
  storage?: Required<Storage>;
  registry: With<LocalRegistry, 'insecure'>;
  apt_mirror: With<LocalAPTMirror, 'suites' | 'components' | 'trusted'>;
  operator: Required<Operator>;
  services: Required<OptionalServices>;
  airgap: Required<AirGap>;
}

/** One problem with a site file, named by its JSON pointer (e.g. /networks/internal/vip). */
export interface SiteError {
  field: string;
  message: string;
  /** 1-based line in the site file, when it was read from YAML text. */
  line?: number;
}

/** True for the CiaB types that install OpenStack and Ceph. */
export function isOpenStackType(type: SiteConfig['type']): boolean {
  return type === 'sandbox' || type === 'edge';
}
