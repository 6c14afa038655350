// SPDX-License-Identifier: Apache-2.0
// The action bar under every wizard screen: Cancel on the left; Back, the screen's one primary
// action (or Next) on the right. A blocked Next stays focusable and says why beside it.
import { useEffect, useId, useRef, useState, type ReactElement, type Ref } from 'react';
import { useInstallerContext, useView } from '../hooks/installer-context.js';
import { ConfirmDialog } from './dialog.js';
import { ProblemNote } from './error-panel.js';
import { Spinner } from './icons.js';

/** A button in the action bar; `form` submits that form instead of calling onClick. */
export interface FooterAction {
  label: string;
  onClick?: () => void;
  form?: string;
  disabled?: boolean;
  /** Shows a spinner on the button while this event or request is in flight. */
  pendingKey?: string;
  /** Enter on the page does not trigger it (trusting a host key must be a deliberate click). */
  noEnter?: boolean;
  /** Why it cannot run now: the button stays focusable but does nothing, and the reason shows beside it. */
  blockedReason?: string;
}

const INTERACTIVE = 'input, textarea, select, button, a, summary, [contenteditable], dialog, [role="log"]';

/** The action bar; without `primary`, Next is the primary action. */
export function StepFooter({
  primary,
  secondary = [],
  showNext,
  hideBack = false,
  cancelWord,
  beforeNext,
}: {
  primary?: FooterAction;
  secondary?: FooterAction[];
  showNext?: boolean;
  hideBack?: boolean;
  cancelWord?: string;
  /** Runs just before NEXT is sent (a form flushes its pending draft; messages stay in order). */
  beforeNext?: () => void;
}): ReactElement {
  const view = useView();
  const { send, pending, problem } = useInstallerContext();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const reasonId = useId();
  const primaryRef = useRef<HTMLButtonElement>(null);
  const can = view.can;
  const nextShown = showNext ?? (primary === undefined || can.next);
  const nextIsPrimary = primary === undefined;
  const busy = pending !== null;

  // Enter anywhere outside a control triggers the screen's primary action.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Enter' || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.defaultPrevented) return;
      const t = e.target as Element | null;
      if (t && t !== document.body && t.closest(INTERACTIVE)) return;
      const btn = primaryRef.current;
      if (!btn || btn.dataset.noEnter === 'true' || btn.getAttribute('aria-disabled') === 'true' || btn.disabled) return;
      e.preventDefault();
      btn.click();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const nextBlocked = !can.next || busy;
  const next = (): void => {
    if (nextBlocked) return;
    beforeNext?.();
    void send({ type: 'NEXT' });
  };

  return (
    <footer className="step-footer">
      {problem && <ProblemNote action={problem.action} message={problem.message} />}
      <div className="step-footer__bar">
        <div className="step-footer__left">
          {can.cancel && (
            <button type="button" className="btn btn--ghost btn--danger-text" disabled={busy} onClick={() => setConfirmCancel(true)}>
              Cancel install…
            </button>
          )}
        </div>
        {primary?.blockedReason ? (
          <p id={reasonId} className="step-footer__reason">
            {primary.blockedReason}
          </p>
        ) : (
          nextShown &&
          !can.next &&
          can.nextBlockedReason && (
            <p id={reasonId} className="step-footer__reason">
              {can.nextBlockedReason}
            </p>
          )
        )}
        <div className="step-footer__right">
          {can.back && !hideBack && (
            <button type="button" className="btn btn--secondary" disabled={busy} onClick={() => void send({ type: 'BACK' })}>
              Back
            </button>
          )}
          {secondary.map((a) => (
            <ActionButton key={a.label} action={a} tone="secondary" busyKey={pending} />
          ))}
          {nextShown && (
            <button
              ref={nextIsPrimary ? primaryRef : undefined}
              type="button"
              className={`btn ${nextIsPrimary ? 'btn--primary' : 'btn--secondary'}`}
              aria-disabled={nextBlocked ? 'true' : undefined}
              aria-describedby={!can.next && can.nextBlockedReason ? reasonId : undefined}
              onClick={next}
            >
              {pending === 'NEXT' && <Spinner />}
              Next
            </button>
          )}
          {primary && <ActionButton action={primary} tone="primary" busyKey={pending} buttonRef={primaryRef} describedBy={primary.blockedReason ? reasonId : undefined} />}
        </div>
      </div>
      <ConfirmDialog
        open={confirmCancel}
        title="Cancel this install?"
        confirmLabel="Cancel install"
        typeToConfirm={cancelWord}
        onCancel={() => setConfirmCancel(false)}
        onConfirm={() => {
          setConfirmCancel(false);
          void send({ type: 'CANCEL' });
        }}
      >
        <p>The installer stops this install and returns to the start. What happened so far stays in the install journal.</p>
        {cancelWord && <p>Steps already run on the server are not undone.</p>}
      </ConfirmDialog>
    </footer>
  );
}

function ActionButton({ action, tone, busyKey, buttonRef, describedBy }: { action: FooterAction; tone: 'primary' | 'secondary'; busyKey: string | null; buttonRef?: Ref<HTMLButtonElement>; describedBy?: string }): ReactElement {
  const inFlight = action.pendingKey !== undefined && busyKey === action.pendingKey;
  const disabled = action.disabled === true || action.blockedReason !== undefined || busyKey !== null;
  return (
    <button
      ref={buttonRef}
      type={action.form ? 'submit' : 'button'}
      form={action.form}
      className={`btn btn--${tone}`}
      aria-disabled={disabled ? 'true' : undefined}
      aria-describedby={describedBy}
      data-no-enter={action.noEnter ? 'true' : undefined}
      onClick={(e) => {
        if (disabled) {
          e.preventDefault();
          return;
        }
        action.onClick?.();
      }}
    >
      {inFlight && <Spinner />}
      {action.label}
    </button>
  );
}
