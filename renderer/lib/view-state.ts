// SPDX-License-Identifier: Apache-2.0
// Reading the workflow view's dotted state path; the renderer only ever reads it, never keeps
// workflow state of its own.
import type { StepId, WorkflowView } from '../../electron/api/contract.js';

/** The sub-state of the current step: "target.confirmHostKey" -> "confirmHostKey"; "" when none. */
export function substate(view: Pick<WorkflowView, 'state'>): string {
  const parts = view.state.split('.');
  return parts[1] ?? '';
}

/** Whether the view is in `step` and, when given, one of its sub-states. */
export function isIn(view: Pick<WorkflowView, 'state' | 'step'>, step: StepId, ...subs: string[]): boolean {
  if (view.step !== step) return false;
  return subs.length === 0 || subs.includes(substate(view));
}

/** Whether the install is a demo (badged everywhere). */
export function isDemo(view: Pick<WorkflowView, 'mode' | 'target'>): boolean {
  return view.mode === 'demo' || view.target?.isDemo === true;
}

/** A step's display title from the view (the backend names the steps; welcome and replay are not on the rail). */
export function stepTitle(view: Pick<WorkflowView, 'steps'>, id: StepId): string {
  return view.steps.find((s) => s.id === id)?.title ?? id.charAt(0).toUpperCase() + id.slice(1);
}

/** "Step 2 of 7 · Hardware" for a wizard step; null for welcome and replay. */
export function stepEyebrow(view: Pick<WorkflowView, 'steps'>, id: StepId): string | null {
  const wizard = view.steps.filter((s) => s.id !== 'welcome' && s.id !== 'replay');
  const index = wizard.findIndex((s) => s.id === id);
  if (index < 0) return null;
  return `Step ${index + 1} of ${wizard.length} · ${stepTitle(view, id)}`;
}
