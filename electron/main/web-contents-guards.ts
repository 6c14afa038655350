// SPDX-License-Identifier: Apache-2.0
// Navigation and window guards for every webContents the app ever gets (checklist items 11-15):
// no leaving the app origin, no new windows, no <webview>, https links go to the system browser.
import type { WebContents } from 'electron';
import { externalLinkTarget, isAllowedNavigation } from './navigation-policy.js';

/** Opens a vetted https URL in the system browser (shell.openExternal in production). */
export type OpenExternal = (url: string) => Promise<void>;

/** Attaches the guards to one webContents; call it from app.on('web-contents-created'). */
export function guardWebContents(contents: WebContents, openExternal: OpenExternal, warn: (message: string) => void = (m) => console.warn(m)): void {
  const blockForeign = (details: { url: string; preventDefault(): void }): void => {
    if (isAllowedNavigation(details.url)) return;
    details.preventDefault();
    warn(`Blocked navigation to ${details.url}`);
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  // Sub-frames too: the CSP already forbids frames, this keeps it true if the CSP ever changes.
  contents.on('will-frame-navigate', blockForeign);

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    warn('Blocked a <webview>');
  });

  contents.setWindowOpenHandler(({ url }) => {
    const target = externalLinkTarget(url);
    if (target !== null) {
      openExternal(target).catch((err: unknown) => warn(`Could not open ${target}: ${err instanceof Error ? err.message : String(err)}`));
    } else {
      warn(`Blocked window.open of ${url}`);
    }
    // The app never opens a second window of its own.
    return { action: 'deny' };
  });
}
