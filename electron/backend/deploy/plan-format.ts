// SPDX-License-Identifier: Apache-2.0
// Prints a resolved deploy plan: for people (phase, step, expected duration, command) and as
// one JSON object for scripts.
import type { DeployPlan } from './resolve-plan.js';

/** 42 -> "42 s", 150 -> "2 min 30 s", 4000 -> "1 h 07 min". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h} h ${String(m + (s >= 30 ? 1 : 0)).padStart(2, '0')} min`;
  return s > 0 ? `${m} min ${s} s` : `${m} min`;
}

/** Text styles the caller may supply (e.g. terminal colours); plain by default. */
export interface PlanStyle {
  bold(text: string): string;
  dim(text: string): string;
}

const plain: PlanStyle = { bold: (t) => t, dim: (t) => t };

/** The plan as lines for a terminal: phases, steps with expected durations and their commands. */
export function formatPlanText(plan: DeployPlan, style: PlanStyle = plain): string[] {
  const lines = [
    `Deploy plan for ${style.bold(plan.site)} (${plan.type}): ${plan.playbooks.join(' + ')}`,
    `${plan.phases.length} phases, ${plan.steps} steps, expected ${formatDuration(plan.duration)}`,
  ];
  let n = 0;
  plan.phases.forEach((phase, i) => {
    lines.push('', style.bold(`Phase ${i + 1}/${plan.phases.length}: ${phase.title}`) + style.dim(`  [${phase.playbook}/${phase.id}, ${formatDuration(phase.duration)}]`));
    for (const step of phase.steps) {
      n++;
      const flags = [formatDuration(step.duration), `timeout ${formatDuration(step.timeout)}`, ...(step.retries > 0 ? [`${step.retries} retr${step.retries === 1 ? 'y' : 'ies'}`] : []), ...(step.sudo ? ['root'] : [])];
      lines.push(`  ${String(n).padStart(3)}. ${step.title}  ${style.dim(`(${step.key}; ${flags.join(', ')})`)}`);
      for (const l of step.command.replace(/\n$/, '').split('\n')) lines.push(`         $ ${l}`);
      if (step.check) lines.push(style.dim(`         skipped when: ${step.check.split('\n').join(' ')}`));
    }
    for (const s of phase.skipped) lines.push(style.dim(`       - not run: ${s.title} (${s.reason})`));
  });
  lines.push('', style.dim('Nothing was run: this is the plan only.'));
  return lines;
}

/** The plan as a JSON-ready record. */
export function planRecord(plan: DeployPlan): Record<string, unknown> {
  return {
    site: plan.site,
    type: plan.type,
    playbooks: plan.playbooks,
    steps: plan.steps,
    duration: plan.duration,
    phases: plan.phases.map((p) => ({
      playbook: p.playbook,
      id: p.id,
      title: p.title,
      duration: p.duration,
      steps: p.steps,
      skipped: p.skipped,
    })),
  };
}
