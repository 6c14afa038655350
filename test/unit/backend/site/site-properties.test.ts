// SPDX-License-Identifier: Apache-2.0
// Property tests of site validation: every generated valid site passes, every mutated one fails
// and blames the mutated field, and nothing (not even random garbage) makes validation throw.
import fc from 'fast-check';
import { SITE_YAML_OPTIONS } from '../../../../renderer/lib/site-yaml.js';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { resolveSite } from '../../../../electron/backend/site/site-defaults.js';
import type { SiteConfig } from '../../../../electron/backend/site/site-types.js';
import { parseSiteText } from '../../../../electron/backend/site/site-file.js';
import { siteFieldLabel, validateSite } from '../../../../electron/backend/site/validate-site.js';
import { validSite } from '../../../helpers/site-arbitraries.js';
import { invalidSite, MUTATION_NAMES } from '../../../helpers/site-mutations.js';

/** True when two JSON pointers are equal or one lies inside the other ("/" blames nothing). */
const related = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);

describe('site validation properties', () => {
  it('accepts every valid site of every type, hostile free text included', () => {
    const types = new Set<string>();
    fc.assert(
      fc.property(validSite, (site) => {
        const v = validateSite(site);
        expect(v.errors).toEqual([]);
        expect(v.valid).toBe(true);
        expect(v.resolved?.type).toBe(site.type);
        types.add(site.type as string);
      }),
      { numRuns: 1000 },
    );
    expect([...types].sort()).toEqual(['edge', 'kubernetes', 'sandbox']);
  });

  it('resolves a resolved site to itself (ciab/site.yaml reads back as rendered)', () => {
    fc.assert(
      fc.property(validSite, (site) => {
        const resolved = validateSite(site).resolved!;
        const again = validateSite(structuredClone(resolved));
        expect(again.errors).toEqual([]);
        expect(resolveSite(structuredClone(resolved) as unknown as SiteConfig)).toEqual(resolved);
      }),
      { numRuns: 150 },
    );
  });

  it('reads every valid site back from YAML text unchanged', () => {
    fc.assert(
      fc.property(validSite, (site) => {
        // Written as the app writes site YAML (export, YAML view): see SITE_YAML_OPTIONS.
        const r = parseSiteText(stringify(site, SITE_YAML_OPTIONS));
        expect(r.errors).toEqual([]);
        expect(r.config).toEqual(site);
      }),
      { numRuns: 150 },
    );
  });

  it('rejects every mutated site and blames the mutated field', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(invalidSite, ({ config, pointer, mutation }) => {
        const v = validateSite(config);
        expect(v.valid, mutation).toBe(false);
        expect(v.resolved).toBeUndefined();
        const fields = v.errors.map((e) => e.field);
        expect(fields.some((f) => related(f, pointer)), `${mutation}: ${pointer} not in ${fields.join(', ')}`).toBe(true);
        for (const e of v.errors) {
          expect(e.field).toMatch(/^\//);
          expect(e.message).toEqual(expect.any(String));
          expect(siteFieldLabel(e.field)).not.toBe('');
        }
        seen.add(mutation);
      }),
      { numRuns: 1000 },
    );
    expect([...seen].sort()).toEqual([...MUTATION_NAMES].sort());
  });

  it('puts every error of a mutated site file on one of its lines', () => {
    fc.assert(
      fc.property(invalidSite, ({ config }) => {
        const text = stringify(config);
        const r = parseSiteText(text);
        expect(r.valid).toBe(false);
        for (const e of r.errors) expect(e.line ?? 1).toBeLessThanOrEqual(text.split('\n').length);
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on random garbage, and names every error by a JSON pointer', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.object(), fc.dictionary(fc.constantFrom('name', 'type', 'management', 'dns', 'ntp', 'networks', 'registry', '__proto__'), fc.anything())), (garbage) => {
        const v = validateSite(garbage);
        expect(v.valid).toBe(false);
        for (const e of v.errors) expect(e.field).toMatch(/^\//);
      }),
      { numRuns: 1000 },
    );
  });
});
