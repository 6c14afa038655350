// SPDX-License-Identifier: Apache-2.0
// Only the main frame of a window the app created, showing app://renderer, is a trusted sender.
import { describe, expect, it } from 'vitest';
import { isTrustedSender, TrustedSenders } from '../../../electron/main/trusted-senders.js';

describe('TrustedSenders', () => {
  it('tracks ids added and removed', () => {
    const t = new TrustedSenders();
    t.add(3);
    t.add(7);
    expect(t.has(3)).toBe(true);
    expect(t.list().sort()).toEqual([3, 7]);
    t.delete(3);
    expect(t.has(3)).toBe(false);
    expect(t.list()).toEqual([7]);
  });
});

describe('isTrustedSender', () => {
  const trusted = new TrustedSenders();
  trusted.add(1);
  const ok = { senderId: 1, frameUrl: 'app://renderer/index.html', isMainFrame: true };

  it('accepts the main frame of a trusted window on the app origin', () => {
    expect(isTrustedSender(ok, trusted)).toBe(true);
  });

  it.each([
    ['an unknown webContents', { ...ok, senderId: 2 }],
    ['a sub-frame', { ...ok, isMainFrame: false }],
    ['a frame that is gone', { ...ok, frameUrl: null }],
    ['a trusted window that navigated away', { ...ok, frameUrl: 'https://evil.example/' }],
    ['a file:// page', { ...ok, frameUrl: 'file:///tmp/x.html' }],
    ['another app:// host', { ...ok, frameUrl: 'app://other/index.html' }],
    ['about:blank', { ...ok, frameUrl: 'about:blank' }],
  ])('rejects %s', (_what, sender) => {
    expect(isTrustedSender(sender, trusted)).toBe(false);
  });
});
