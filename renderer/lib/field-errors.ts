// SPDX-License-Identifier: Apache-2.0
// Maps validation errors that name a field by JSON pointer (or an API error's field path) to the
// form field they belong to, so each message shows right under its input.

/** One validation error as the backend reports it. */
export interface FieldError {
  field: string;
  message: string;
}

/** Messages for the field at `pointer` (exact match; a missing required property names its parent). */
export function errorsFor(errors: readonly FieldError[], pointer: string): string[] {
  return errors.filter((e) => e.field === pointer).map((e) => e.message);
}

/** Errors whose field is none of `known`, shown together above the form so none is lost. */
export function unplacedErrors(errors: readonly FieldError[], known: readonly string[]): FieldError[] {
  return errors.filter((e) => !known.includes(e.field));
}

/**
 * The form field an API error names: the last segment of a path such as "/event/target/host" or
 * "event.target.port"; null when there is none.
 */
export function fieldFromApiError(field: string | undefined): string | null {
  if (field === undefined || field === '') return null;
  const parts = field.split(/[/.]/).filter((p) => p !== '');
  return parts.at(-1) ?? null;
}

/** A validator message as a sentence: "must NOT have fewer than 2 characters" -> "Must not have fewer than 2 characters." */
export function sentence(message: string): string {
  const m = message.trim().replace(/\bNOT\b/g, 'not');
  if (m === '') return m;
  const s = m[0]!.toUpperCase() + m.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}
