// SPDX-License-Identifier: Apache-2.0
// Informational checks (SR-IOV, IOMMU, SEV, TDX, GPUs): they say what is there. With
// `expected: false` they always pass and show the `info` phrasing of `required`; with
// `expected: true` a missing feature is unmet and takes the profile's severity.
import type { Evaluate, Outcome } from '../check-kind.js';
import type { ParamsExpected } from '../generated-profile-types.js';
import { arr, cleanText, listSome, num } from '../units.js';

/** Turns "is it there?" into an outcome according to `expected`. */
function informational(params: ParamsExpected, have: boolean | null, found: string, vars?: Outcome['vars']): Outcome {
  const variant = params.expected ? undefined : 'info';
  // The probe may honestly not know (null without a section error): that only matters when
  // the profile expects the feature; informationally it is just what we can say.
  if (have === null) return { status: params.expected ? 'unknown' : 'met', found: 'unknown', variant };
  return { status: have || !params.expected ? 'met' : 'unmet', found, variant, vars };
}

/** net.sriov: NICs with SR-IOV virtual functions. */
export const netSriov: Evaluate<ParamsExpected> = (report, params) => {
  const capable = arr(report.nics).filter((n) => (num(n.sriovTotalVfs) ?? 0) > 0);
  if (capable.length === 0) return informational(params, false, 'none');
  return informational(params, true, 'some', { list: listSome(capable.map((n) => `${cleanText(n.name, 30)} (${n.sriovTotalVfs} VFs)`), 4) });
};

/** security.iommu: the kernel has IOMMU groups. */
export const securityIommu: Evaluate<ParamsExpected> = (report, params) => {
  const on = report.iommu?.enabled;
  if (on === true) return informational(params, true, 'on', { groups: num(report.iommu.groups) });
  return informational(params, on === false ? false : null, 'off');
};

/** security.sev: AMD SEV or SEV-SNP is available. */
export const securitySev: Evaluate<ParamsExpected> = (report, params) => {
  const c = report.cpu;
  if (c?.sevSnp === true) return informational(params, true, 'snp');
  if (c?.sev === true) return informational(params, true, 'sev');
  if (c?.sev === false || c?.sevSnp === false) return informational(params, false, 'none');
  if (c?.vendor === 'GenuineIntel') return informational(params, false, 'notAmd');
  return informational(params, null, 'unknown');
};

/** security.tdx: Intel TDX is available. */
export const securityTdx: Evaluate<ParamsExpected> = (report, params) => {
  const c = report.cpu;
  if (c?.tdx === true) return informational(params, true, 'tdx');
  if (c?.tdx === false) return informational(params, false, 'none');
  if (c?.vendor === 'AuthenticAMD') return informational(params, false, 'notIntel');
  return informational(params, null, 'unknown');
};

/** accel.gpu: GPUs on the PCI bus. */
export const accelGpu: Evaluate<ParamsExpected> = (report, params) => {
  const gpus = arr(report.gpus);
  if (gpus.length === 0) return informational(params, false, 'none');
  const text = gpus.map((g) => `${cleanText(g.address, 20)} ${g.vendor ? cleanText(g.vendor, 30) : 'GPU'} (${cleanText(g.vendorId, 8)}:${cleanText(g.deviceId, 8)})`);
  return informational(params, true, 'some', { list: listSome(text, 4) });
};
