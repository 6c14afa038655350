// SPDX-License-Identifier: Apache-2.0
// Registers the app:// scheme with Electron and serves the built renderer through it.
import { protocol } from 'electron';
import { APP_SCHEME } from './app-origin.js';
import { createAppRequestHandler } from './app-request-handler.js';

/** Declares app:// as a standard, secure scheme; must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: real origin and relative URLs; secure: a secure context (clipboard API needs
      // it); no service workers, no CORS, no bypassing the CSP.
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true, allowServiceWorkers: false, corsEnabled: false, bypassCSP: false },
    },
  ]);
}

/** Serves files under `rendererDir` at app://renderer/ on the default session. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir));
}
