// SPDX-License-Identifier: Apache-2.0
// Lookups over the deploy part of the WorkflowView: a step by key, its phase, what is running,
// which step attempt's output to follow.
import type { DeployPhaseView, DeployStepView, WorkflowView } from '../../electron/api/contract.js';
import { attemptId } from './deploy-output-store.js';

type Deploy = WorkflowView['deploy'];

/** The step with `key` and its phase (index 0-based), or null. */
export function findStep(deploy: Deploy, key: string | null): { step: DeployStepView; phase: DeployPhaseView; phaseIndex: number } | null {
  if (key === null) return null;
  for (const [phaseIndex, phase] of deploy.phases.entries()) {
    const step = phase.steps.find((s) => s.key === key);
    if (step) return { step, phase, phaseIndex };
  }
  return null;
}

/** A step's title, falling back to its key (output can name a step the plan no longer shows). */
export function stepLabel(deploy: Deploy, key: string): string {
  return findStep(deploy, key)?.step.title ?? key;
}

/** The step attempt the output view follows: the running step, else the failed one, else none. */
export function followedAttempt(deploy: Deploy): string | null {
  const running = findStep(deploy, deploy.current);
  if (running) return attemptId(running.step.key, Math.max(1, running.step.attempt));
  if (deploy.failure) return attemptId(deploy.failure.key, deploy.failure.attempt);
  return null;
}

/** Steps finished (done, already done or skipped) out of all, for a phase or the whole plan. */
export function stepCounts(steps: readonly DeployStepView[]): { finished: number; total: number } {
  const finished = steps.filter((s) => s.status === 'done' || s.status === 'already-done' || s.status === 'skipped').length;
  return { finished, total: steps.length };
}
