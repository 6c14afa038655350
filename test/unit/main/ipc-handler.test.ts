// SPDX-License-Identifier: Apache-2.0
// The ipcMain.handle listener: untrusted senders are refused before the backend sees anything,
// and every outcome is an { ok, result | error } reply, never a thrown error.
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../electron/api/contract.js';
import { createEventForwarder } from '../../../electron/main/event-forwarder.js';
import { EVENT_CHANNEL } from '../../../electron/main/ipc-channels.js';
import { createInvokeHandler, describeSender, type InvokeEventLike } from '../../../electron/main/ipc-handler.js';
import { TrustedSenders } from '../../../electron/main/trusted-senders.js';

const APP_URL = 'app://renderer/index.html';
const event = (id: number, url: string | null = APP_URL, parent: unknown = null): InvokeEventLike => ({
  sender: { id },
  senderFrame: url === null ? null : { url, parent },
});

function setup(dispatch = vi.fn(async (_m: string, _p: unknown): Promise<unknown> => ({ echo: true }))) {
  const trusted = new TrustedSenders();
  trusted.add(1);
  const warn = vi.fn();
  return { dispatch, warn, trusted, handle: createInvokeHandler({ dispatch, trusted, warn }) };
}

describe('describeSender', () => {
  it('reads id, url and main-frame-ness', () => {
    expect(describeSender(event(4))).toEqual({ senderId: 4, frameUrl: APP_URL, isMainFrame: true });
    expect(describeSender(event(4, APP_URL, { url: APP_URL }))).toMatchObject({ isMainFrame: false });
  });

  it('treats a missing or throwing senderFrame as no frame', () => {
    expect(describeSender(event(4, null))).toEqual({ senderId: 4, frameUrl: null, isMainFrame: false });
    const throwing = {
      sender: { id: 4 },
      get senderFrame(): never {
        throw new Error('Render frame was disposed');
      },
    };
    expect(describeSender(throwing)).toEqual({ senderId: 4, frameUrl: null, isMainFrame: false });
  });
});

describe('createInvokeHandler', () => {
  it('dispatches trusted calls and wraps the result', async () => {
    const { handle, dispatch } = setup();
    await expect(handle(event(1), 'app.info', {})).resolves.toEqual({ ok: true, result: { echo: true } });
    expect(dispatch).toHaveBeenCalledWith('app.info', {});
  });

  it.each([
    ['an unknown webContents', event(99)],
    ['a sub-frame of a trusted window', event(1, APP_URL, { url: APP_URL })],
    ['a trusted window showing a foreign page', event(1, 'https://evil.example/')],
    ['a destroyed frame', event(1, null)],
  ])('refuses %s without calling the backend', async (_what, ev) => {
    const { handle, dispatch, warn } = setup();
    const reply = await handle(ev, 'app.info', {});
    expect(reply).toEqual({ ok: false, error: { code: 'unauthorized', message: expect.any(String) } });
    expect(dispatch).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledOnce();
  });

  it('turns an ApiError into a wire error with code and field', async () => {
    const { handle } = setup(
      vi.fn(async () => {
        throw new ApiError('bad-request', 'port must be an integer', 'params.target.port');
      }),
    );
    await expect(handle(event(1), 'workflow.send', { event: {} })).resolves.toEqual({
      ok: false,
      error: { code: 'bad-request', message: 'port must be an integer', field: 'params.target.port' },
    });
  });

  it('turns any other error into an internal error without a stack', async () => {
    const { handle, warn } = setup(
      vi.fn(async () => {
        throw new TypeError('boom');
      }),
    );
    const reply = await handle(event(1), 'app.info', {});
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
    expect(JSON.stringify(reply)).not.toContain('at ');
    expect(warn).toHaveBeenCalledOnce();
  });

  it('rejects a non-string method as a bad request', async () => {
    const { handle, dispatch } = setup();
    const reply = await handle(event(1), { toString: () => 'app.info' }, {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'method' } });
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('createEventForwarder', () => {
  it('sends events to trusted, living webContents only', () => {
    const trusted = new TrustedSenders();
    trusted.add(1);
    trusted.add(2);
    const live = { isDestroyed: () => false, send: vi.fn() };
    const dead = { isDestroyed: () => true, send: vi.fn() };
    const untrusted = { isDestroyed: () => false, send: vi.fn() };
    const all = new Map([
      [1, live],
      [2, dead],
      [3, untrusted],
    ]);
    const forward = createEventForwarder(trusted, (id) => all.get(id));
    forward('notice', { level: 'info', message: 'hi' });
    expect(live.send).toHaveBeenCalledWith(EVENT_CHANNEL, 'notice', { level: 'info', message: 'hi' });
    expect(dead.send).not.toHaveBeenCalled();
    expect(untrusted.send).not.toHaveBeenCalled();
  });

  it('keeps going when one window throws', () => {
    const trusted = new TrustedSenders();
    trusted.add(1);
    trusted.add(2);
    const bad = {
      isDestroyed: () => false,
      send: vi.fn(() => {
        throw new Error('Object has been destroyed');
      }),
    };
    const good = { isDestroyed: () => false, send: vi.fn() };
    const warn = vi.fn();
    const forward = createEventForwarder(trusted, (id) => (id === 1 ? bad : good), warn);
    expect(() => forward('notice', { level: 'warn', message: 'x' })).not.toThrow();
    expect(good.send).toHaveBeenCalledOnce();
    expect(warn).toHaveBeenCalledOnce();
  });
});
