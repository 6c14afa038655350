// SPDX-License-Identifier: Apache-2.0
// The deploy's confirmations: skipping a failed step (a written reason, recorded in the journal),
// aborting after a failure, and stopping the step that runs now.
import { useId, useState, type ReactElement } from 'react';
import { ConfirmDialog, Dialog } from '../components/dialog.js';

/** The shortest skip reason the backend accepts. */
export const MIN_SKIP_REASON = 3;

/** Asks why a failed step may be skipped; `onSkip` receives the trimmed reason. */
export function SkipDialog({ open, stepTitle, onSkip, onCancel }: { open: boolean; stepTitle: string; onSkip(reason: string): void; onCancel(): void }): ReactElement {
  const [reason, setReason] = useState('');
  const id = useId();
  const valid = reason.trim().length >= MIN_SKIP_REASON;
  const close = (fn: () => void) => (): void => {
    setReason('');
    fn();
  };
  return (
    <Dialog open={open} title={`Skip “${stepTitle}”?`} confirmLabel="Skip this step" tone="danger" confirmDisabled={!valid} onSubmit={close(() => onSkip(reason.trim()))} onCancel={close(onCancel)}>
      <p>The deploy continues with the next step as if this one had worked. Later steps may fail, or the cloud may miss what this step sets up.</p>
      <p>The step is recorded as <strong>skipped</strong> in the install journal, with your reason.</p>
      <div className="field">
        <label htmlFor={id} className="field__label">
          Why is it safe to skip?
        </label>
        <textarea id={id} className="input textarea" rows={3} value={reason} autoFocus aria-describedby={`${id}-hint`} onChange={(e) => setReason(e.target.value)} placeholder="For example: NTP is served by the site router, checked by hand (ticket 1234)" />
        <p id={`${id}-hint`} className="field__hint" aria-live="polite">
          {valid ? 'Ready to record.' : `Write at least ${MIN_SKIP_REASON} characters.`}
        </p>
      </div>
    </Dialog>
  );
}

/** Confirms stopping the deploy after a failure (it can be resumed later). */
export function AbortDialog({ open, onConfirm, onCancel }: { open: boolean; onConfirm(): void; onCancel(): void }): ReactElement {
  return (
    <ConfirmDialog open={open} title="Abort the deploy?" confirmLabel="Abort deploy" onConfirm={onConfirm} onCancel={onCancel}>
      <p>Nothing more runs on the server. Steps that finished stay done; you can resume later from where it stopped, go back to the review, or start a new install.</p>
    </ConfirmDialog>
  );
}

/** Confirms killing the step that runs now; it then fails like any failed step. */
export function StopDialog({ open, stepTitle, onConfirm, onCancel }: { open: boolean; stepTitle: string; onConfirm(): void; onCancel(): void }): ReactElement {
  return (
    <ConfirmDialog open={open} title={`Stop “${stepTitle}”?`} confirmLabel="Stop step" onConfirm={onConfirm} onCancel={onCancel}>
      <p>The installer kills the step’s processes on the server. The step then counts as failed: you can retry it, skip it with a reason, or abort.</p>
      <p>A step stopped half-way may leave its work half done; retrying it is normally safe.</p>
    </ConfirmDialog>
  );
}
