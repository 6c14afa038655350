// SPDX-License-Identifier: Apache-2.0
// The WebSocket transport's server side: requires the session token and a same-origin page,
// validates every message through the dispatcher, and pushes backend events to each client.
// A malformed message gets a clear error answer; the connection stays open.
import type { IncomingMessage, Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { ApiError, type ApiBackend, type WireMessage } from './contract.js';
import { createDispatcher, toWireError } from './dispatcher.js';

export interface WsServerOptions {
  token: string;
  /** The only page origins allowed to open the socket, e.g. http://127.0.0.1:PORT. */
  allowedOrigins: () => string[];
  path?: string;
  /** Largest accepted message; larger ones close the socket (1009). */
  maxPayload?: number;
}

function tokenMatches(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Attaches the API WebSocket to an HTTP server; returns a function that closes it. */
export function attachWsServer(http: Server, backend: ApiBackend, opts: WsServerOptions): () => Promise<void> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayload ?? 1024 * 1024 });
  const dispatch = createDispatcher(backend);
  const apiPath = opts.path ?? '/api';

  // Without these listeners a reset socket or an oversized frame would crash the process.
  wss.on('error', () => undefined);
  http.on('upgrade', (req: IncomingMessage, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const reject = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${text}\n`);
    };
    if (url.pathname !== apiPath) return reject(404, 'Not Found');
    if (!tokenMatches(url.searchParams.get('token'), opts.token)) return reject(401, 'Unauthorized: wrong or missing session token');
    // Browsers always send Origin: refuse other sites' pages (cross-site WebSocket hijacking).
    const origin = req.headers.origin;
    if (origin !== undefined && !opts.allowedOrigins().includes(origin)) return reject(403, `Forbidden: origin ${origin} is not this installer`);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const send = (msg: WireMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
    };
    // Oversized or invalid frames: ws closes the socket (1009/1007); the backend carries on.
    ws.on('error', () => ws.terminate());
    const unsubscribe = backend.subscribe((name, payload) => send({ kind: 'event', name, payload }));
    ws.on('close', unsubscribe);
    ws.on('message', async (data, isBinary) => {
      let id: number | null = null;
      try {
        if (isBinary) throw new ApiError('bad-request', 'Binary messages are not part of the API; send JSON text', 'message');
        let msg: unknown;
        try {
          msg = JSON.parse(data.toString());
        } catch (err) {
          throw new ApiError('bad-request', `Message is not valid JSON: ${(err as Error).message}`, 'message');
        }
        const m = msg as { kind?: unknown; id?: unknown; method?: unknown; params?: unknown };
        if (typeof m !== 'object' || m === null || Array.isArray(m)) throw new ApiError('bad-request', 'Message must be a JSON object', 'message');
        if (typeof m.id === 'number' && Number.isSafeInteger(m.id)) id = m.id;
        if (m.kind !== 'request') throw new ApiError('bad-request', 'message/kind must be "request"', 'message/kind');
        if (id === null) throw new ApiError('bad-request', 'message/id must be an integer', 'message/id');
        const result = await dispatch(m.method as string, m.params ?? {});
        send({ kind: 'response', id, ok: true, result });
      } catch (err) {
        send({ kind: 'response', id, ok: false, error: toWireError(err).toWire() });
      }
    });
  });

  return () =>
    new Promise<void>((resolve) => {
      for (const c of wss.clients) c.close(1001, 'backend shutting down');
      wss.close(() => resolve());
    });
}
