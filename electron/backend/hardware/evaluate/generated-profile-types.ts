// SPDX-License-Identifier: Apache-2.0
// Generated from schemas/hardware-profile.schema.json by test/unit/backend/hardware/evaluate/profile-types.test.ts
// (UPDATE_PROFILE_TYPES=1 npx vitest run <that file>); do not edit by hand.
/* eslint-disable @typescript-eslint/no-empty-object-type */
/**
 * The fixed catalogue of check kinds; each is also the id of the check result it produces.
 *
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "CheckKind".
 */
export type CheckKind =
  | 'cpu.arch'
  | 'cpu.cores'
  | 'cpu.virtualization'
  | 'cpu.kvm-nested'
  | 'cpu.vulnerabilities'
  | 'host.virtualization'
  | 'memory.total'
  | 'memory.swap'
  | 'storage.ceph-disk'
  | 'storage.dirty-disks'
  | 'storage.root-free'
  | 'firmware.uefi'
  | 'os.release'
  | 'os.kernel'
  | 'time.sync'
  | 'access.sudo'
  | 'host.ports'
  | 'net.default-route'
  | 'net.link'
  | 'net.dns'
  | 'net.hostname'
  | 'net.sriov'
  | 'security.iommu'
  | 'security.sev'
  | 'security.tdx'
  | 'accel.gpu';
/**
 * The state of a check whose requirement is unmet.
 *
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "Severity".
 */
export type Severity = 'fail' | 'warn';
/**
 * Which params each check kind takes (one if/then per kind).
 *
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "ParamsForKind".
 */
export type ParamsForKind = {
  [k: string]: unknown;
};
/**
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "CheckGroup".
 */
export type CheckGroup = 'CPU' | 'Memory' | 'Storage' | 'Network' | 'OS' | 'Security & accelerators';
/**
 * One text, or texts for special cases (e.g. a VM) of which the check kind picks one, falling back to `default`.
 *
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "TextOrVariants".
 */
export type TextOrVariants =
  | TextTemplate
  | {
      default: TextTemplate;
      [k: string]: TextTemplate;
    };
/**
 * {name} is replaced by a value; {{...}} is left out when a value inside it is missing
 *
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "TextTemplate".
 */
export type TextTemplate = string;

export interface HardwareProfileDefinitions {
  HardwareProfile?: HardwareProfile;
  CheckKind?: CheckKind;
  Severity?: Severity;
  CheckGroup?: CheckGroup;
  ProfileCheck?: ProfileCheck;
  ParamsForKind?: ParamsForKind;
  NoParams?: NoParams;
  ParamsExpected?: ParamsExpected;
  ParamsCpuArch?: ParamsCpuArch;
  ParamsCpuCores?: ParamsCpuCores;
  ParamsMemoryTotal?: ParamsMemoryTotal;
  ParamsMemorySwap?: ParamsMemorySwap;
  ParamsStorageCephDisk?: ParamsStorageCephDisk;
  ParamsStorageRootFree?: ParamsStorageRootFree;
  ParamsOsRelease?: ParamsOsRelease;
  ParamsOsKernel?: ParamsOsKernel;
  ParamsHostPorts?: ParamsHostPorts;
  ParamsNetLink?: ParamsNetLink;
  PortNeed?: PortNeed;
  CheckCatalogue?: CheckCatalogue;
  CatalogueEntry?: CatalogueEntry;
  TextOrVariants?: TextOrVariants;
  TextTemplate?: TextTemplate;
}
/**
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "HardwareProfile".
 */
export interface HardwareProfile {
  /**
   * stable id; equals the file name without .yaml
   */
  id: string;
  title: string;
  /**
   * what the profile is for and how it differs from the others, with the reason
   */
  description: string;
  /**
   * position in the profile picker (lowest first)
   */
  order?: number;
  /**
   * @minItems 1
   */
  checks: [ProfileCheck & ParamsForKind, ...(ProfileCheck & ParamsForKind)[]];
}
/**
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "ProfileCheck".
 */
export interface ProfileCheck {
  kind: CheckKind;
  severity: Severity;
  /**
   * thresholds for this kind; which ones is fixed per kind (see ParamsForKind and the Params* definitions)
   */
  params?: {
    [k: string]: unknown;
  };
}
/**
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "NoParams".
 */
export interface NoParams {}
/**
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "ParamsExpected".
 */
export interface ParamsExpected {
  /**
   * false: informational, always passes and reports what is there; true: missing means unmet
   */
  expected: boolean;
}
/**
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "ParamsCpuArch".
 */
export interface ParamsCpuArch {
  /**
   * machine names from `uname -m` that qualify, e.g. x86_64
   *
   * @minItems 1
   */
  allowed: [string, ...string[]];
}
/**
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "ParamsCpuCores".
 */
export interface ParamsCpuCores {
  /**
   * physical cores below which the check is unmet
   */
  min: number;
  /**
   * physical cores below which the check warns
   */
  recommended?: number;
}
/**
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "ParamsMemoryTotal".
 */
export interface ParamsMemoryTotal {
  /**
   * usable RAM (MemTotal) in GiB below which the check is unmet; a server with 32 GB installed shows about 31 GiB
   */
  minGiB: number;
  /**
   * usable RAM in GiB below which the check warns
   */
  recommendedGiB?: number;
}
/**
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "ParamsMemorySwap".
 */
export interface ParamsMemorySwap {
  /**
   * swap in GiB below which the check is unmet
   */
  minGiB: number;
}
/**
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "ParamsStorageCephDisk".
 */
export interface ParamsStorageCephDisk {
  /**
   * size in decimal GB (10^9 bytes) the empty disk must have at least
   */
  minGB: number;
  /**
   * kernel names the disk should have (sda, nvme0n1); an empty disk under another name only warns
   *
   * @minItems 1
   */
  names?: [string, ...string[]];
}
/**
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "ParamsStorageRootFree".
 */
export interface ParamsStorageRootFree {
  /**
   * the directory that needs the space; the filesystem mounted closest above it counts
   */
  path: string;
  /**
   * free GiB below which the check is unmet
   */
  minGiB: number;
}
/**
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "ParamsOsRelease".
 */
export interface ParamsOsRelease {
  /**
   * ID from /etc/os-release, e.g. ubuntu
   */
  id: string;
  /**
   * VERSION_ID values that qualify, e.g. 24.04
   *
   * @minItems 1
   */
  versionIds: [string, ...string[]];
}
/**
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "ParamsOsKernel".
 */
export interface ParamsOsKernel {
  /**
   * lowest kernel major.minor, e.g. 6.8
   */
  min: string;
}
/**
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "ParamsHostPorts".
 */
export interface ParamsHostPorts {
  /**
   * @minItems 1
   */
  ports: [PortNeed, ...PortNeed[]];
}
/**
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "PortNeed".
 */
export interface PortNeed {
  port: number;
  proto: 'tcp' | 'udp';
  /**
   * what needs the port, shown when it is taken
   */
  service: string;
}
/**
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "ParamsNetLink".
 */
export interface ParamsNetLink {
  /**
   * link speed in Mb/s below which the check is unmet; NICs that report no speed (virtio) pass
   */
  minSpeedMbps?: number;
}
/**
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "CheckCatalogue".
 */
export interface CheckCatalogue {
  /**
   * display order of the groups
   *
   * @minItems 6
   * @maxItems 6
   */
  groups: [CheckGroup, CheckGroup, CheckGroup, CheckGroup, CheckGroup, CheckGroup];
  checks: {
    'cpu.arch': CatalogueEntry;
    'cpu.cores': CatalogueEntry;
    'cpu.virtualization': CatalogueEntry;
    'cpu.kvm-nested': CatalogueEntry;
    'cpu.vulnerabilities': CatalogueEntry;
    'host.virtualization': CatalogueEntry;
    'memory.total': CatalogueEntry;
    'memory.swap': CatalogueEntry;
    'storage.ceph-disk': CatalogueEntry;
    'storage.dirty-disks': CatalogueEntry;
    'storage.root-free': CatalogueEntry;
    'firmware.uefi': CatalogueEntry;
    'os.release': CatalogueEntry;
    'os.kernel': CatalogueEntry;
    'time.sync': CatalogueEntry;
    'access.sudo': CatalogueEntry;
    'host.ports': CatalogueEntry;
    'net.default-route': CatalogueEntry;
    'net.link': CatalogueEntry;
    'net.dns': CatalogueEntry;
    'net.hostname': CatalogueEntry;
    'net.sriov': CatalogueEntry;
    'security.iommu': CatalogueEntry;
    'security.sev': CatalogueEntry;
    'security.tdx': CatalogueEntry;
    'accel.gpu': CatalogueEntry;
    'probe.section': CatalogueEntry;
  };
}
/**
 * This interface was referenced by `HardwareProfileDefinitions`'s JSON-Schema
 * via the `definition` "CatalogueEntry".
 */
export interface CatalogueEntry {
  group: CheckGroup;
  title: string;
  /**
   * report sections the check reads; a probe error in one of them turns the check into `error`
   */
  sections: string[];
  required: TextOrVariants;
  /**
   * named phrasings of the found value; the check kind picks one
   */
  found: {
    [k: string]: TextTemplate;
  };
  why: string;
  fix: TextOrVariants;
}
