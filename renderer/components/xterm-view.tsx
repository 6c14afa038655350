// SPDX-License-Identifier: Apache-2.0
// An xterm.js terminal in a resizable box, fitted to it, themed from the app's tokens (and re-themed
// when the light/dark theme changes). The owner drives it through `onReady`; unmounting disposes all.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal, type ITerminalOptions, type ITheme } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, type ReactElement } from 'react';
import { openTerminal } from '../lib/xterm-style-shim.js';

// ANSI colours tuned for the dark log background (--log-bg is dark in both themes); all ≥ 4.5:1.
const PALETTE: ITheme = {
  black: '#4b535d',
  red: '#ff7b72',
  green: '#7ee787',
  yellow: '#e3b341',
  blue: '#79c0ff',
  magenta: '#d2a8ff',
  cyan: '#56d4dd',
  white: '#c9d1d9',
  brightBlack: '#8b949e',
  brightRed: '#ffa198',
  brightGreen: '#aff5b4',
  brightYellow: '#f8e3a1',
  brightBlue: '#a5d6ff',
  brightMagenta: '#e2c5ff',
  brightCyan: '#b3f0ff',
  brightWhite: '#ffffff',
};

/** The terminal and its fit addon, handed to the owner once the terminal is open. */
export interface XtermParts {
  term: Terminal;
  fit: FitAddon;
}

/** A terminal; `onReady` runs once after it opened and returns its own clean-up. */
export function XtermView({ label, options, onReady, className }: { label: string; options?: ITerminalOptions; onReady(parts: XtermParts): () => void; className?: string }): ReactElement {
  const box = useRef<HTMLDivElement>(null);
  // The first values win: a terminal is created once per mount.
  const first = useRef({ options, onReady });
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const { options: opts, onReady: ready } = first.current;
    const term = new Terminal({ scrollback: 10_000, fontSize: 12, lineHeight: 1.2, fontFamily: resolved(el, 'fontFamily', 'var(--font-mono)'), theme: theme(el), ...opts });
    const fit = new FitAddon();
    term.loadAddon(fit);
    const unshim = openTerminal(term, el);
    fitSafely(fit);
    // Fit on every size change of the box, at most once a frame.
    let frame = 0;
    const resize = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => fitSafely(fit));
    });
    resize.observe(el);
    const retheme = (): void => {
      term.options.theme = theme(el);
    };
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', retheme);
    const themeAttr = new MutationObserver(retheme);
    themeAttr.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const done = ready({ term, fit });
    return () => {
      done();
      cancelAnimationFrame(frame);
      resize.disconnect();
      themeAttr.disconnect();
      media.removeEventListener('change', retheme);
      term.dispose();
      unshim();
    };
  }, []);
  return <div ref={box} className={`xterm-view${className ? ` ${className}` : ''}`} role="region" aria-label={label} />;
}

// A hidden box fails to fit (no size); the ResizeObserver fits again once it shows.
function fitSafely(fit: FitAddon): void {
  try {
    const dims = fit.proposeDimensions();
    if (dims && dims.cols > 1 && dims.rows > 1) fit.fit();
  } catch {
    // Not measurable yet.
  }
}

// A token's computed value (light-dark() resolved for the current theme), read through a probe element.
function resolved(el: HTMLElement, prop: 'color' | 'backgroundColor' | 'fontFamily', value: string): string {
  const probe = document.createElement('span');
  probe.hidden = true;
  probe.style[prop] = value;
  el.appendChild(probe);
  const out = getComputedStyle(probe)[prop];
  probe.remove();
  return out;
}

function theme(el: HTMLElement): ITheme {
  const bg = resolved(el, 'backgroundColor', 'var(--log-bg)');
  const fg = resolved(el, 'color', 'var(--log-text)');
  return { ...PALETTE, background: bg, foreground: fg, cursor: fg, cursorAccent: bg, selectionBackground: 'rgba(121, 192, 255, 0.35)' };
}
