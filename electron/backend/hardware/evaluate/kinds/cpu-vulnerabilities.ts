// SPDX-License-Identifier: Apache-2.0
// cpu.vulnerabilities: decides whether SCS flavors on this server need the `i` (insecure) suffix.
// SCS scs-0100 v3: without `i` the provider commits to the kernel's default mitigations and
// current microcode, and to SMT off on CPUs that leak between siblings (L1TF, MDS, ...) unless
// accepted core scheduling covers them. The kernel says both things in
// /sys/devices/system/cpu/vulnerabilities: "Vulnerable..." (no mitigation) and "SMT vulnerable"
// (mitigated, but exposed across hyperthreads because SMT is on).
import type { HardwareReport } from '../../../../api/generated/hardware-report-types.js';
import type { Evaluate } from '../check-kind.js';
import type { NoParams } from '../generated-profile-types.js';
import { arr, cleanText, listSome } from '../units.js';

/** Why this server's flavors must carry the SCS `i` suffix; empty when they need not. */
export function scsInsecurity(report: HardwareReport): string[] {
  const reasons: string[] = [];
  for (const v of arr(report.cpu?.vulnerabilities)) {
    const name = cleanText(v.name, 40);
    const status = cleanText(v.status, 200);
    // The kernel's own verdict: a status starting with "Vulnerable" has no mitigation in effect.
    if (v.mitigated === false || /^vulnerable/i.test(status)) reasons.push(`${name} unmitigated`);
    else if (/SMT vulnerable/i.test(status)) reasons.push(`${name} exposed with SMT on`);
  }
  return reasons;
}

/** cpu.vulnerabilities: every listed vulnerability mitigated, none exposed through SMT. */
export const cpuVulnerabilities: Evaluate<NoParams> = (report) => {
  const list = arr(report.cpu?.vulnerabilities);
  if (list.length === 0) return { status: 'unknown', found: 'unknown' };
  const reasons = scsInsecurity(report);
  if (reasons.length === 0) return { status: 'met', found: 'secure', vars: { count: list.length } };
  return { status: 'unmet', found: 'insecure', vars: { list: listSome(reasons, 5) } };
};
