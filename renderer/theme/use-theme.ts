// SPDX-License-Identifier: Apache-2.0
// The theme choice as React state: read once from localStorage, applied to <html> and stored on change.
import { useCallback, useState } from 'react';
import { applyThemeChoice, readThemeChoice, writeThemeChoice, type ThemeChoice } from './theme.js';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // access can throw when storage is disabled
  }
}

/** Applies the remembered choice before the first render, so the page never flashes the wrong theme. */
export function applyStoredTheme(): void {
  applyThemeChoice(document.documentElement, readThemeChoice(storage()));
}

/** The current choice and a setter that applies and remembers it. */
export function useThemeChoice(): [ThemeChoice, (c: ThemeChoice) => void] {
  const [choice, setChoice] = useState<ThemeChoice>(() => readThemeChoice(storage()));
  const set = useCallback((c: ThemeChoice) => {
    applyThemeChoice(document.documentElement, c);
    writeThemeChoice(storage(), c);
    setChoice(c);
  }, []);
  return [choice, set];
}
