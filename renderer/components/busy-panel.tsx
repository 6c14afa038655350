// SPDX-License-Identifier: Apache-2.0
// Work in progress: a spinner, what is happening, and a ticking elapsed time so it never looks frozen.
import type { ReactElement, ReactNode } from 'react';
import { useElapsed } from '../hooks/use-elapsed.js';
import { formatElapsed } from '../lib/format.js';
import { Spinner } from './icons.js';

/** A live status box; `detail` is the backend's own description of what it is doing. */
export function BusyPanel({ label, detail, children }: { label: string; detail?: string | null; children?: ReactNode }): ReactElement {
  const elapsed = useElapsed();
  return (
    <div className="busy-panel">
      <Spinner className="busy-panel__spinner" />
      <div className="busy-panel__text">
        <p className="busy-panel__label" role="status">
          {label}
        </p>
        {detail && <p className="busy-panel__detail">{detail}</p>}
        {children}
      </div>
      <p className="busy-panel__elapsed">
        <span className="visually-hidden">Elapsed time </span>
        <span className="mono">{formatElapsed(elapsed)}</span>
      </p>
    </div>
  );
}
