// SPDX-License-Identifier: Apache-2.0
// Which of the probe's section errors concern a check. Section names are the HardwareReport's
// top-level keys, optionally narrowed with a dot (`cpu.vulnerabilities`, `host.os`). An error in
// a section concerns the checks that read it or a part of it; `probe` concerns every check (the
// probe as a whole failed).
import type { SectionError } from '../../../api/generated/hardware-report-types.js';
import { arr, cleanText } from './units.js';

const WHOLE_PROBE = new Set(['probe', '*']);

/** True when an error in `errorSection` makes data of `checkSection` untrustworthy. */
export function sectionAffects(errorSection: string, checkSection: string): boolean {
  const e = errorSection.trim().toLowerCase();
  const s = checkSection.toLowerCase();
  return WHOLE_PROBE.has(e) || e === s || s.startsWith(`${e}.`);
}

/** The well-formed section errors of a report (a broken report may hold anything). */
export function sectionErrors(errors: SectionError[] | null | undefined): SectionError[] {
  return arr(errors).filter((e) => e && typeof e.section === 'string' && typeof e.message === 'string');
}

/** "disks: lsblk: command not found (exit 127)". */
export function describeSectionError(e: SectionError): string {
  const code = typeof e.exitCode === 'number' ? ` (exit ${e.exitCode})` : '';
  return `${cleanText(e.section, 40)}: ${cleanText(e.message, 200)}${code}`;
}
