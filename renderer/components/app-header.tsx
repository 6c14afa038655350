// SPDX-License-Identifier: Apache-2.0
// The header: product name and version, the unmissable demo badge, and the theme switch.
import type { ReactElement } from 'react';
import type { ThemeChoice } from '../theme/theme.js';

/** The permanent "Demo — no real server" badge. */
export function DemoBadge(): ReactElement {
  return (
    <div className="demo-badge" role="note" aria-label="Demo mode: no real server is touched">
      <span className="demo-badge__word">Demo</span>
      <span className="demo-badge__text">no real server</span>
    </div>
  );
}

const THEMES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'Auto' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Three-way theme switch (follow the system, light, dark). */
export function ThemeSwitch({ choice, onChange }: { choice: ThemeChoice; onChange(c: ThemeChoice): void }): ReactElement {
  return (
    <div className="segmented" role="group" aria-label="Colour theme">
      {THEMES.map((t) => (
        <button key={t.value} type="button" className="segmented__item" aria-pressed={choice === t.value} onClick={() => onChange(t.value)} title={t.value === 'system' ? 'Follow the system setting' : `${t.label} theme`}>
          {t.label}
        </button>
      ))}
    </div>
  );
}

/** The top bar of the window. */
export function AppHeader({ version, demo, theme, onTheme, transport }: { version: string | null; demo: boolean; theme: ThemeChoice; onTheme(c: ThemeChoice): void; transport: string }): ReactElement {
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <span>CiaB Installer</span>
        {version && <span className="app-header__version">v{version}</span>}
      </div>
      {demo && <DemoBadge />}
      <div className="app-header__spacer" />
      {transport === 'websocket' && <span className="app-header__mode">Web mode</span>}
      <ThemeSwitch choice={theme} onChange={onTheme} />
    </header>
  );
}
