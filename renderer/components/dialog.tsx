// SPDX-License-Identifier: Apache-2.0
// A modal dialog on the native <dialog> element: the browser traps focus, Escape cancels, and the
// page behind is inert. Used for confirmations and for writing a waiver reason.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactElement, type ReactNode } from 'react';

/** A modal form; `onSubmit` runs on the confirm button or Enter, `onCancel` on Escape or Cancel. */
export function Dialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  tone?: 'primary' | 'danger';
  confirmDisabled?: boolean;
  /** Extra class on the <dialog>, e.g. "dialog--wide" for commands. */
  className?: string;
  onSubmit(): void;
  onCancel(): void;
}): ReactElement {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!props.confirmDisabled) props.onSubmit();
  };

  return (
    <dialog
      ref={ref}
      className={`dialog${props.className ? ` ${props.className}` : ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault(); // React owns open/closed; Escape asks the parent to close.
        props.onCancel();
      }}
    >
      {props.open && (
        <form className="dialog__form" onSubmit={submit}>
          <h2 id={titleId} className="dialog__title">
            {props.title}
          </h2>
          <div className="dialog__body">{props.children}</div>
          <div className="dialog__actions">
            <button type="button" className="btn btn--secondary" onClick={props.onCancel}>
              Cancel
            </button>
            <button type="submit" className={`btn ${props.tone === 'danger' ? 'btn--danger' : 'btn--primary'}`} aria-disabled={props.confirmDisabled ? 'true' : undefined}>
              {props.confirmLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

/** A confirmation; with `typeToConfirm` the operator must type that word before confirming. */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  typeToConfirm?: string;
  onConfirm(): void;
  onCancel(): void;
}): ReactElement {
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const word = props.typeToConfirm;
  const ok = word === undefined || typed.trim().toLowerCase() === word.toLowerCase();
  const close = (fn: () => void) => () => {
    setTyped('');
    fn();
  };
  return (
    <Dialog open={props.open} title={props.title} confirmLabel={props.confirmLabel} tone="danger" confirmDisabled={!ok} onSubmit={close(props.onConfirm)} onCancel={close(props.onCancel)}>
      {props.children}
      {word !== undefined && (
        <div className="field">
          <label htmlFor={inputId} className="field__label">
            Type <strong className="mono">{word}</strong> to confirm
          </label>
          <input id={inputId} className="input" autoComplete="off" spellCheck={false} value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus />
        </div>
      )}
    </Dialog>
  );
}
