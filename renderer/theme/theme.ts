// SPDX-License-Identifier: Apache-2.0
// The operator's theme choice: follow the system, or force light (bright server rooms) or dark
// (night work). Remembered in localStorage and applied as data-theme on <html>.

/** The theme choices offered in the header. */
export type ThemeChoice = 'system' | 'light' | 'dark';

/** The localStorage key the choice is kept under. */
export const THEME_STORAGE_KEY = 'ciab.theme';

/** The choice stored in `storage`, "system" when nothing (valid) is stored or storage is unavailable. */
export function readThemeChoice(storage: Pick<Storage, 'getItem'> | null): ThemeChoice {
  try {
    const v = storage?.getItem(THEME_STORAGE_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system'; // storage can be disabled (privacy settings); the system theme still works
  }
}

/** Stores the choice; "system" removes the key so the OS preference rules again. */
export function writeThemeChoice(storage: Pick<Storage, 'setItem' | 'removeItem'> | null, choice: ThemeChoice): void {
  try {
    if (choice === 'system') storage?.removeItem(THEME_STORAGE_KEY);
    else storage?.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Not remembered across restarts, but applied for this session.
  }
}

/** The theme actually shown for a choice, given whether the system prefers dark. */
export function effectiveTheme(choice: ThemeChoice, systemPrefersDark: boolean): 'light' | 'dark' {
  if (choice === 'system') return systemPrefersDark ? 'dark' : 'light';
  return choice;
}

/** Applies a choice to the document root (CSS reads data-theme; "system" leaves it to the media query). */
export function applyThemeChoice(root: HTMLElement, choice: ThemeChoice): void {
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}
