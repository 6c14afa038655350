// SPDX-License-Identifier: Apache-2.0
// Creates the main window: secure options, trusted for IPC while it lives, shown when its first
// frame is ready, loading the renderer from app://. Navigation guards are attached globally in
// index.ts ('web-contents-created'), so they cover every webContents, not just this one.
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-origin.js';
import type { TrustedSenders } from './trusted-senders.js';
import { getMainWindowOptions } from './window-options.js';

/** Opens the installer's main window and registers it as a trusted IPC sender. */
export function createMainWindow(preloadPath: string, trusted: TrustedSenders): BrowserWindow {
  const win = new BrowserWindow(getMainWindowOptions(preloadPath));
  // Read the id now: it cannot be read from a destroyed webContents later.
  const id = win.webContents.id;
  trusted.add(id);
  win.webContents.once('destroyed', () => trusted.delete(id));
  win.once('ready-to-show', () => win.show());
  win.webContents.on('render-process-gone', (_event, details) => {
    console.error(`Renderer process gone (${details.reason}, exit code ${details.exitCode})`);
  });
  win.loadURL(APP_ENTRY_URL).catch((err: unknown) => {
    console.error(`Could not load ${APP_ENTRY_URL}: ${err instanceof Error ? err.message : String(err)}`);
  });
  return win;
}

/** Brings a window to the front (used when a second instance is launched). */
export function focusWindow(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
