// SPDX-License-Identifier: Apache-2.0
// Texts from the backend mark commands and names with `backquotes`; shown as inline code.
import type { ReactNode } from 'react';

/** `text` with its `backquoted` parts as <code>; a lone backquote stays as it is. */
export function withCode(text: string): ReactNode[] {
  const parts = text.split('`');
  // An odd number of backquotes: the last one has no partner; keep it literally.
  if (parts.length % 2 === 0) return [text];
  return parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}
