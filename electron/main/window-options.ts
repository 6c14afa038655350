// SPDX-License-Identifier: Apache-2.0
// The main window's options and the renderer's Content-Security-Policy, as pure values so tests
// can assert every security flag without an Electron binary.
import type { BrowserWindowConstructorOptions } from 'electron';

/** Background painted before the renderer's first frame; matches the light theme's page colour. */
export const WINDOW_BACKGROUND = '#ffffff';

/** The window title until the renderer sets its own. */
export const WINDOW_TITLE = 'CiaB Installer';

/**
 * The renderer's CSP: deny by default, then allow only the app's own scripts, styles, images
 * (plus data: for inline icons), fonts and API calls. No 'unsafe-inline', no 'unsafe-eval'.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The BrowserWindow options for the installer's main window, with the secure webPreferences. */
export function getMainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1280,
    height: 860,
    // The step rail plus a form column still fit side by side at this size.
    minWidth: 960,
    minHeight: 640,
    // Shown on 'ready-to-show', so the operator never sees a blank white flash.
    show: false,
    backgroundColor: WINDOW_BACKGROUND,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Offline machines have no dictionaries, and host names/IPs are not words.
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}
