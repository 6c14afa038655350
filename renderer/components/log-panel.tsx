// SPDX-License-Identifier: Apache-2.0
// The live log: monospace, scrolls by itself while the operator is at the bottom, and stays put
// when they scroll up to read. Bounded by the installer hook to the newest lines.
import { useLayoutEffect, useRef, type ReactElement } from 'react';
import type { LogLine } from '../../electron/api/contract.js';
import { formatClock } from '../lib/format.js';

/** A scrolling panel of log lines; `dropped` older lines are no longer shown (the journal keeps them). */
export function LogPanel({ lines, dropped, label, emptyText = 'Waiting for output…' }: { lines: readonly LogLine[]; dropped: number; label: string; emptyText?: string }): ReactElement {
  const ref = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);

  useLayoutEffect(() => {
    const el = ref.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [lines]);

  return (
    <div
      ref={ref}
      className="log-panel"
      tabIndex={0}
      role="log"
      aria-label={label}
      onScroll={(e) => {
        const el = e.currentTarget;
        // Within a line of the bottom counts as "following the log".
        pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
    >
      {dropped > 0 && <div className="log-panel__dropped">… {dropped} earlier lines are not shown here; the install journal keeps all of them.</div>}
      {lines.length === 0 && <div className="log-panel__empty">{emptyText}</div>}
      {lines.map((l, i) => (
        <div key={dropped + i} className={`log-line log-line--${l.level}`}>
          <span className="log-line__time">{formatClock(l.at)}</span>
          <span className="log-line__source">{l.source}</span>
          <span className="log-line__msg">{l.message}</span>
        </div>
      ))}
    </div>
  );
}
