// SPDX-License-Identifier: Apache-2.0
// Permissions are denied, except clipboard writes from the app's own page (copy buttons).
import type { Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { hardenSession, isPermissionAllowed } from '../../../electron/main/session-hardening.js';

const PERMISSIONS = ['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'display-capture', 'fileSystem', 'hid', 'serial', 'usb', 'unknown'];

describe('isPermissionAllowed', () => {
  it.each(PERMISSIONS)('denies %s even to the app itself', (permission) => {
    expect(isPermissionAllowed(permission, 'app://renderer')).toBe(false);
    expect(isPermissionAllowed(permission, 'app://renderer/index.html')).toBe(false);
  });

  it('allows clipboard writes only from the app origin', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://renderer')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://renderer/index.html')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined)).toBe(false);
  });
});

describe('hardenSession', () => {
  it('installs request, check and device handlers that deny', () => {
    const ses = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
    hardenSession(ses as unknown as Session);

    const request = ses.setPermissionRequestHandler.mock.calls[0]![0] as (c: unknown, p: string, cb: (ok: boolean) => void, d: { requestingUrl: string }) => void;
    const answers: boolean[] = [];
    request({}, 'media', (ok) => answers.push(ok), { requestingUrl: 'app://renderer/index.html' });
    request({}, 'clipboard-sanitized-write', (ok) => answers.push(ok), { requestingUrl: 'app://renderer/index.html' });
    request({}, 'clipboard-sanitized-write', (ok) => answers.push(ok), { requestingUrl: 'https://evil.example/' });
    expect(answers).toEqual([false, true, false]);

    const check = ses.setPermissionCheckHandler.mock.calls[0]![0] as (c: unknown, p: string, origin: string) => boolean;
    expect(check(null, 'geolocation', 'app://renderer')).toBe(false);
    expect(check(null, 'clipboard-sanitized-write', 'app://renderer')).toBe(true);

    const device = ses.setDevicePermissionHandler.mock.calls[0]![0] as () => boolean;
    expect(device()).toBe(false);
  });
});
