// SPDX-License-Identifier: Apache-2.0
// Applies the per-type defaults of playbooks/site/defaults.yaml to a schema-valid site file, so a
// minimal site file stays short and every renderer reads a complete ResolvedSite.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { schemasDir } from '../../api/schema-files.js';
import type { SiteDefaultsFile } from '../../api/site-defaults-file.js';
import type { ResolvedSite, SiteConfig } from './site-types.js';

type Obj = Record<string, unknown>;
type DefaultsFile = SiteDefaultsFile;

let defaults: DefaultsFile | null = null;

/** The parsed defaults file (read once). */
export function siteDefaults(): DefaultsFile {
  defaults ??= parse(readFileSync(path.join(path.dirname(schemasDir()), 'playbooks', 'site', 'defaults.yaml'), 'utf8')) as DefaultsFile;
  return defaults;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Merges `over` onto `base`: objects key by key, everything else replaced. Inputs are not changed. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined) return structuredClone(base);
  if (!isObj(base) || !isObj(over)) return structuredClone(over);
  const out: Obj = structuredClone(base);
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

/** The site with every default filled in; `site` must already be schema-valid. */
export function resolveSite(site: SiteConfig): ResolvedSite {
  const d = siteDefaults();
  let base = deepMerge(d.common, d[site.type]) as Obj;
  for (const key of d.whole) {
    // A registry or mirror the operator names keeps none of our defaults, only its own `when_given`.
    if ((site as unknown as Obj)[key] !== undefined) base = { ...base, [key]: structuredClone(d.when_given[key] ?? {}) };
  }
  const merged = deepMerge(base, site) as Obj & ResolvedSite;
  merged.api_fqdn ??= `api.${merged.domain}`;
  if (merged.dns.search.length === 0 && site.dns.search === undefined) merged.dns.search = [merged.domain];
  if (merged.type === 'kubernetes' && site.storage === undefined) delete merged.storage;
  return merged;
}
