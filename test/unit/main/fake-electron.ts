// SPDX-License-Identifier: Apache-2.0
// A hand-written stand-in for the parts of the `electron` module the main process uses, so the
// real index.ts wiring runs in plain Node (Fiddle's tests/mocks approach). Only what we call.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

let nextWebContentsId = 1;

/** A fake webContents: events, setWindowOpenHandler, send. */
export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  destroyed = false;
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  readonly send = vi.fn();
  setWindowOpenHandler(handler: (d: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

/**
 * Builds a fake `electron` module. vi.mock caches the module across vi.resetModules(), so the
 * fake is reset in place (reset()) rather than rebuilt, keeping the identities index.ts imported.
 */
export function createFakeElectron() {
  const all = new Map<number, FakeWebContents>();
  const current = { singleInstance: true, markReady: () => undefined as void, ready: Promise.resolve() };

  class BrowserWindow extends EventEmitter {
    static readonly instances: BrowserWindow[] = [];
    static getAllWindows = () => BrowserWindow.instances.filter((w) => !w.destroyed);
    readonly webContents = new FakeWebContents();
    destroyed = false;
    readonly loadURL = vi.fn(async (_url: string) => undefined);
    readonly show = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    constructor(readonly options: Record<string, unknown>) {
      super();
      all.set(this.webContents.id, this.webContents);
      BrowserWindow.instances.push(this);
    }
    isMinimized = () => false;
    isVisible = () => true;
    isDestroyed = () => this.destroyed;
  }

  const app = Object.assign(new EventEmitter(), {
    name: 'CiaB Installer',
    isPackaged: false,
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => current.singleInstance),
    whenReady: vi.fn(() => current.ready),
    getPath: vi.fn((name: string) => `/fake/${name}`),
    getVersion: vi.fn(() => '0.1.0'),
    quit: vi.fn(),
    exit: vi.fn(),
  });

  /** Test handle: back to a not-yet-ready app with no windows and no listeners. */
  const reset = (opts: { singleInstance?: boolean } = {}): void => {
    current.singleInstance = opts.singleInstance ?? true;
    current.ready = new Promise<void>((resolve) => (current.markReady = resolve));
    BrowserWindow.instances.length = 0;
    all.clear();
    app.removeAllListeners();
  };
  reset();

  return {
    reset,
    /** Test handle: fire Electron's 'ready'. */
    markReady: () => current.markReady(),
    app,
    BrowserWindow,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() } },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    webContents: { fromId: vi.fn((id: number) => all.get(id)) },
    Menu: { buildFromTemplate: vi.fn((t: unknown) => ({ template: t })), setApplicationMenu: vi.fn() },
    dialog: { showMessageBox: vi.fn(async () => ({ response: 0 })), showErrorBox: vi.fn() },
    shell: { openExternal: vi.fn(async () => undefined) },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
