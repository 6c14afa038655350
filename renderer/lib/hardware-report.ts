// SPDX-License-Identifier: Apache-2.0
// The `hardware.report` answer as a typed report. Formatting the report for "copy report" is the
// backend's job (one formatter for the UI and `ciab probe --markdown`).
import type { HardwareReport } from '../../electron/api/generated/hardware-report-types.js';

/** The `hardware.report` result as a HardwareReport when it looks like one (version 1 with a host), else null. */
export function asHardwareReport(value: unknown): HardwareReport | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Partial<HardwareReport>;
  return r.version === 1 && typeof r.host === 'object' && r.host !== null && Array.isArray(r.disks) ? (r as HardwareReport) : null;
}
