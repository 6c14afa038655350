// SPDX-License-Identifier: Apache-2.0
// The application menu (dev tools only when unpackaged, About shows the version) and the quit
// guard that waits for the backend to close.
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { aboutText, buildMenuTemplate } from '../../../electron/main/menu-template.js';
import { createQuitGuard } from '../../../electron/main/quit-guard.js';

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((i) => [...(i.role ? [i.role] : []), ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]);
const labels = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((i) => [...(i.label ? [i.label] : []), ...(Array.isArray(i.submenu) ? labels(i.submenu) : [])]);

describe('buildMenuTemplate', () => {
  const base = { appName: 'CiaB Installer', platform: 'linux' as const, onAbout: () => undefined };

  it('has File (Quit), View (reload, zoom) and Help (About)', () => {
    const menu = buildMenuTemplate({ ...base, isPackaged: true });
    expect(labels(menu)).toEqual(expect.arrayContaining(['&File', '&View', '&Help', 'About CiaB Installer']));
    expect(roles(menu)).toEqual(expect.arrayContaining(['quit', 'reload', 'zoomIn', 'zoomOut', 'resetZoom']));
  });

  it('offers dev tools only in unpackaged builds', () => {
    expect(roles(buildMenuTemplate({ ...base, isPackaged: true }))).not.toContain('toggleDevTools');
    expect(roles(buildMenuTemplate({ ...base, isPackaged: false }))).toContain('toggleDevTools');
  });

  it('About calls back', () => {
    const onAbout = vi.fn();
    const menu = buildMenuTemplate({ ...base, isPackaged: true, onAbout });
    const help = menu.find((m) => m.label === '&Help')!;
    const about = (help.submenu as MenuItemConstructorOptions[])[0]!;
    (about.click as () => void)();
    expect(onAbout).toHaveBeenCalledOnce();
  });

  it('puts the app menu first on macOS', () => {
    const menu = buildMenuTemplate({ ...base, platform: 'darwin', isPackaged: true });
    expect(menu[0]!.label).toBe('CiaB Installer');
    expect(roles([menu[0]!])).toContain('quit');
  });
});

describe('aboutText', () => {
  it('names the version and the runtime', () => {
    const { message, detail } = aboutText('CiaB Installer', '0.1.0', { electron: '39.8.10', chrome: '142.0', node: '22.20.0' });
    expect(message).toBe('CiaB Installer 0.1.0');
    expect(detail).toContain('Electron 39.8.10');
    expect(detail).toContain('Node 22.20.0');
  });
});

describe('createQuitGuard', () => {
  it('defers the first quit until the backend closed, then quits once', async () => {
    let finish!: () => void;
    const close = vi.fn(() => new Promise<void>((r) => (finish = r)));
    const quit = vi.fn();
    const guard = createQuitGuard(close, quit);
    const first = { preventDefault: vi.fn() };
    guard(first);
    guard({ preventDefault: vi.fn() }); // a second Cmd+Q while closing
    expect(first.preventDefault).toHaveBeenCalled();
    expect(close).toHaveBeenCalledOnce();
    expect(quit).not.toHaveBeenCalled();
    finish();
    await vi.waitFor(() => expect(quit).toHaveBeenCalledOnce());
    const last = { preventDefault: vi.fn() };
    guard(last); // the quit() re-entering 'will-quit' passes through
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('still quits when closing fails', async () => {
    const quit = vi.fn();
    const warn = vi.fn();
    createQuitGuard(() => Promise.reject(new Error('journal locked')), quit, warn)({ preventDefault: () => undefined });
    await vi.waitFor(() => expect(quit).toHaveBeenCalledOnce());
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('journal locked'));
  });
});
