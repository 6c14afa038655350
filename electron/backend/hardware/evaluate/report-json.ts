// SPDX-License-Identifier: Apache-2.0
// "Copy report as JSON": checks with waivers applied, the summary, the waiver reasons, the
// probe's section errors and the sanitized report, for tools and for support.
import type { CheckResult } from '../../../api/generated/api-types.js';
import type { HardwareReport } from '../../../api/generated/hardware-report-types.js';
import type { HardwareProfile } from './generated-profile-types.js';
import { sanitizeReport } from './report-sanitize.js';
import { sectionErrors } from './section-errors.js';
import { applyWaivers, countChecks, summarizeChecks } from './summarize-checks.js';

/** Name and version of the JSON document, so tools can tell what they read. */
export const REPORT_FORMAT = { format: 'ciab-hardware-check', version: 1 } as const;

/** Every recorded waiver, and whether it applies to a check of this evaluation. */
export function waiverList(checks: readonly CheckResult[], waivers: Record<string, string>) {
  const applied = new Set(applyWaivers(checks, waivers).filter((c) => c.state === 'waived').map((c) => c.id));
  return Object.entries(waivers)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([checkId, reason]) => ({ checkId, reason, applied: applied.has(checkId) }));
}

/** The report as pretty JSON (stable key order, trailing newline). */
export function reportToJson(report: HardwareReport, checks: readonly CheckResult[], profile: HardwareProfile, waivers: Record<string, string>): string {
  const doc = {
    ...REPORT_FORMAT,
    profile: { id: profile.id, title: profile.title, description: profile.description },
    summary: summarizeChecks(checks, waivers),
    counts: countChecks(checks, waivers),
    checks: applyWaivers(checks, waivers),
    waivers: waiverList(checks, waivers),
    probeErrors: sectionErrors(report?.errors).map((e) => ({ section: e.section, message: e.message, exitCode: e.exitCode ?? null })),
    report: sanitizeReport(report),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
