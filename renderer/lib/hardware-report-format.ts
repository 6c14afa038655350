// SPDX-License-Identifier: Apache-2.0
// "Copy report" on the hardware screen: the check results plus the probe's raw report, as JSON
// (for tools and support) or Markdown (for a ticket or a chat). Pure, so it is unit-tested.
import type { CheckResult, HardwareView } from '../../electron/api/contract.js';
import type { HardwareReport } from '../../electron/api/generated/hardware-report-types.js';
import { CHECK_STATE_WORD, groupChecks, hardwareHeadline, isBlocking, summarizeChecks } from './checks.js';
import { formatDateTime, formatSeconds } from './format.js';

/** Everything a copied report is made of. */
export interface HardwareReportInput {
  /** The target as the operator knows it (user@host), if any. */
  target: string | null;
  hardware: HardwareView | null;
  checks: readonly CheckResult[];
  /** The probe's raw report from `hardware.report`; null before a probe or when it could not be read. */
  report: HardwareReport | null;
}

/** The selected profile as { id, title }, or null. */
function selectedProfile(hw: HardwareView | null): { id: string; title: string; description: string } | null {
  if (!hw) return null;
  return hw.profiles.find((p) => p.id === hw.profileId) ?? { id: hw.profileId, title: hw.profileId, description: '' };
}

/** The report as pretty-printed JSON: `{ profile, summary, checks, report }`. */
export function formatReportJson(input: HardwareReportInput): string {
  const profile = selectedProfile(input.hardware);
  const body = {
    profile: profile && { id: profile.id, title: profile.title },
    summary: hardwareHeadline(input.checks, input.hardware?.summary),
    checks: input.checks,
    report: input.report,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** A table cell: one line, pipes escaped, never empty. */
function cell(text: string | undefined): string {
  const t = (text ?? '').replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();
  return t === '' ? '—' : t;
}

/** The report as Markdown: heading, summary, one table per group, waivers, the probe's section errors. */
export function formatReportMarkdown(input: HardwareReportInput): string {
  const { hardware: hw, checks, report } = input;
  const host = report?.host.hostname ?? null;
  const name = [host, input.target].filter((x): x is string => !!x && x !== '').join(' — ');
  const out: string[] = [`# Hardware report${name ? `: ${name}` : ''}`, ''];

  const profile = selectedProfile(hw);
  if (profile) out.push(`- Profile: ${profile.title} (\`${profile.id}\`)`);
  const probedAt = hw?.probedAt ?? report?.probedAt ?? null;
  const duration = hw?.durationMs ?? report?.durationMs ?? null;
  if (probedAt) out.push(`- Probed: ${formatDateTime(probedAt)}${duration !== null ? ` in ${formatSeconds(duration)}` : ''}`);
  if (report?.host.os) out.push(`- OS: ${report.host.os.prettyName}${report.host.kernel ? `, kernel ${report.host.kernel}` : ''}`);
  if (out.at(-1) !== '') out.push('');

  out.push(`**${hardwareHeadline(checks, hw?.summary)}** — ${summarizeChecks(checks)}.`, '');

  for (const { group, checks: list } of groupChecks(checks)) {
    out.push(`## ${group}`, '', '| ID | State | Required | Found |', '| --- | --- | --- | --- |');
    for (const c of list) {
      const state = `${CHECK_STATE_WORD[c.state]}${isBlocking(c) ? ' (blocks the install)' : ''}`;
      out.push(`| \`${cell(c.id)}\` | ${state} | ${cell(c.required)} | ${cell(c.found)} |`);
    }
    out.push('');
  }

  const waived = checks.filter((c) => c.state === 'waived');
  if (waived.length > 0) {
    out.push('## Waivers', '');
    for (const c of waived) out.push(`- \`${c.id}\` ${c.title}: “${(c.waiver ?? '').trim() || 'no reason recorded'}”`);
    out.push('');
  }

  const errors = report?.errors ?? [];
  if (errors.length > 0) {
    out.push('## Probe errors', '');
    for (const e of errors) out.push(`- \`${e.section}\`${e.exitCode !== undefined && e.exitCode !== null ? ` (exit code ${e.exitCode})` : ''}: ${e.message.replace(/\r?\n/g, ' ')}`);
    out.push('');
  }
  if (!report) out.push('_The raw probe report was not available; only the check results are included._', '');
  return out.join('\n');
}

/** The `hardware.report` result as a HardwareReport when it looks like one (version 1 with a host), else null. */
export function asHardwareReport(value: unknown): HardwareReport | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Partial<HardwareReport>;
  return r.version === 1 && typeof r.host === 'object' && r.host !== null && Array.isArray(r.disks) ? (r as HardwareReport) : null;
}
