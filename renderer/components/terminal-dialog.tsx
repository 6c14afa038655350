// SPDX-License-Identifier: Apache-2.0
// The operator's terminal on the connected server: an SSH shell (PTY) in xterm.js, bound to
// terminal.open / input / resize / close and the terminal.output event. Keystrokes are never logged.
import { useId, useLayoutEffect, useRef, useState, type ReactElement } from 'react';
import type { ApiClient, TerminalOutput } from '../../electron/api/contract.js';
import { XtermView, type XtermParts } from './xterm-view.js';

type Status = { state: 'opening' } | { state: 'open' } | { state: 'closed' } | { state: 'failed'; message: string };

/** A modal terminal; the shell opens with the dialog and closes with it. */
export function TerminalDialog({ open, client, target, onClose }: { open: boolean; client: ApiClient; target: string; onClose(): void }): ReactElement {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // xterm.js measures its cells when it opens (a passive effect): show the dialog before, in layout.
  useLayoutEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog terminal-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        // Escape belongs to the shell (vi, less); the Close button leaves.
        e.preventDefault();
      }}
    >
      {open && <TerminalSession client={client} target={target} titleId={titleId} onClose={onClose} />}
    </dialog>
  );
}

function TerminalSession({ client, target, titleId, onClose }: { client: ApiClient; target: string; titleId: string; onClose(): void }): ReactElement {
  const [status, setStatus] = useState<Status>({ state: 'opening' });
  const ready = ({ term, fit }: XtermParts): (() => void) => {
    let id: string | null = null;
    let closed = false;
    let disposed = false;
    // Output can arrive before terminal.open answers with the id; hold it until then.
    const early: TerminalOutput[] = [];
    const onOutput = (o: TerminalOutput): void => {
      if (o.data) term.write(o.data);
      if (o.closed) {
        closed = true;
        term.write('\r\n\x1b[2m[the shell has ended]\x1b[0m\r\n');
        setStatus({ state: 'closed' });
      }
    };
    const off = client.on('terminal.output', (o) => {
      if (id === null) early.push(o);
      else if (o.id === id) onOutput(o);
    });
    const dims = fit.proposeDimensions();
    const size = { cols: Math.max(20, dims?.cols ?? term.cols), rows: Math.max(5, dims?.rows ?? term.rows) };
    client.invoke('terminal.open', size).then(
      (ref) => {
        if (disposed) {
          void client.invoke('terminal.close', ref).catch(() => undefined);
          return;
        }
        id = ref.id;
        setStatus((s) => (s.state === 'opening' ? { state: 'open' } : s));
        for (const o of early.splice(0)) if (o.id === id) onOutput(o);
        if (term.cols !== size.cols || term.rows !== size.rows) void client.invoke('terminal.resize', { id, cols: term.cols, rows: term.rows }).catch(() => undefined);
        term.focus();
      },
      (err: unknown) => {
        if (!disposed) setStatus({ state: 'failed', message: err instanceof Error ? err.message : String(err) });
      },
    );
    const input = term.onData((data) => {
      // Typing that does not arrive must not look like a hung shell.
      if (id !== null && !closed) void client.invoke('terminal.input', { id, data }).catch((err: unknown) => setStatus({ state: 'failed', message: err instanceof Error ? err.message : String(err) }));
    });
    const resize = term.onResize(({ cols, rows }) => {
      if (id !== null && !closed) void client.invoke('terminal.resize', { id, cols, rows }).catch(() => undefined);
    });
    return () => {
      disposed = true;
      off();
      input.dispose();
      resize.dispose();
      if (id !== null && !closed) void client.invoke('terminal.close', { id }).catch(() => undefined);
    };
  };
  const word = status.state === 'opening' ? 'Connecting…' : status.state === 'open' ? 'Connected' : status.state === 'closed' ? 'Closed' : 'Could not open';
  return (
    <div className="terminal-dialog__inner">
      <header className="terminal-dialog__header">
        <h2 id={titleId} className="dialog__title">
          Terminal on <span className="mono">{target}</span>
        </h2>
        <span className={`terminal-dialog__status terminal-dialog__status--${status.state}`} role="status">
          {word}
        </span>
        <button type="button" className="btn btn--secondary" onClick={onClose}>
          Close
        </button>
      </header>
      {status.state === 'failed' && <p className="terminal-dialog__error">The terminal could not be opened: {status.message}</p>}
      <p className="terminal-dialog__note">A shell on the server over the installer’s SSH connection. What you type here is not recorded in the install journal; commands you run act on the server directly.</p>
      <XtermView label="Server terminal" className="terminal-dialog__term" options={{ cursorBlink: true }} onReady={ready} />
    </div>
  );
}
