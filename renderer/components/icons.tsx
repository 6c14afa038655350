// SPDX-License-Identifier: Apache-2.0
// A small set of inline SVG icons shipped with the app (nothing is fetched). Icons are decorative:
// every one sits next to a word, so they are hidden from screen readers.
import type { ReactElement } from 'react';

type IconName = 'check' | 'warn' | 'fail' | 'error' | 'waived' | 'blocked' | 'copy' | 'info' | 'shield' | 'shield-alert' | 'server' | 'play' | 'history';

const PATHS: Record<IconName, ReactElement> = {
  check: <path d="M4 10.5l4 4 8-9" />,
  warn: (
    <>
      <path d="M10 2.5l8 14.5H2z" />
      <path d="M10 8v4M10 14.5v.5" />
    </>
  ),
  fail: (
    <>
      <circle cx="10" cy="10" r="8" />
      <path d="M7 7l6 6M13 7l-6 6" />
    </>
  ),
  error: (
    <>
      <path d="M6.5 2h7L18 6.5v7L13.5 18h-7L2 13.5v-7z" />
      <path d="M10 6v5M10 13.5v.5" />
    </>
  ),
  waived: (
    <>
      <circle cx="10" cy="10" r="8" />
      <path d="M4.5 15.5l11-11" />
    </>
  ),
  blocked: (
    <>
      <rect x="4" y="9" width="12" height="8" rx="1.5" />
      <path d="M7 9V6.5a3 3 0 016 0V9" />
    </>
  ),
  copy: (
    <>
      <rect x="7" y="7" width="10" height="10" rx="1.5" />
      <path d="M13 4.5V4a1 1 0 00-1-1H4a1 1 0 00-1 1v8a1 1 0 001 1h.5" />
    </>
  ),
  info: (
    <>
      <circle cx="10" cy="10" r="8" />
      <path d="M10 9v5M10 6v.5" />
    </>
  ),
  shield: (
    <>
      <path d="M10 2l7 3v5c0 4-3 7-7 8-4-1-7-4-7-8V5z" />
      <path d="M7 10l2 2 4-4" />
    </>
  ),
  'shield-alert': (
    <>
      <path d="M10 2l7 3v5c0 4-3 7-7 8-4-1-7-4-7-8V5z" />
      <path d="M10 6.5v4.5M10 13.5v.5" />
    </>
  ),
  server: (
    <>
      <rect x="3" y="3" width="14" height="6" rx="1" />
      <rect x="3" y="11" width="14" height="6" rx="1" />
      <path d="M6 6h.5M6 14h.5" />
    </>
  ),
  play: <path d="M6 4l10 6-10 6z" />,
  history: (
    <>
      <path d="M3.5 10a6.5 6.5 0 106.5-6.5A6.5 6.5 0 004.8 6" />
      <path d="M4 2.5V6h3.5M10 6.5V10l2.5 2" />
    </>
  ),
};

/** An inline icon; `className` sets colour through `currentColor`. */
export function Icon({ name, className }: { name: IconName; className?: string }): ReactElement {
  return (
    <svg className={`icon${className ? ` ${className}` : ''}`} viewBox="0 0 20 20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      {PATHS[name]}
    </svg>
  );
}

/** A spinning indicator for work in progress (still when the operator prefers reduced motion). */
export function Spinner({ className }: { className?: string }): ReactElement {
  return (
    <svg className={`spinner${className ? ` ${className}` : ''}`} viewBox="0 0 20 20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2.2">
      <circle cx="10" cy="10" r="7.5" opacity="0.25" />
      <path d="M10 2.5a7.5 7.5 0 017.5 7.5" strokeLinecap="round" />
    </svg>
  );
}

export type { IconName };
