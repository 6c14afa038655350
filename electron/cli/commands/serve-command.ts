// SPDX-License-Identifier: Apache-2.0
// `ciab serve`: web mode. The renderer and the WebSocket backend on 127.0.0.1, with the
// embedded demo server, until interrupted.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createBackend } from '../../backend/create-backend.js';
import type { SimHardwareId } from '../../backend/sim/sim-server.js';
import type { SimDeployOptions } from '../../backend/sim/sim-step-runs.js';
import { appVersion, defaultDataDir, rendererDir } from '../../backend/app-paths.js';
import { startWebServer } from '../../backend/web/web-server.js';
import { EXIT, type Output } from '../cli-output.js';
import { openBrowser } from '../open-browser.js';

export interface ServeOptions {
  port: number;
  dataDir?: string;
  open: boolean;
  demoServer: boolean;
  demoHardware?: SimHardwareId;
  /** How the demo server runs deploy steps (speed, scripted faults). */
  demoDeploy?: SimDeployOptions;
}

/** Runs web mode until SIGINT/SIGTERM; resolves with the exit code. */
export async function serveCommand(opts: ServeOptions, out: Output): Promise<number> {
  const started = performance.now();
  const renderer = rendererDir();
  if (!existsSync(path.join(renderer, 'index.html'))) {
    out.error(`the renderer is not built (${renderer}/index.html is missing)`, 'run `npm run build` (npm start and npm test do it for you)');
    return EXIT.failed;
  }
  const dataDir = opts.dataDir ?? defaultDataDir();
  let backend;
  try {
    backend = await createBackend({ dataDir, appVersion: appVersion(), transport: 'websocket', demoServer: opts.demoServer, ...(opts.demoHardware ? { demoHardware: opts.demoHardware } : {}), ...(opts.demoDeploy ? { demoDeploy: opts.demoDeploy } : {}) });
  } catch (err) {
    out.error(`cannot start the backend: ${(err as Error).message}`);
    return EXIT.failed;
  }
  let server;
  try {
    server = await startWebServer(backend, { rendererDir: renderer, port: opts.port });
  } catch (err) {
    await backend.close();
    const e = err as NodeJS.ErrnoException;
    out.error(`cannot listen on 127.0.0.1:${opts.port}: ${e.code ?? e.message}`, e.code === 'EADDRINUSE' ? 'pick another port with --port N, or --port 0 for a free one' : undefined);
    return EXIT.failed;
  }
  const readyMs = Math.round(performance.now() - started);
  out.record({ event: 'listening', url: server.url, port: server.port, dataDir, readyMs, demoTarget: backend.info.demoTarget });
  out.info(`${out.bold('CiaB Installer')} ${appVersion()} — web mode`);
  out.info(`  Open ${out.bold(server.url)}`);
  out.info(out.dim(`  Data: ${dataDir}`));
  if (backend.info.demoTarget) out.info(out.dim(`  Demo server (simulated, nothing is installed): ${backend.info.demoTarget.username}@127.0.0.1:${backend.info.demoTarget.port}`));
  out.info(out.dim('  Press Ctrl+C to stop.'));
  if (opts.open && !(await openBrowser(server.url))) out.info(out.dim('  (No desktop browser found here: open the URL above in a browser on this machine.)'));

  return new Promise((resolve) => {
    let stopping = false;
    // process.on, not once: a second Ctrl+C while closing must not kill the journal's last flush.
    const stop = (signal: 'SIGINT' | 'SIGTERM') => {
      if (stopping) return;
      stopping = true;
      out.info(out.dim(`\n${signal === 'SIGINT' ? 'Interrupted' : 'Terminated'}: stopping; an unfinished install can be resumed at the next start.`));
      void server
        .close()
        .then(() => backend.close())
        .then(() => resolve(signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated));
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
}
