// SPDX-License-Identifier: Apache-2.0
// Electron main entry (bundled to out/main/index.js): one instance, a hardened session, the
// renderer served from app://, the backend on IPC, the app menu, and a quit that waits for the
// backend to close. Everything with logic lives in the small modules imported below.
import { app, BrowserWindow, dialog, Menu, session, shell } from 'electron';
import { createBackend } from '../backend/create-backend.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { resolveBuildPaths } from './build-paths.js';
import { registerIpc } from './ipc-registration.js';
import { aboutText, buildMenuTemplate } from './menu-template.js';
import { createQuitGuard } from './quit-guard.js';
import { createMainWindow, focusWindow } from './secure-window.js';
import { hardenSession } from './session-hardening.js';
import { TrustedSenders } from './trusted-senders.js';
import { guardWebContents } from './web-contents-guards.js';

type Backend = Awaited<ReturnType<typeof createBackend>>;

const paths = resolveBuildPaths(import.meta.url);
const trusted = new TrustedSenders();
let mainWindow: BrowserWindow | null = null;
let backend: Backend | null = null;

// These two only take effect before 'ready', so they run at module load, before any await.
registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Another installer already runs; it receives 'second-instance' and comes to the front.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow && !mainWindow.isDestroyed()) focusWindow(mainWindow);
    else if (backend) openMainWindow();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, (url) => shell.openExternal(url)));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (backend && BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
  app.on('will-quit', createQuitGuard(async () => backend?.close(), () => app.quit()));
  app.whenReady().then(start).catch(failStartup);
}

/** Brings up the backend, IPC, menu and the main window once Electron is ready. */
async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  serveRenderer(paths.rendererDir);
  backend = await createBackend({ dataDir: app.getPath('userData'), appVersion: app.getVersion(), transport: 'electron', demoServer: true });
  registerIpc(backend, trusted);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(buildMenuTemplate({ appName: app.name, isPackaged: app.isPackaged, platform: process.platform, onAbout: showAbout })),
  );
  openMainWindow();
}

/** Opens the main window and forgets it when it closes. */
function openMainWindow(): void {
  const win = createMainWindow(paths.preloadPath, trusted);
  mainWindow = win;
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
}

/** Shows the About dialog with the versions support staff ask for. */
function showAbout(): void {
  const { message, detail } = aboutText(app.name, app.getVersion(), process.versions);
  const options = { type: 'info' as const, title: `About ${app.name}`, message, detail, buttons: ['OK'] };
  const shown = mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options);
  shown.catch(() => undefined);
}

/** Start-up failed (e.g. the data dir is unwritable): say so in a dialog, then quit. */
function failStartup(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`CiaB Installer could not start: ${message}`);
  dialog.showErrorBox('CiaB Installer could not start', message);
  const closing = backend ? backend.close() : Promise.resolve();
  closing.catch(() => undefined).finally(() => app.exit(1));
}
