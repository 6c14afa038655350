// SPDX-License-Identifier: Apache-2.0
// Permission policy for the app's session (checklist item 5): Electron grants every permission
// by default, so we deny everything except writing to the clipboard from the app's own page,
// which the "copy this command" buttons need (navigator.clipboard.writeText asks for
// 'clipboard-sanitized-write' and fails with NotAllowedError when it is denied).
import type { Session } from 'electron';
import { isAppUrl } from './app-origin.js';

/** Whether the app grants `permission` to a page at `requestingUrlOrOrigin`. */
export function isPermissionAllowed(permission: string, requestingUrlOrOrigin: string | undefined): boolean {
  return permission === 'clipboard-sanitized-write' && requestingUrlOrOrigin !== undefined && isAppUrl(requestingUrlOrOrigin);
}

/** Installs the permission request, check and device handlers on a session. */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  // USB/HID/serial devices: an installer has no business with them from the renderer.
  ses.setDevicePermissionHandler(() => false);
}
