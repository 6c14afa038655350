// SPDX-License-Identifier: Apache-2.0
// The shape of one check kind's logic: it reads the report and the profile's params and says
// whether the requirement is met, naming which of the catalogue's texts describe what it found.
import type { HardwareReport } from '../../../api/generated/hardware-report-types.js';
import type { TemplateVars } from './text-template.js';

/**
 * met: pass. weak: meets the minimum but not the recommendation (always warn).
 * unmet: the profile's severity (fail or warn). unknown: the data is missing (error).
 */
export type Status = 'met' | 'weak' | 'unmet' | 'unknown';

/** One conclusion of a check kind, phrased through the catalogue's texts. */
export interface Outcome {
  status: Status;
  /** Key into the catalogue entry's `found` texts. */
  found: string;
  /** Values for the templates (found, required, fix); params are added automatically. */
  vars?: TemplateVars;
  /** Which variant of `required` and `fix` applies (e.g. `vm`); falls back to `default`. */
  variant?: string;
  /** For kinds that yield one result per object (a disk): appended to the id as `.<suffix>`. */
  idSuffix?: string;
  /** Exact commands that wipe a disk, for the operator to confirm by typing the disk name. */
  wipe?: { disk: string; commands: string[] };
}

/** A check kind's logic: pure, never throws on purpose (the caller still catches). */
export type Evaluate<P> = (report: HardwareReport, params: P) => Outcome | Outcome[];

/** The status for a value against a minimum and an optional recommendation. */
export function against(value: number, min: number, recommended?: number): Status {
  if (value < min) return 'unmet';
  if (recommended !== undefined && value < recommended) return 'weak';
  return 'met';
}

/** True when the server is a virtual machine, false on bare metal, null when unknown. */
export function isVirtualMachine(report: HardwareReport): boolean | null {
  const v = report.host?.virtualization;
  if (typeof v !== 'string' || v === '') return null;
  return v !== 'none';
}
