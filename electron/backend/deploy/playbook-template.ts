// SPDX-License-Identifier: Apache-2.0
// The template language of playbook commands: `{{ site.path.to.value }}` and a few computed
// variables, nothing else. Every substituted value is shell-quoted, so none can break out.
import { loadSchema } from '../../api/schema-files.js';
import { shellQuote } from '../ssh/shell-quote.js';

/** The computed variables a template may use besides `site.*` (values: resolve-plan.ts). */
export const PLAN_VARIABLES = [
  'bundle_dir',
  'config_dir',
  'registry',
  'registry_port',
  'valkey_or_redis',
  'apt_mirror_dir',
  'k3s_binary',
  'k3s_images_dir',
  'k3s_images_tarball',
] as const;
export type PlanVariable = (typeof PLAN_VARIABLES)[number];

const PLACEHOLDER = /\{\{(.*?)\}\}/g;
const NAME = /^(?:site(?:\.[A-Za-z0-9_]+)+|[a-z_][a-z0-9_]*)$/;

/** One `{{ name }}` in a template. */
export interface Placeholder {
  name: string;
  start: number;
  end: number;
}

/** The placeholders of a template, in order. */
export function placeholders(template: string): Placeholder[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1]!.trim(), start: m.index, end: m.index + m[0].length }));
}

type SchemaNode = { type?: string | string[]; properties?: Record<string, SchemaNode>; items?: SchemaNode; $ref?: string };
let siteSchema: { root: SchemaNode; defs: Record<string, SchemaNode> } | null = null;

function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  if (!node?.$ref) return node;
  siteSchema ??= loadSiteSchema();
  return deref(siteSchema.defs[node.$ref.replace('#/$defs/', '')]);
}

function loadSiteSchema(): { root: SchemaNode; defs: Record<string, SchemaNode> } {
  const s = loadSchema('site.schema.json') as SchemaNode & { $defs?: Record<string, SchemaNode> };
  return { root: s, defs: s.$defs ?? {} };
}

/** Why `site.a.b` cannot be used in a command (null when it can): unknown, a group, or a secret. */
export function sitePathProblem(name: string): string | null {
  const segs = name.split('.').slice(1);
  if (segs.some((s) => /password|secret|token/i.test(s))) return `{{ ${name} }} is a secret; secrets never go on a command line`;
  siteSchema ??= loadSiteSchema();
  let node: SchemaNode | undefined = siteSchema.root;
  for (const seg of segs) {
    node = deref(node)?.properties?.[seg];
    if (!node) return `uses {{ ${name} }}, which is not a field of the site file (schemas/site.schema.json)`;
  }
  const leaf = deref(node)!;
  if (leaf.properties || leaf.type === 'object') return `uses {{ ${name} }}, which is a group of fields, not a value`;
  const items = deref(leaf.items);
  if (leaf.type === 'array' && (items?.properties || items?.type === 'object')) return `uses {{ ${name} }}, a list of groups, not of values`;
  return null;
}

/** Where a placeholder sits inside quotes (the quoted value would be quoted twice), else -1. */
function quotedPlaceholderAt(template: string, marks: Placeholder[]): number {
  let quote: "'" | '"' | null = null;
  for (let i = 0, k = 0; i < template.length; i++) {
    if (k < marks.length && i === marks[k]!.start) {
      if (quote) return k;
      i = marks[k++]!.end - 1;
      continue;
    }
    const c = template[i];
    if (c === '\\' && quote !== "'") i++;
    else if (c === '\n' && quote === null) continue;
    else if ((c === "'" || c === '"') && (quote === null || quote === c)) quote = quote ? null : c;
  }
  return -1;
}

/** The first problem of a template (unknown variable, stray braces, placeholder in quotes), or null. */
export function checkTemplate(template: string): string | null {
  const marks = placeholders(template);
  for (const m of marks) {
    if (!NAME.test(m.name)) return `has {{ ${m.name} }}: a placeholder is a variable name only (site.a.b or one of ${PLAN_VARIABLES.join(', ')}), no expressions`;
    if (m.name.startsWith('site.')) {
      const problem = sitePathProblem(m.name);
      if (problem) return problem;
    } else if (!(PLAN_VARIABLES as readonly string[]).includes(m.name)) {
      return `uses {{ ${m.name} }}, which is not a known variable (known: site.*, ${PLAN_VARIABLES.join(', ')})`;
    }
  }
  const rest = template.replace(PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('}}')) return 'has a stray {{ or }} that is not a placeholder';
  const q = quotedPlaceholderAt(template, marks);
  if (q >= 0) return `has {{ ${marks[q]!.name} }} inside quotes; put placeholders outside quotes, they are quoted for the shell already`;
  return null;
}

/** A value a placeholder stands for: text, a number, true/false or a list of them. */
export type TemplateValue = string | number | boolean | readonly (string | number | boolean)[];

/** Fills every placeholder with its shell-quoted value; `lookup` throws for a missing one. */
export function renderTemplate(template: string, lookup: (name: string) => TemplateValue): string {
  return template.replace(PLACEHOLDER, (_m, raw: string) => {
    const value = lookup(raw.trim());
    return Array.isArray(value) ? value.map((v) => shellQuote(String(v))).join(' ') : shellQuote(String(value as string | number | boolean));
  });
}
