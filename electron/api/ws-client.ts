// SPDX-License-Identifier: Apache-2.0
// The WebSocket transport's client side: the same ApiClient the Electron preload offers, for
// web mode and e2e tests. Browser-safe (uses the global WebSocket only).
import type { ApiClient, ApiEventName, ApiEvents, ApiMethod, ApiParams, ApiResult, WireMessage } from './contract.js';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/** Error thrown to callers when the backend answers a request with an error. */
export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

export interface WsClient extends ApiClient {
  /** Resolves when the socket is open. */
  ready: Promise<void>;
  close(): void;
  /** Called with a human message when the connection drops. */
  onClose(listener: (reason: string) => void): () => void;
}

/** Opens a WebSocket to the backend at `url` (ws://127.0.0.1:PORT/api) with the session token. */
export function createWsClient(url: string, token: string, WebSocketImpl: typeof WebSocket = WebSocket): WsClient {
  const socket = new WebSocketImpl(`${url}?token=${encodeURIComponent(token)}`);
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const closeListeners = new Set<(reason: string) => void>();
  let nextId = 1;

  const ready = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('error', () => reject(new Error(`Cannot reach the installer backend at ${url}`)));
  });

  socket.addEventListener('message', (ev: MessageEvent) => {
    let msg: WireMessage;
    try {
      msg = JSON.parse(String(ev.data)) as WireMessage;
    } catch {
      return; // the backend only sends JSON; ignore anything else rather than crash the UI
    }
    if (msg.kind === 'event') {
      for (const l of listeners.get(msg.name) ?? []) l(msg.payload);
      return;
    }
    if (msg.id === null) return;
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new ApiCallError(msg.error.code, msg.error.message, msg.error.field));
  });

  socket.addEventListener('close', (ev: CloseEvent) => {
    const reason = ev.reason || `connection closed (code ${ev.code})`;
    for (const p of pending.values()) p.reject(new Error(`Backend connection lost: ${reason}`));
    pending.clear();
    for (const l of closeListeners) l(reason);
  });

  return {
    ready,
    async invoke<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>> {
      await ready;
      if (socket.readyState !== socket.OPEN) throw new Error('Backend connection lost: the installer backend is not reachable');
      const id = nextId++;
      return new Promise<ApiResult<M>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        socket.send(JSON.stringify({ kind: 'request', id, method, params }));
      });
    },
    on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close() {
      socket.close(1000, 'client closed');
    },
  };
}
