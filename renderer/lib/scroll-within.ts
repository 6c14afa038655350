// SPDX-License-Identifier: Apache-2.0
// Scrolls one container to show an element, and only that container: Element.scrollIntoView
// also moves every scrolling ancestor, the page included, which shifts the whole app frame.

/** Where the element should end up in the container. */
export type ScrollBlock = 'start' | 'center' | 'nearest';

/** Scrolls `container` (when given) so that `el` is in view at `block`. */
export function scrollWithin(container: Element | null | undefined, el: Element, block: ScrollBlock = 'nearest'): void {
  if (!container) return;
  const c = container.getBoundingClientRect();
  const r = el.getBoundingClientRect();
  const top = r.top - c.top + container.scrollTop;
  if (block === 'start') container.scrollTop = top - 16;
  else if (block === 'center') container.scrollTop = top - (container.clientHeight - r.height) / 2;
  else if (r.top < c.top) container.scrollTop = top;
  else if (r.bottom > c.bottom) container.scrollTop = top - container.clientHeight + r.height;
}

/** Shows `el` in the screen's scrolling area (the part of the app that scrolls). */
export function revealInScreen(el: Element | null, block: ScrollBlock = 'center'): void {
  if (el) scrollWithin(el.closest('.screen'), el, block);
}
