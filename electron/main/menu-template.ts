// SPDX-License-Identifier: Apache-2.0
// The application menu as data: File (Quit), Edit (so copy/paste shortcuts work in forms on
// macOS), View (reload, zoom, dev tools only in unpackaged builds), Help (About).
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  appName: string;
  isPackaged: boolean;
  platform: NodeJS.Platform;
  onAbout: () => void;
}

/** The application menu template for Menu.buildFromTemplate. */
export function buildMenuTemplate(opts: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = opts.platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: `About ${opts.appName}`, click: () => opts.onAbout() };
  const view: MenuItemConstructorOptions[] = [
    // Reloading is safe: the workflow lives in the backend, the page re-reads the snapshot.
    { role: 'reload' },
    ...(opts.isPackaged ? [] : ([{ role: 'toggleDevTools' }] as MenuItemConstructorOptions[])),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(isMac ? [{ label: opts.appName, submenu: [about, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] } as MenuItemConstructorOptions] : []),
    { label: '&File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    { label: '&View', submenu: view },
    { role: 'help', label: '&Help', submenu: [about] },
  ];
}

/** The About dialog text: app version plus the runtime versions support staff ask for. */
export function aboutText(appName: string, appVersion: string, versions: Partial<Record<string, string>>): { message: string; detail: string } {
  const runtime = ['electron', 'chrome', 'node', 'v8']
    .filter((k) => versions[k] !== undefined)
    .map((k) => `${k[0]!.toUpperCase()}${k.slice(1)} ${versions[k]}`)
    .join('\n');
  return { message: `${appName} ${appVersion}`, detail: `${runtime}\n\nLicensed under the Apache License 2.0.` };
}
