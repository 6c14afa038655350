// SPDX-License-Identifier: Apache-2.0
// Copies a text (a fix command, a fingerprint, an error report) and says so for a moment.
import { useEffect, useState, type ReactElement } from 'react';
import { copyText } from '../lib/clipboard.js';
import { Icon } from './icons.js';

/**
 * A small button that copies `text`; `label` names what is copied for screen readers. `text` may
 * be a function that fetches it first; resolving null means there is nothing to copy (the caller
 * already said why).
 */
export function CopyButton({ text, label, children, className }: { text: string | (() => Promise<string | null>); label: string; children?: string; className?: string }): ReactElement {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const id = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(id);
  }, [state]);
  const word = state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy by hand' : (children ?? 'Copy');
  const copy = async (): Promise<void> => {
    const value = typeof text === 'string' ? text : await text();
    if (value === null) return;
    setState((await copyText(value)) ? 'copied' : 'failed');
  };
  return (
    <button type="button" className={`btn btn--small btn--ghost copy-button${className ? ` ${className}` : ''}`} aria-label={`${word}: ${label}`} onClick={() => void copy()}>
      <Icon name={state === 'copied' ? 'check' : 'copy'} />
      <span aria-live="polite">{word}</span>
    </button>
  );
}

/** A command or value in monospace with a copy button beside it. */
export function CodeBlock({ code, label, className }: { code: string; label: string; className?: string }): ReactElement {
  return (
    <div className={`code-block${className ? ` ${className}` : ''}`}>
      <pre className="code-block__code">
        <code>{code}</code>
      </pre>
      <CopyButton text={code} label={label} />
    </div>
  );
}
