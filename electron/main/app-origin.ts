// SPDX-License-Identifier: Apache-2.0
// The one origin the app's own pages live on: a custom privileged scheme instead of file://
// (Electron security checklist item 18), so the renderer gets a real origin and response headers.

/** The custom scheme the built renderer is served from. */
export const APP_SCHEME = 'app';

/** The only host under the scheme; every other host is refused. */
export const APP_HOST = 'renderer';

/** The app's origin as the renderer sees it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The page the main window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Whether a URL belongs to the app's own origin (app://renderer/...). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Node keeps the host's case for non-special schemes; Chromium lowercases it. Compare lowercased.
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host.toLowerCase() === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
