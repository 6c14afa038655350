// SPDX-License-Identifier: Apache-2.0
// "Copy report as Markdown": for a ticket or a chat. A table per group with required vs found,
// then what to do for every check that did not pass (why, fix, waiver, wipe commands), the
// waivers and the probe's section errors.
import type { CheckResult } from '../../../api/generated/api-types.js';
import type { HardwareReport } from '../../../api/generated/hardware-report-types.js';
import type { HardwareProfile } from './generated-profile-types.js';
import { waiverList } from './report-json.js';
import { sectionErrors } from './section-errors.js';
import { applyWaivers, summarizeChecks } from './summarize-checks.js';
import { cleanText, formatGiB, num } from './units.js';

/** One table cell: a single line, pipes escaped, never empty. */
function cell(text: unknown, max = 300): string {
  const t = cleanText(text, max).replace(/\|/g, '\\|');
  return t === '' ? '—' : t;
}

/** Inline code that survives backticks in the text. */
function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

function stateWord(c: CheckResult): string {
  return c.state.toUpperCase();
}

/** The facts table under the title: profile, probe time, OS, CPU, memory. */
function factsTable(report: HardwareReport, profile: HardwareProfile): string[] {
  const h = report?.host;
  const vm = h?.virtualization;
  const server = [
    h?.os?.prettyName,
    h?.kernel ? `kernel ${h.kernel}` : null,
    h?.arch,
    h?.bootMode === 'uefi' ? 'UEFI' : h?.bootMode === 'bios' ? 'legacy BIOS' : null,
    vm === 'none' ? 'bare metal' : vm ? `VM (${vm})` : null,
  ].filter(Boolean);
  const mem = num(report?.memory?.totalBytes);
  const secs = num(report?.durationMs);
  const rows: [string, string][] = [
    ['Profile', `${cell(profile.title)} (${code(profile.id)})`],
    ['Probed', `${cell(report?.probedAt)}${secs !== null ? `, in ${(secs / 1000).toFixed(1)} s` : ''}`],
    ['Server', cell(server.join(' · '))],
    ['CPU', cell(report?.cpu?.model)],
    ['Memory', mem !== null ? formatGiB(mem) : '—'],
  ];
  return ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)];
}

/** Why, fix, waiver and wipe commands of one check that did not pass. */
function details(c: CheckResult): string[] {
  const out = [`### ${stateWord(c)} · ${cleanText(c.title)} (${code(c.id)})`, '', `- **Required:** ${cleanText(c.required, 500)}`, `- **Found:** ${cleanText(c.found, 500)}`];
  if (c.waiver !== undefined) out.push(`- **Waived:** ${cleanText(c.waiver, 2000)}`);
  out.push(`- **Why:** ${cleanText(c.why, 2000)}`, `- **Fix:** ${cleanText(c.fix, 2000)}`);
  if (c.wipe) {
    out.push('', `Wipe commands for ${code(c.wipe.disk)} (they erase the disk; the app asks to type the disk name first):`, '', '```sh', ...c.wipe.commands.map((l) => cleanText(l, 500)), '```');
  }
  return [...out, ''];
}

/** The whole report as Markdown. */
export function reportToMarkdown(report: HardwareReport, checks: readonly CheckResult[], profile: HardwareProfile, waivers: Record<string, string>): string {
  const applied = applyWaivers(checks, waivers);
  const host = cleanText(report?.host?.hostname ?? '') || 'unknown host';
  const lines = [`# Hardware check: ${host}`, '', `**${cleanText(summarizeChecks(checks, waivers), 200)}**`, '', ...factsTable(report, profile), ''];
  const groups = [...new Set(applied.map((c) => c.group))];
  for (const g of groups) {
    lines.push(`## ${cleanText(g)}`, '', '| State | Check | Required | Found |', '|---|---|---|---|');
    for (const c of applied.filter((x) => x.group === g)) lines.push(`| ${stateWord(c)} | ${cell(c.title)} (${code(c.id)}) | ${cell(c.required)} | ${cell(c.found)} |`);
    lines.push('');
  }
  const open = applied.filter((c) => c.state !== 'pass');
  if (open.length) lines.push('## What to do', '', ...open.flatMap(details));
  const ws = waiverList(checks, waivers);
  if (ws.length) {
    lines.push('## Waivers', '', '| Check | Reason | Applied |', '|---|---|---|');
    for (const w of ws) lines.push(`| ${code(cleanText(w.checkId, 128))} | ${cell(w.reason, 2000)} | ${w.applied ? 'yes' : 'no (the check does not fail now)'} |`);
    lines.push('');
  }
  const errs = sectionErrors(report?.errors);
  if (errs.length) {
    lines.push('## Probe errors', '', '| Section | Message | Exit code |', '|---|---|---|');
    for (const e of errs) lines.push(`| ${cell(e.section, 60)} | ${cell(e.message, 400)} | ${typeof e.exitCode === 'number' ? e.exitCode : '—'} |`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
