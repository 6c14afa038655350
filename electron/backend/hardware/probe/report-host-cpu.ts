// SPDX-License-Identifier: Apache-2.0
// Assembles the report's host and cpu parts from identity, lscpu, cpuinfo, vulnerabilities and kvm sections.
import type { CpuInfo, HostInfo } from '../../../api/generated/hardware-report-types.js';
import { parseCpuinfo } from './parse-cpuinfo.js';
import { firstLine, parseBootMode, parseOsReleaseSection } from './parse-identity.js';
import { parseKvm, type KvmFacts } from './parse-kvm.js';
import { parseLscpu, parseLscpuJson, type LscpuInfo } from './parse-lscpu.js';
import { toInt } from './parse-util.js';
import { parseVulnerabilities, vulnerabilitiesFromLscpu } from './parse-vulnerabilities.js';
import type { SectionReader } from './section-reader.js';

// The flags a CiaB check can use; the full list (150+) would only bloat the report.
const RELEVANT_FLAGS = new Set([
  'vmx', 'svm', 'hypervisor', 'ept', 'npt', 'aes', 'avx', 'avx2', 'avx512f', 'sse4_2', 'pdpe1gb', 'nx', 'lm', 'pcid',
  'invpcid', 'rdrand', 'rdseed', 'sha_ni', 'x2apic', 'md_clear', 'ssbd', 'ibrs', 'ibpb', 'stibp', 'flush_l1d',
  'sme', 'sev', 'sev_es', 'sev_snp', 'tdx_host_platform', 'tdx_guest',
  // arm64 / s390x equivalents
  'asimd', 'sha1', 'sha2', 'sha3', 'crc32', 'atomics', 'sve', 'sve2', 'sie',
]);

/** Host identity: hostname, OS, kernel, arch, boot mode, hypervisor. */
export function buildHost(r: SectionReader, lscpu: LscpuInfo | null): HostInfo {
  const hostname = r.read(['hostname']);
  const kernel = r.read(['kernel']);
  const arch = r.read(['arch'], { quiet: lscpu?.arch != null });
  const osr = r.read(['os-release', 'os-release-usr']);
  const boot = r.read(['boot-mode']);
  // systemd-detect-virt exits 1 when it prints "none" (bare metal); that is an answer.
  const virt = r.read(['virt'], { okExits: [0, 1], quiet: lscpu?.hypervisorVendor != null });
  const virtText = virt ? firstLine(virt.stdout) : null;
  return {
    hostname: hostname ? firstLine(hostname.stdout) : null,
    os: osr ? r.parse(osr, parseOsReleaseSection) : null,
    kernel: kernel ? firstLine(kernel.stdout) : null,
    arch: (arch ? firstLine(arch.stdout) : null) ?? lscpu?.arch ?? null,
    bootMode: boot ? parseBootMode(boot.stdout) : null,
    virtualization: virtText ?? (lscpu?.hypervisorVendor ? lscpu.hypervisorVendor.toLowerCase() : null),
  };
}

/** lscpu facts: the JSON form when it parses, else the plain form (whose error is then the one recorded). */
export function readLscpu(r: SectionReader): LscpuInfo | null {
  const json = r.read(['lscpu-json'], { quiet: true });
  if (json) {
    const j = parseLscpuJson(json.stdout);
    if (j.value) return j.value;
  }
  const plain = r.read(['lscpu']);
  return plain ? r.parse(plain, parseLscpu) : null;
}

/** CPU model, topology, flags, virtualization, vulnerabilities, SEV/TDX. */
export function buildCpu(r: SectionReader, lscpu: LscpuInfo | null): CpuInfo {
  const cpuinfoSection = r.read(['cpuinfo']);
  const cpuinfo = cpuinfoSection ? r.parse(cpuinfoSection, parseCpuinfo) : null;
  const nprocSection = r.read(['nproc'], { quiet: lscpu?.cpus != null });
  const nproc = nprocSection ? toInt(firstLine(nprocSection.stdout)) : null;

  const allFlags = cpuinfo?.flags ?? lscpu?.flags ?? null;
  const flags = new Set(allFlags ?? []);
  const flagsKnown = allFlags !== null;

  const kvmSection = r.read(['kvm']);
  const kvm: KvmFacts | null = kvmSection ? r.parse(kvmSection, parseKvm) : null;

  const vulnSection = r.read(['vulnerabilities'], { quiet: (lscpu?.vulnerabilities.length ?? 0) > 0 });
  let vulnerabilities = vulnSection ? (r.parse(vulnSection, parseVulnerabilities) ?? []) : [];
  if (vulnerabilities.length === 0 && lscpu) vulnerabilities = vulnerabilitiesFromLscpu(lscpu.vulnerabilities);

  const sockets = lscpu?.sockets ?? null;
  const threads = lscpu?.cpus ?? nproc;
  const cores =
    sockets !== null && lscpu?.coresPerSocket != null
      ? sockets * lscpu.coresPerSocket
      : threads !== null && lscpu?.threadsPerCore
        ? Math.round(threads / lscpu.threadsPerCore)
        : null;

  let hw: CpuInfo['hwVirtualization'] = flags.has('vmx') ? 'vmx' : flags.has('svm') ? 'svm' : null;
  if (!hw && !flagsKnown && lscpu?.virtualization) {
    hw = /vt-x/i.test(lscpu.virtualization) ? 'vmx' : /amd-v/i.test(lscpu.virtualization) ? 'svm' : null;
  }
  // Support is what the CPU flags say; the kvm_amd/kvm_intel parameter adds "enabled in KVM".
  const support = (flag: string, param: boolean | null | undefined): boolean | null =>
    flags.has(flag) || param === true ? true : flagsKnown || param === false ? false : null;

  return {
    // Older CPUs pad their brand string ("Xeon(R) CPU           X5570  @ 2.93GHz").
    model: (lscpu?.model ?? cpuinfo?.model)?.replace(/\s+/g, ' ') ?? null,
    vendor: lscpu?.vendor ?? cpuinfo?.vendor ?? null,
    sockets,
    cores,
    threads,
    flags: [...flags].filter((f) => RELEVANT_FLAGS.has(f)).sort(),
    hwVirtualization: hw,
    kvmNested: kvm?.nested ?? null,
    vulnerabilities,
    sev: support('sev', kvm?.sev),
    sevSnp: support('sev_snp', kvm?.sevSnp),
    tdx: support('tdx_host_platform', kvm?.tdx),
  };
}
