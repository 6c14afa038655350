// SPDX-License-Identifier: Apache-2.0
// The deploy steps the simulated server knows by their server step id (`<playbook>.<step>`): title and
// nominal run time from playbooks/deploy/*.yaml, so a simulated step takes as long as the plan says.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loadHints, loadPlaybook, playbooksDir } from '../deploy/load-playbook.js';

/** What the sim uses of one playbook step. */
export interface SimStepInfo {
  title: string;
  /** Nominal run time on a real server, in seconds. */
  durationS: number;
}

/** Nominal run time of a step the playbooks do not name (ad-hoc steps, tests). */
export const SIM_DEFAULT_DURATION_S = 30;

let cached: Map<string, SimStepInfo> | null = null;

/** Server step id → title and duration, for every step of every deploy playbook (loaded once). */
export function simStepCatalog(): Map<string, SimStepInfo> {
  if (cached) return cached;
  const map = new Map<string, SimStepInfo>();
  const dir = path.join(playbooksDir(), 'deploy');
  const hints = loadHints();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    try {
      const pb = loadPlaybook(file.replace(/\.yaml$/, ''), dir, hints);
      for (const phase of pb.phases) {
        for (const step of phase.steps) map.set(`${pb.id}.${step.id}`, { title: step.title, durationS: step.duration });
      }
    } catch {
      // A playbook that does not load is the deploy code's problem (it reports it); its steps get the default here.
    }
  }
  cached = map;
  return map;
}

/** Title and duration of a server step id; unknown ids get the step id and the default duration. */
export function simStepInfo(stepId: string): SimStepInfo {
  return simStepCatalog().get(stepId) ?? { title: stepId, durationS: SIM_DEFAULT_DURATION_S };
}
