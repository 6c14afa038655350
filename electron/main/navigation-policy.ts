// SPDX-License-Identifier: Apache-2.0
// Which URLs the app's windows may navigate to, and which links may leave the app for the
// system browser. Pure, so the policy is tested without Electron.
import { isAppUrl } from './app-origin.js';

/** Whether an in-window navigation (or redirect) to `url` is allowed: only the app's own origin. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/**
 * The URL to hand to the system browser for a link the page tried to open, or null to drop it.
 * Only https, and never with credentials in the URL: `shell.openExternal` with an untrusted
 * scheme can launch arbitrary handlers (checklist item 15).
 */
export function externalLinkTarget(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.hostname === '') return null;
  return parsed.href;
}
