// SPDX-License-Identifier: Apache-2.0
// Web mode: the built renderer plus the WebSocket backend on 127.0.0.1, one random token per
// run. Used by `ciab serve`, `npm start` when Electron cannot start, and the e2e tests.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiBackend } from '../../api/contract.js';
import { attachWsServer } from '../../api/ws-server.js';
import { staticHandler } from './static-files.js';

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Starts the web-mode server for `backend`, serving the renderer files in `rendererDir`. */
export async function startWebServer(backend: ApiBackend, opts: { rendererDir: string; port?: number; token?: string }): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const serveFile = staticHandler(opts.rendererDir);
  const http = createServer((req, res) => {
    serveFile(req, res).catch(() => res.writeHead(500).end());
  });
  let port = 0;
  const closeWs = attachWsServer(http, backend, {
    token,
    allowedOrigins: () => [`http://127.0.0.1:${port}`, `http://localhost:${port}`],
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (http.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    async close() {
      await closeWs();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
