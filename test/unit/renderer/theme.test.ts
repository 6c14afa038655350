// SPDX-License-Identifier: Apache-2.0
import { describe, expect, test } from 'vitest';
import { applyThemeChoice, effectiveTheme, readThemeChoice, THEME_STORAGE_KEY, writeThemeChoice } from '../../../renderer/theme/theme.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

describe('theme choice', () => {
  test('reads only known values; anything else (or broken storage) follows the system', () => {
    expect(readThemeChoice(memoryStorage({ [THEME_STORAGE_KEY]: 'dark' }))).toBe('dark');
    expect(readThemeChoice(memoryStorage({ [THEME_STORAGE_KEY]: 'purple' }))).toBe('system');
    expect(readThemeChoice(null)).toBe('system');
    expect(
      readThemeChoice({
        getItem: () => {
          throw new Error('SecurityError');
        },
      }),
    ).toBe('system');
  });

  test('"system" forgets the stored choice so the OS decides again', () => {
    const s = memoryStorage();
    writeThemeChoice(s, 'light');
    expect(s.data.get(THEME_STORAGE_KEY)).toBe('light');
    writeThemeChoice(s, 'system');
    expect(s.data.has(THEME_STORAGE_KEY)).toBe(false);
    expect(() =>
      writeThemeChoice(
        {
          setItem: () => {
            throw new Error('QuotaExceeded');
          },
          removeItem: () => {},
        },
        'dark',
      ),
    ).not.toThrow();
  });

  test('effective theme and the data-theme attribute', () => {
    expect(effectiveTheme('system', true)).toBe('dark');
    expect(effectiveTheme('system', false)).toBe('light');
    expect(effectiveTheme('light', true)).toBe('light');
    const root = { dataset: {} as Record<string, string> } as unknown as HTMLElement;
    applyThemeChoice(root, 'dark');
    expect(root.dataset.theme).toBe('dark');
    applyThemeChoice(root, 'system');
    expect(root.dataset.theme).toBeUndefined();
  });
});
