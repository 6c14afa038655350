// SPDX-License-Identifier: Apache-2.0
// Scrubs the free-text fields of a workflow view (error texts, check findings, waiver reasons) before it leaves the backend. Identity fields are left alone: a user name
// that happens to equal a short password must stay usable.
import type { WorkflowView } from '../../api/contract.js';
import type { Redactor } from './redactor.js';

/** Returns a copy of `view` with every known secret removed from its free text. */
export function scrubView(view: WorkflowView, r: Redactor): WorkflowView {
  const t = (s: string) => r.text(s);
  return {
    ...view,
    error: view.error
      ? { ...view.error, title: t(view.error.title), message: t(view.error.message), nextAction: t(view.error.nextAction), lastLines: view.error.lastLines.map(t), ...(view.error.command ? { command: t(view.error.command) } : {}) }
      : null,
    checks: view.checks.map((c) => ({ ...c, found: t(c.found), ...(c.waiver !== undefined ? { waiver: t(c.waiver) } : {}) })),
  };
}
