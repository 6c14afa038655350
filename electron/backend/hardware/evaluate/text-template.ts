// SPDX-License-Identifier: Apache-2.0
// Fills the check texts of checks.yaml: {name} becomes a value, and an optional part {{ ... }}
// disappears when a value inside it is missing, so the data needs no conditionals of its own.
import type { TextOrVariants } from './generated-profile-types.js';

/** Values for a template; null, undefined and '' count as missing. */
export type TemplateVars = Record<string, string | number | null | undefined>;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;
// Inner text is plain characters or whole placeholders, so `{{ as {names}}}` closes at the end.
const OPTIONAL = /\{\{((?:[^{}]|\{[A-Za-z][A-Za-z0-9]*\})*)\}\}/g;

function present(v: TemplateVars[string]): v is string | number {
  return v !== null && v !== undefined && v !== '';
}

/** Replaces placeholders; unknown ones stay visible as {name} so tests can catch them. */
export function fillTemplate(template: string, vars: TemplateVars): string {
  const optional = template.replace(OPTIONAL, (_m, inner: string) => {
    const names = [...inner.matchAll(PLACEHOLDER)].map((m) => m[1]!);
    return names.every((n) => present(vars[n])) ? inner : '';
  });
  return optional.replace(PLACEHOLDER, (m, name: string) => {
    const v = vars[name];
    return present(v) ? String(v) : m;
  });
}

/** Picks the variant `key` of a text (falling back to `default`), or the text itself. */
export function pickText(text: TextOrVariants, key: string | undefined): string {
  if (typeof text === 'string') return text;
  return (key !== undefined ? text[key] : undefined) ?? text.default;
}
