// SPDX-License-Identifier: Apache-2.0
// One screen of the wizard: where it sits ("Step 2 of 7"), a heading that takes focus when the
// screen changes (so keyboard and screen-reader users start at the top), a short lead, content.
import { useEffect, useRef, type ReactElement, type ReactNode } from 'react';

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

// The first screen after the page loads keeps the browser's focus at the top of the page.
let pageJustLoaded = true;

/** The scrolling content area of a step; `screenKey` changes when a different screen shows. */
export function Screen({ screenKey, eyebrow, title, lead, children }: { screenKey: string; eyebrow?: string; title: string; lead?: ReactNode; children?: ReactNode }): ReactElement {
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // Not on first load (focus starts at the top of the page), and never away from a field the
    // operator is typing in (or one a screen focused on purpose).
    if (pageJustLoaded) {
      pageJustLoaded = false;
      return;
    }
    const active = document.activeElement;
    if (active && TYPING.has(active.tagName) && !active.closest('dialog')) return;
    heading.current?.focus();
  }, [screenKey]);

  return (
    <div className="screen" id="main-content">
      <div className="screen__inner">
        <header className="screen__header">
          {eyebrow && <span className="screen__eyebrow">{eyebrow}</span>}
          <h1 ref={heading} tabIndex={-1}>
            {title}
          </h1>
          {lead && <p className="screen__lead">{lead}</p>}
        </header>
        <div className="stack">{children}</div>
      </div>
    </div>
  );
}
