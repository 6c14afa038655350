// SPDX-License-Identifier: Apache-2.0
// The table from check kind (the schema's CheckKind enum) to its logic. Adding a kind means: the
// enum and its params in the schema, its texts in checks.yaml, and one line here.
import type { HardwareReport } from '../../../api/generated/hardware-report-types.js';
import type { Evaluate, Outcome } from './check-kind.js';
import type {
  CheckKind,
  NoParams,
  ParamsCpuArch,
  ParamsCpuCores,
  ParamsExpected,
  ParamsHostPorts,
  ParamsMemorySwap,
  ParamsMemoryTotal,
  ParamsNetLink,
  ParamsOsKernel,
  ParamsOsRelease,
  ParamsStorageCephDisk,
  ParamsStorageRootFree,
} from './generated-profile-types.js';
import { cpuArch, cpuCores, cpuKvmNested, cpuVirtualization, hostVirtualization } from './kinds/cpu-checks.js';
import { cpuVulnerabilities } from './kinds/cpu-vulnerabilities.js';
import { hostPorts } from './kinds/host-ports.js';
import { accelGpu, netSriov, securityIommu, securitySev, securityTdx } from './kinds/informational-checks.js';
import { memorySwap, memoryTotal } from './kinds/memory-checks.js';
import { netDefaultRoute, netDns, netHostname, netLink } from './kinds/network-checks.js';
import { accessSudo, firmwareUefi, osKernel, osRelease, timeSync } from './kinds/os-checks.js';
import { cephDisk, dirtyDisks, rootFree } from './kinds/storage-checks.js';

/** The params type of each kind, as the schema's ParamsForKind rules fix them. */
interface ParamsOf {
  'cpu.arch': ParamsCpuArch;
  'cpu.cores': ParamsCpuCores;
  'cpu.virtualization': NoParams;
  'cpu.kvm-nested': NoParams;
  'cpu.vulnerabilities': NoParams;
  'host.virtualization': NoParams;
  'memory.total': ParamsMemoryTotal;
  'memory.swap': ParamsMemorySwap;
  'storage.ceph-disk': ParamsStorageCephDisk;
  'storage.dirty-disks': NoParams;
  'storage.root-free': ParamsStorageRootFree;
  'firmware.uefi': NoParams;
  'os.release': ParamsOsRelease;
  'os.kernel': ParamsOsKernel;
  'time.sync': NoParams;
  'access.sudo': NoParams;
  'host.ports': ParamsHostPorts;
  'net.default-route': NoParams;
  'net.link': ParamsNetLink;
  'net.dns': NoParams;
  'net.hostname': NoParams;
  'net.sriov': ParamsExpected;
  'security.iommu': ParamsExpected;
  'security.sev': ParamsExpected;
  'security.tdx': ParamsExpected;
  'accel.gpu': ParamsExpected;
}

/** Every check kind's logic; the mapped type makes a missing or extra kind a compile error. */
export const CHECK_KINDS: { [K in CheckKind]: Evaluate<ParamsOf[K]> } = {
  'cpu.arch': cpuArch,
  'cpu.cores': cpuCores,
  'cpu.virtualization': cpuVirtualization,
  'cpu.kvm-nested': cpuKvmNested,
  'cpu.vulnerabilities': cpuVulnerabilities,
  'host.virtualization': hostVirtualization,
  'memory.total': memoryTotal,
  'memory.swap': memorySwap,
  'storage.ceph-disk': cephDisk,
  'storage.dirty-disks': dirtyDisks,
  'storage.root-free': rootFree,
  'firmware.uefi': firmwareUefi,
  'os.release': osRelease,
  'os.kernel': osKernel,
  'time.sync': timeSync,
  'access.sudo': accessSudo,
  'host.ports': hostPorts,
  'net.default-route': netDefaultRoute,
  'net.link': netLink,
  'net.dns': netDns,
  'net.hostname': netHostname,
  'net.sriov': netSriov,
  'security.iommu': securityIommu,
  'security.sev': securitySev,
  'security.tdx': securityTdx,
  'accel.gpu': accelGpu,
};

/** Runs one kind with params the schema has already checked. */
export function runCheckKind(kind: CheckKind, report: HardwareReport, params: unknown): Outcome | Outcome[] {
  return (CHECK_KINDS[kind] as Evaluate<unknown>)(report, params ?? {});
}
