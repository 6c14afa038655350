// SPDX-License-Identifier: Apache-2.0
// Opens an xterm.js terminal under our Content-Security-Policy (style-src 'self', no 'unsafe-inline'):
// xterm's DOM renderer writes its theme and cell sizes into <style> elements, which that policy blocks.
import type { Terminal } from '@xterm/xterm';

/**
 * Calls `term.open(parent)` with the <style> elements xterm creates meanwhile replaced by inert,
 * hidden elements whose text is mirrored into constructed stylesheets (not subject to style-src).
 * Returns the clean-up that removes those stylesheets; call it when the terminal is disposed.
 */
export function openTerminal(term: Terminal, parent: HTMLElement): () => void {
  const doc = parent.ownerDocument;
  const sheets: CSSStyleSheet[] = [];
  const observers: MutationObserver[] = [];
  const mirrors: (() => void)[] = [];
  const proto = Document.prototype;
  const original = proto.createElement;
  const shim = function (this: Document, tag: string, options?: ElementCreationOptions): HTMLElement {
    if (tag.toLowerCase() !== 'style') return original.call(this, tag, options);
    const el = original.call(this, 'ciab-xterm-style');
    el.hidden = true;
    const sheet = new CSSStyleSheet();
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    sheets.push(sheet);
    // xterm sets textContent right after creating the element and again on theme or size changes.
    const mirror = (): void => sheet.replaceSync(el.textContent ?? '');
    mirrors.push(mirror);
    const observer = new MutationObserver(mirror);
    observer.observe(el, { childList: true, characterData: true, subtree: true });
    observers.push(observer);
    return el;
  };
  proto.createElement = shim as typeof proto.createElement;
  try {
    term.open(parent);
  } finally {
    proto.createElement = original;
  }
  // The first texts were set during open(); the observers only report later changes in time.
  for (const m of mirrors) m();
  return () => {
    for (const o of observers) o.disconnect();
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => !sheets.includes(s));
  };
}
