// SPDX-License-Identifier: Apache-2.0
// CPU checks: architecture, cores, VT-x/AMD-V, nested KVM, and whether a VM passes VT-x through.
import type { HardwareReport } from '../../../../api/generated/hardware-report-types.js';
import { against, isVirtualMachine, type Evaluate, type Outcome } from '../check-kind.js';
import type { NoParams, ParamsCpuArch, ParamsCpuCores } from '../generated-profile-types.js';
import { cleanText, num } from '../units.js';

/** The CPU section was not read at all (no model, no flags): unknown rather than "missing". */
function cpuUnread(report: HardwareReport): boolean {
  const c = report.cpu;
  return !c || (c.model === null && (c.flags ?? []).length === 0 && c.hwVirtualization === null && c.cores === null);
}

/** cpu.arch: `uname -m` is one of the allowed machines. */
export const cpuArch: Evaluate<ParamsCpuArch> = (report, params) => {
  const arch = report.host?.arch;
  if (!arch) return { status: 'unknown', found: 'unknown' };
  return { status: params.allowed.includes(arch) ? 'met' : 'unmet', found: 'arch', vars: { arch: cleanText(arch, 40) } };
};

/** cpu.cores: physical cores against min and recommended. */
export const cpuCores: Evaluate<ParamsCpuCores> = (report, params) => {
  const cores = num(report.cpu?.cores);
  if (cores === null) return { status: 'unknown', found: 'unknown' };
  const threads = num(report.cpu.threads);
  const sockets = num(report.cpu.sockets);
  return {
    status: against(cores, params.min, params.recommended),
    found: 'ok',
    // Threads and sockets are only worth saying when they add something.
    vars: { cores, threads: threads !== null && threads !== cores ? threads : null, sockets: sockets !== null && sockets > 1 ? sockets : null },
  };
};

/** cpu.virtualization: the vmx or svm flag is there. */
export const cpuVirtualization: Evaluate<NoParams> = (report) => {
  const hv = report.cpu?.hwVirtualization;
  const variant = isVirtualMachine(report) ? 'vm' : undefined;
  if (hv === 'vmx' || hv === 'svm') return { status: 'met', found: hv };
  if (cpuUnread(report)) return { status: 'unknown', found: 'unknown' };
  return { status: 'unmet', found: 'missing', variant };
};

/** The KVM module for this CPU vendor, for the fix commands. */
function kvmModule(report: HardwareReport): string {
  const c = report.cpu;
  if (c?.hwVirtualization === 'svm' || c?.vendor === 'AuthenticAMD') return 'kvm_amd';
  return 'kvm_intel';
}

/** cpu.kvm-nested: the kvm_intel/kvm_amd `nested` parameter is on. */
export const cpuKvmNested: Evaluate<NoParams> = (report) => {
  const vars = { module: kvmModule(report) };
  const nested = report.cpu?.kvmNested;
  if (nested === true) return { status: 'met', found: 'on', vars };
  if (nested === false) return { status: 'unmet', found: 'off', vars };
  if (cpuUnread(report)) return { status: 'unknown', found: 'unknown', vars };
  // null: the module is not loaded, usually because VT-x/AMD-V is off or absent.
  if (report.cpu.hwVirtualization === null) return { status: 'unmet', found: 'noVt', variant: 'noVt', vars };
  return { status: 'unmet', found: 'notLoaded', variant: 'notLoaded', vars };
};

/** host.virtualization: bare metal, or a VM whose hypervisor passes VT-x/AMD-V through. */
export const hostVirtualization: Evaluate<NoParams> = (report): Outcome => {
  const vm = isVirtualMachine(report);
  if (vm === null) return { status: 'unknown', found: 'unknown' };
  if (!vm) return { status: 'met', found: 'metal' };
  const hypervisor = cleanText(report.host.virtualization, 30);
  const hv = report.cpu?.hwVirtualization;
  if (hv === 'vmx' || hv === 'svm') return { status: 'met', found: 'nested', vars: { hypervisor, flag: hv } };
  if (cpuUnread(report)) return { status: 'unknown', found: 'unknown' };
  return { status: 'unmet', found: 'noNested', vars: { hypervisor } };
};
