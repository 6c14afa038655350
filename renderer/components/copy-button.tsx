// SPDX-License-Identifier: Apache-2.0
// Copies a text (a fix command, a fingerprint, an error report) and says so for a moment.
import { useEffect, useState, type ReactElement } from 'react';
import { Icon } from './icons.js';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (no permission or insecure context): fall back to a selection copy.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** A small button that copies `text`; `label` names what is copied for screen readers. */
export function CopyButton({ text, label, children }: { text: string; label: string; children?: string }): ReactElement {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const id = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(id);
  }, [state]);
  const word = state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy by hand' : (children ?? 'Copy');
  return (
    <button type="button" className="btn btn--small btn--ghost copy-button" aria-label={`${word}: ${label}`} onClick={() => void copyText(text).then((ok) => setState(ok ? 'copied' : 'failed'))}>
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
