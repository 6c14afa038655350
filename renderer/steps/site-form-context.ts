// SPDX-License-Identifier: Apache-2.0
// What every site-form widget reads and does, shared through a context: the draft, setting a
// field, its placed errors, the probe report and which values came from it, and the registry
// password hand-over.
import { createContext, useContext } from 'react';
import type { HardwareReport } from '../../electron/api/generated/hardware-report-types.js';
import type { FieldError } from '../lib/field-errors.js';
import type { SiteObject } from '../lib/site-draft.js';

/** The site form's shared state and actions. */
export interface SiteForm {
  site: SiteObject;
  /** Sets (or, with an empty value, removes) the field at `pointer`. */
  set(pointer: string, value: unknown): void;
  /** Errors the widget at `pointer` shows (its own, its entries', or a missing group's). */
  errors(pointer: string): FieldError[];
  /** The probe report, once read (null when there is none). */
  report: HardwareReport | null;
  /** Whether the field's current value is the one the probe suggested. */
  fromProbe(pointer: string): boolean;
  /** Optional groups (IPv6) the operator opened before typing anything into them. */
  optionalOpen(pointer: string): boolean;
  setOptionalOpen(pointer: string, open: boolean): void;
  /** Whether the backend holds a registry password; storing hands one over with secrets.set. */
  passwordStored: boolean;
  storePassword(value: string): Promise<boolean>;
}

/** The context the site form's widgets read. */
export const SiteFormContext = createContext<SiteForm | null>(null);

/** The site form state; throws outside the form (a programming error). */
export function useSiteForm(): SiteForm {
  const v = useContext(SiteFormContext);
  if (v === null) throw new Error('useSiteForm used outside <SiteFormContext.Provider>');
  return v;
}

/** The DOM id of a field's control, so the error summary can focus it. */
export function fieldDomId(pointer: string): string {
  return `site${pointer.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
