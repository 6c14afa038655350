// SPDX-License-Identifier: Apache-2.0
// The one entry point the workflow uses to turn a hardware report into checks: the profiles in
// playbooks/profiles (loaded once), evaluation, summary, and the copyable report.
import type { CheckResult, HardwareView } from '../../api/contract.js';
import type { HardwareReport } from '../../api/generated/hardware-report-types.js';
import { evaluateProfile, loadProfiles, reportToJson, reportToMarkdown, summarizeChecks, type HardwareProfile } from './evaluate/index.js';

export const DEFAULT_PROFILE = 'ciab-sandbox';

let cached: HardwareProfile[] | null = null;

/** The profiles from playbooks/profiles, validated; loaded on first use. */
export function profiles(): HardwareProfile[] {
  cached ??= loadProfiles();
  return cached;
}

/** The profile with `id`, or the default one when it no longer exists. */
export function profileById(id: string): HardwareProfile {
  const all = profiles();
  const found = all.find((p) => p.id === id) ?? all.find((p) => p.id === DEFAULT_PROFILE) ?? all[0];
  if (!found) throw new Error('No hardware profiles found in playbooks/profiles');
  return found;
}

/** The profiles the operator can choose from. */
export function profileChoices(): HardwareView['profiles'] {
  return profiles().map((p) => ({ id: p.id, title: p.title, description: p.description }));
}

/** Evaluates `report` against the profile `profileId`. */
export function evaluateHardware(report: HardwareReport, profileId: string): CheckResult[] {
  return evaluateProfile(report, profileById(profileId));
}

/** One line for the top of the hardware screen. */
export function summarizeHardware(checks: CheckResult[], waivers: Record<string, string>): string {
  return summarizeChecks(checks, waivers);
}

/** The report as Markdown or JSON, for "copy report" and `ciab probe`. */
export function formatHardwareReport(format: 'markdown' | 'json', report: HardwareReport, checks: CheckResult[], profileId: string, waivers: Record<string, string>): string {
  const profile = profileById(profileId);
  return format === 'json' ? reportToJson(report, checks, profile, waivers) : reportToMarkdown(report, checks, profile, waivers);
}
