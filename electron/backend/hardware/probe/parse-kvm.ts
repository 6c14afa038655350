// SPDX-License-Identifier: Apache-2.0
// The probe's kvm section: which KVM module is loaded and its nested / SEV / TDX parameters.
import { parsed, safeLines, toBool, type Parsed } from './parse-util.js';

/** KVM module state as read from /sys/module/kvm_{intel,amd}. */
export interface KvmFacts {
  module: 'kvm_intel' | 'kvm_amd' | null;
  nested: boolean | null;
  sev: boolean | null;
  sevEs: boolean | null;
  sevSnp: boolean | null;
  tdx: boolean | null;
  /** /dev/kvm exists; null when not reported. */
  devKvm: boolean | null;
}

/** Lines `kvm_amd:loaded`, `kvm_amd.nested:1`, `kvm_intel.nested:Y`, `dev-kvm:present`. */
export function parseKvm(text: string): Parsed<KvmFacts> {
  const facts: KvmFacts = { module: null, nested: null, sev: null, sevEs: null, sevSnp: null, tdx: null, devKvm: null };
  const warnings: string[] = [];
  for (const line of safeLines(text)) {
    const l = line.trim();
    if (l === '') continue;
    const m = /^(kvm_intel|kvm_amd|dev-kvm)(?:\.([a-z_]+))?:(.*)$/.exec(l);
    if (!m) {
      warnings.push(`kvm line not understood: ${l.slice(0, 120)}`);
      continue;
    }
    const [, mod, param, value = ''] = m;
    if (mod === 'dev-kvm') {
      facts.devKvm = value === 'present' ? true : value === 'absent' ? false : null;
    } else if (!param) {
      facts.module ??= mod as 'kvm_intel' | 'kvm_amd';
    } else {
      const b = toBool(value);
      if (param === 'nested') facts.nested = facts.nested === true ? true : b;
      else if (param === 'sev') facts.sev = b;
      else if (param === 'sev_es') facts.sevEs = b;
      else if (param === 'sev_snp') facts.sevSnp = b;
      else if (param === 'tdx') facts.tdx = b;
    }
  }
  return parsed(facts, warnings);
}
