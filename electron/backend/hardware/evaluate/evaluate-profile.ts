// SPDX-License-Identifier: Apache-2.0
// Evaluates a hardware report against a profile: runs each check kind of the profile, phrases the
// result with the catalogue's texts, turns sections the probe could not read into `error` checks,
// and never throws on a broken report.
import type { CheckResult, CheckState } from '../../../api/generated/api-types.js';
import type { HardwareReport, SectionError } from '../../../api/generated/hardware-report-types.js';
import type { Outcome } from './check-kind.js';
import { runCheckKind } from './check-kinds.js';
import type { CatalogueEntry, CheckCatalogue, HardwareProfile, ProfileCheck } from './generated-profile-types.js';
import { loadCatalogue } from './load-catalogue.js';
import { describeSectionError, sectionAffects, sectionErrors } from './section-errors.js';
import { fillTemplate, pickText, type TemplateVars } from './text-template.js';
import { cleanText } from './units.js';

const STATE: Record<Exclude<Outcome['status'], 'unmet'>, CheckState> = { met: 'pass', weak: 'warn', unknown: 'error' };

/** Profile params as template values: numbers and strings as they are, lists joined. */
function paramVars(params: Record<string, unknown>): TemplateVars {
  const vars: TemplateVars = {};
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === 'number' || typeof v === 'string') vars[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) vars[k] = v.join(', ');
  }
  return vars;
}

/** Runs a kind, turning a thrown error into an `internal` outcome. */
function safeRun(check: ProfileCheck, report: HardwareReport): Outcome[] {
  try {
    const out = runCheckKind(check.kind, report, check.params);
    return Array.isArray(out) ? out : [out];
  } catch (e) {
    return [{ status: 'unknown', found: 'internal', vars: { message: cleanText((e as Error)?.message ?? e, 160) } }];
  }
}

interface Texts {
  entry: CatalogueEntry;
  probe: CatalogueEntry;
}

/** One CheckResult from a check, its outcome and (when a section failed) the probe errors. */
function toResult(check: ProfileCheck, outcome: Outcome, t: Texts, hits: SectionError[]): CheckResult {
  const params = (check.params ?? {}) as Record<string, unknown>;
  const vars = { ...paramVars(params), ...outcome.vars };
  // Informational checks phrase `required` as "informational: ..." unless the profile expects them.
  const variant = outcome.variant ?? (params.expected === false ? 'info' : undefined);
  const internal = outcome.found === 'internal';
  const state: CheckState = hits.length || internal ? 'error' : outcome.status === 'unmet' ? check.severity : STATE[outcome.status];
  const foundText = hits.length
    ? cleanText(hits.map(describeSectionError).join('; '), 400)
    : fillTemplate(internal ? t.probe.found.internal! : (t.entry.found[outcome.found] ?? `{missing found text "${outcome.found}"}`), vars);
  const result: CheckResult = {
    id: outcome.idSuffix && !hits.length ? `${check.kind}.${outcome.idSuffix}` : check.kind,
    group: t.entry.group,
    title: t.entry.title,
    state,
    required: fillTemplate(pickText(t.entry.required, variant), vars),
    found: foundText,
    why: t.entry.why,
    fix: hits.length || internal ? fillTemplate(pickText(t.probe.fix, undefined), vars) : fillTemplate(pickText(t.entry.fix, variant), vars),
    // A fail blocks; so does a check the profile requires (severity fail) that could not run.
    blocking: state === 'fail' || (state === 'error' && check.severity === 'fail'),
  };
  // The wipe is the fix of an unmet dirty-disk check, whether the profile fails or warns on it.
  if (outcome.wipe && (state === 'fail' || state === 'warn')) result.wipe = outcome.wipe;
  return result;
}

/** A section error no check of the profile reads: shown anyway, so nothing the probe said is lost. */
function orphanResult(e: SectionError, probe: CatalogueEntry): CheckResult {
  const section = cleanText(e.section, 40).replace(/[^A-Za-z0-9_.-]/g, '_') || 'unnamed';
  const vars = { section: cleanText(e.section, 40), message: cleanText(e.message, 200) };
  return {
    id: `probe.section.${section}`,
    group: probe.group,
    title: probe.title,
    state: 'error',
    required: fillTemplate(pickText(probe.required, undefined), vars),
    found: fillTemplate(probe.found.error!, vars),
    why: probe.why,
    fix: fillTemplate(pickText(probe.fix, undefined), vars),
    blocking: false,
  };
}

/** Stable order: by the catalogue's group order, then by id. */
export function sortChecks(checks: CheckResult[], groups: readonly string[]): CheckResult[] {
  const rank = (g: string) => (groups.indexOf(g) < 0 ? groups.length : groups.indexOf(g));
  return [...checks].sort((a, b) => rank(a.group) - rank(b.group) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Every check of `profile` against `report`, sorted by group then id; never throws on bad data. */
export function evaluateProfile(report: HardwareReport, profile: HardwareProfile, catalogue: CheckCatalogue = loadCatalogue()): CheckResult[] {
  const errors = sectionErrors(report?.errors);
  const used = new Set<SectionError>();
  const probe = catalogue.checks['probe.section'];
  const results: CheckResult[] = [];
  for (const check of profile.checks) {
    const entry = catalogue.checks[check.kind];
    const hits = errors.filter((e) => entry.sections.some((s) => sectionAffects(e.section, s)));
    hits.forEach((h) => used.add(h));
    const outcomes = safeRun(check, report);
    // A failed section makes one error result, whatever the kind would have said per object.
    for (const outcome of hits.length ? outcomes.slice(0, 1) : outcomes) results.push(toResult(check, outcome, { entry, probe }, hits));
  }
  for (const e of errors) if (!used.has(e)) results.push(orphanResult(e, probe));
  return sortChecks(results, catalogue.groups);
}
