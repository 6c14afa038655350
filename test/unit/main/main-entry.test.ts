// SPDX-License-Identifier: Apache-2.0
// Runs the real electron/main/index.ts against a fake `electron` module and a fake backend:
// what happens before 'ready', the wiring after it, IPC end to end through the real dispatcher,
// event forwarding, single instance, and the quit that waits for the backend.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiBackend, ApiEventListener } from '../../../electron/api/contract.js';
import type { FakeElectron } from './fake-electron.js';

const state = vi.hoisted(() => ({ electron: null as unknown, backend: null as unknown }));

vi.mock('electron', async () => {
  const { createFakeElectron } = await import('./fake-electron.js');
  state.electron = createFakeElectron();
  return state.electron;
});

vi.mock('../../../electron/backend/create-backend.js', () => ({
  createBackend: vi.fn(async () => state.backend),
}));

type FakeBackend = ApiBackend & { close: ReturnType<typeof vi.fn>; emit: ApiEventListener };

function fakeBackend(): FakeBackend {
  const listeners = new Set<ApiEventListener>();
  const info = { name: 'CiaB Installer', version: '0.1.0', transport: 'electron' as const, dataDir: '/fake/userData', demoTarget: null };
  const notImplemented = async (): Promise<never> => {
    throw new Error('not in this test');
  };
  return {
    handlers: {
      'app.info': async () => info,
      'workflow.get': notImplemented,
      'workflow.send': notImplemented,
      'workflow.resume': notImplemented,
      'workflow.discardResume': notImplemented,
      'hardware.report': notImplemented,
      'connection.reconnect': notImplemented,
      'site.review': notImplemented,
      'secrets.set': notImplemented,
      'deploy.log': notImplemented,
      'terminal.open': notImplemented,
      'terminal.input': notImplemented,
      'terminal.resize': notImplemented,
      'terminal.close': notImplemented,
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: vi.fn(async () => undefined),
    emit: ((event, payload) => {
      for (const l of listeners) l(event, payload);
    }) as ApiEventListener,
  };
}

let electron: FakeElectron;
let backend: FakeBackend;

/** Loads index.ts fresh; returns the fakes it was wired to. */
async function boot(opts: { ready?: boolean; singleInstance?: boolean } = {}): Promise<void> {
  vi.resetModules();
  vi.clearAllMocks();
  // Load the (cached) fake first so it can be reset before index.ts runs against it.
  await import('electron');
  electron = state.electron as FakeElectron;
  electron.reset({ singleInstance: opts.singleInstance ?? true });
  backend = fakeBackend();
  state.backend = backend;
  await import('../../../electron/main/index.js');
  if (opts.ready ?? true) {
    electron.markReady();
    await vi.waitFor(() => expect(electron.BrowserWindow.instances).toHaveLength(1));
  }
}

const invokeHandler = () => electron.ipcMain.handle.mock.calls.find((c) => c[0] === 'ciab:invoke')![1] as (e: unknown, m: unknown, p: unknown) => Promise<unknown>;
const mainWindow = () => electron.BrowserWindow.instances[0]!;

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('main entry: before ready', () => {
  it('registers app:// as privileged, enables the sandbox and takes the single-instance lock', async () => {
    await boot({ ready: false });
    const [schemes] = electron.protocol.registerSchemesAsPrivileged.mock.calls[0]! as [{ scheme: string; privileges: Record<string, boolean> }[]];
    expect(schemes[0]).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true, bypassCSP: false } });
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.BrowserWindow.instances).toHaveLength(0);
  });

  it('quits at once when another instance holds the lock', async () => {
    await boot({ ready: false, singleInstance: false });
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
  });
});

describe('main entry: after ready', () => {
  beforeEach(async () => {
    await boot();
  });

  it('hardens the session, serves app://, creates the backend for Electron with the demo server', async () => {
    const { createBackend } = await import('../../../electron/backend/create-backend.js');
    expect(createBackend).toHaveBeenCalledWith({ dataDir: '/fake/userData', appVersion: '0.1.0', transport: 'electron', demoServer: true });
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
  });

  it('opens one secure window on app://renderer/index.html with the CJS preload', () => {
    const win = mainWindow();
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(win.loadURL).toHaveBeenCalledWith('app://renderer/index.html');
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();
  });

  it('answers IPC from the window through the real dispatcher, and refuses strangers', async () => {
    const win = mainWindow();
    const frame = { url: 'app://renderer/index.html', parent: null };
    await expect(invokeHandler()({ sender: { id: win.webContents.id }, senderFrame: frame }, 'app.info', {})).resolves.toMatchObject({
      ok: true,
      result: { transport: 'electron' },
    });
    await expect(invokeHandler()({ sender: { id: win.webContents.id }, senderFrame: frame }, 'fs.read', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    });
    await expect(invokeHandler()({ sender: { id: 999 }, senderFrame: frame }, 'app.info', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
  });

  it('stops trusting the window once its webContents is destroyed', async () => {
    const win = mainWindow();
    win.webContents.emit('destroyed');
    const reply = await invokeHandler()({ sender: { id: win.webContents.id }, senderFrame: { url: 'app://renderer/index.html', parent: null } }, 'app.info', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('forwards backend events to the window', () => {
    backend.emit('notice', { level: 'info', message: 'demo server ready' });
    expect(mainWindow().webContents.send).toHaveBeenCalledWith('ciab:event', 'notice', { level: 'info', message: 'demo server ready' });
  });

  it('guards every new webContents', async () => {
    const { FakeWebContents } = await import('./fake-electron.js');
    const contents = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    const preventDefault = vi.fn();
    contents.emit('will-navigate', { url: 'https://evil.example/', preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    expect(contents.openHandler!({ url: 'https://docs.scs.community/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://docs.scs.community/');
  });

  it('focuses the existing window on a second launch', () => {
    electron.app.emit('second-instance', {}, [], '/');
    expect(mainWindow().focus).toHaveBeenCalled();
    expect(electron.BrowserWindow.instances).toHaveLength(1);
  });

  it('closes the backend before quitting', async () => {
    const event = { preventDefault: vi.fn() };
    electron.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(backend.close).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
  });
});
