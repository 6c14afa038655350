// SPDX-License-Identifier: Apache-2.0
// The guards every webContents gets: foreign navigation and redirects prevented, <webview>
// refused, window.open denied with https links handed to the system browser.
import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { guardWebContents } from '../../../electron/main/web-contents-guards.js';

type OpenHandler = (details: { url: string }) => { action: string };

/** A WebContents stand-in: events plus setWindowOpenHandler. */
class FakeContents extends EventEmitter {
  openHandler: OpenHandler | null = null;
  setWindowOpenHandler(handler: OpenHandler): void {
    this.openHandler = handler;
  }
}

function setup() {
  const contents = new FakeContents();
  const openExternal = vi.fn(async (_url: string) => undefined);
  const warn = vi.fn();
  guardWebContents(contents as unknown as WebContents, openExternal, warn);
  const navigate = (event: string, url: string) => {
    const details = { url, preventDefault: vi.fn() };
    contents.emit(event, details, url);
    return details.preventDefault;
  };
  return { contents, openExternal, warn, navigate };
}

describe('guardWebContents', () => {
  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])('%s: allows the app origin', (event) => {
    expect(setup().navigate(event, 'app://renderer/index.html')).not.toHaveBeenCalled();
  });

  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])('%s: prevents anything else', (event) => {
    const { navigate } = setup();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/', 'javascript:alert(1)']) {
      expect(navigate(event, url)).toHaveBeenCalledOnce();
    }
  });

  it('prevents <webview> attachment', () => {
    const { contents } = setup();
    const preventDefault = vi.fn();
    contents.emit('will-attach-webview', { preventDefault }, {}, { src: 'https://evil.example/' });
    expect(preventDefault).toHaveBeenCalledOnce();
  });

  it('denies every new window and opens only https links externally', () => {
    const { contents, openExternal } = setup();
    expect(contents.openHandler!({ url: 'https://docs.scs.community/' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://docs.scs.community/');
    for (const url of ['http://example.org/', 'file:///etc/passwd', 'smb://host/share', 'app://renderer/index.html']) {
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal).toHaveBeenCalledOnce();
  });

  it('reports a failing openExternal instead of leaving an unhandled rejection', async () => {
    const contents = new FakeContents();
    const warn = vi.fn();
    guardWebContents(contents as unknown as WebContents, async () => Promise.reject(new Error('no browser')), warn);
    contents.openHandler!({ url: 'https://example.org/' });
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.stringContaining('no browser')));
  });
});
