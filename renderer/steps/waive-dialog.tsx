// SPDX-License-Identifier: Apache-2.0
// Waiving a failed check needs a written reason (at least 10 characters); it is recorded in the
// install journal with the decision.
import { useId, useState, type ReactElement } from 'react';
import type { CheckResult } from '../../electron/api/contract.js';
import { Dialog } from '../components/dialog.js';
import { isWaiverReasonValid, MIN_WAIVER_REASON } from '../lib/checks.js';

/** The waiver dialog for `check`; `onWaive` receives the trimmed reason. */
export function WaiveDialog({ check, onWaive, onCancel }: { check: CheckResult | null; onWaive(reason: string): void; onCancel(): void }): ReactElement {
  const [reason, setReason] = useState('');
  const id = useId();
  const valid = isWaiverReasonValid(reason);
  const left = Math.max(0, MIN_WAIVER_REASON - reason.trim().length);
  const close = (fn: () => void) => (): void => {
    setReason('');
    fn();
  };
  return (
    <Dialog open={check !== null} title={`Waive “${check?.title ?? ''}”?`} confirmLabel="Waive this check" tone="danger" confirmDisabled={!valid} onSubmit={close(() => onWaive(reason.trim()))} onCancel={close(onCancel)}>
      {check && (
        <>
          <dl className="facts facts--compact">
            <div className="facts__row">
              <dt>Required</dt>
              <dd>{check.required}</dd>
            </div>
            <div className="facts__row">
              <dt>Found</dt>
              <dd>{check.found}</dd>
            </div>
          </dl>
          <p>{check.why}</p>
          <p>The install may fail or be unsupported without it. Your reason is recorded in the install journal with this decision.</p>
          <div className="field">
            <label htmlFor={id} className="field__label">
              Reason for the waiver
            </label>
            <textarea id={id} className="input textarea" rows={3} value={reason} autoFocus aria-describedby={`${id}-hint`} onChange={(e) => setReason(e.target.value)} placeholder="For example: lab server, the site owner accepted the smaller disk (ticket 1234)" />
            <p id={`${id}-hint`} className="field__hint" aria-live="polite">
              {valid ? 'Ready to record.' : `At least ${MIN_WAIVER_REASON} characters — ${left} more.`}
            </p>
          </div>
        </>
      )}
    </Dialog>
  );
}
