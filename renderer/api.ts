// SPDX-License-Identifier: Apache-2.0
// Picks the transport to the backend: the Electron preload's `window.ciab` when present, else a
// WebSocket to the `ciab serve` process that served this page. Either way the app gets one stable
// ApiClient plus a connection status it can show; the WebSocket side reconnects by itself.
import { API_EVENTS, type ApiClient, type ApiEventName, type ApiEvents, type ApiMethod, type ApiParams, type ApiResult } from '../electron/api/contract.js';
import { ApiCallError, createWsClient, type WsClient } from '../electron/api/ws-client.js';
import { retryDelayMs, socketUrl, tokenFromHash, type ConnectionProblem } from './lib/connection.js';

declare global {
  interface Window {
    ciab?: ApiClient;
  }
}

/** Where the page stands with the backend. */
export type Connection =
  | { status: 'connecting'; attempt: number }
  | { status: 'connected'; reconnectedAfterMs: number | null }
  /** `attempt` is the number of the next attempt; `nextRetryAt` is null when retrying cannot help. */
  | { status: 'offline'; problem: ConnectionProblem; attempt: number; nextRetryAt: number | null; since: number };

/** The backend as the app sees it: a client that survives reconnects, and its connection status. */
export interface Backend {
  client: ApiClient;
  transport: 'electron' | 'websocket';
  connection(): Connection;
  onConnection(listener: (c: Connection) => void): () => void;
  /** Skip the wait and try to reconnect now. */
  retryNow(): void;
}

// The contract's one list: a new event reaches the screens without a second list to forget.
const API_EVENT_NAMES: readonly ApiEventName[] = API_EVENTS;

/** Connects to the backend this page belongs to. */
export function connectBackend(): Backend {
  const preload = window.ciab;
  if (preload) {
    const connected: Connection = { status: 'connected', reconnectedAfterMs: null };
    // contextBridge turns thrown Errors into plain objects; rebuild the same error class the
    // WebSocket client throws, so the UI handles both transports alike.
    const client: ApiClient = {
      invoke: (method, params) =>
        preload.invoke(method, params).catch((e: unknown) => {
          const o = (e ?? {}) as { code?: unknown; message?: unknown; field?: unknown };
          throw new ApiCallError(typeof o.code === 'string' ? o.code : 'internal', typeof o.message === 'string' ? o.message : String(e), typeof o.field === 'string' ? o.field : undefined);
        }),
      on: (event, listener) => preload.on(event, listener),
    };
    return { client, transport: 'electron', connection: () => connected, onConnection: () => () => {}, retryNow: () => {} };
  }
  return connectWebSocket();
}

function connectWebSocket(): Backend {
  const listeners = new Map<ApiEventName, Set<(payload: never) => void>>();
  const statusListeners = new Set<(c: Connection) => void>();
  let current: WsClient | null = null;
  let state: Connection = { status: 'connecting', attempt: 1 };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let lostAt: number | null = null;
  let everConnected = false;

  const setState = (next: Connection): void => {
    state = next;
    for (const l of statusListeners) l(next);
  };

  const token = tokenFromHash(window.location.hash);
  const url = socketUrl(window.location);

  const scheduleRetry = (problem: ConnectionProblem): void => {
    const delay = retryDelayMs(Math.max(1, attempt));
    lostAt ??= Date.now();
    setState({ status: 'offline', problem, attempt: attempt + 1, nextRetryAt: Date.now() + delay, since: lostAt });
    timer = setTimeout(open, delay);
  };

  // After a failed attempt, tells "nothing answers" from "a server answers but refused the
  // socket" — what a restarted `ciab serve` with a new token on the same port looks like.
  const diagnose = async (): Promise<ConnectionProblem> => {
    try {
      await fetch(`${window.location.origin}/`, { method: 'GET', cache: 'no-store' });
      return 'refused';
    } catch {
      // Nothing listens on that port: the backend is not running.
    }
    return everConnected ? 'dropped' : 'unreachable';
  };

  function open(): void {
    timer = null;
    if (token === null) {
      setState({ status: 'offline', problem: 'no-token', attempt: 0, nextRetryAt: null, since: Date.now() });
      return;
    }
    attempt++;
    if (state.status !== 'offline') setState({ status: 'connecting', attempt });
    const client = createWsClient(url, token);
    current = client;
    for (const name of API_EVENT_NAMES) {
      client.on(name, (payload) => {
        for (const l of listeners.get(name) ?? []) (l as (p: typeof payload) => void)(payload);
      });
    }
    let opened = false;
    client.ready.then(
      () => {
        opened = true;
        const away = lostAt === null ? null : Date.now() - lostAt;
        attempt = 0;
        lostAt = null;
        everConnected = true;
        setState({ status: 'connected', reconnectedAfterMs: away });
      },
      () => {
        // The close handler below schedules the retry; an error is always followed by a close.
      },
    );
    client.onClose(() => {
      if (current !== client) return;
      current = null;
      if (opened) scheduleRetry('dropped');
      else void diagnose().then(scheduleRetry);
    });
  }

  const client: ApiClient = {
    invoke<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>> {
      if (current === null || state.status !== 'connected') {
        return Promise.reject(new Error('Not connected to the installer backend; retrying.'));
      }
      return current.invoke(method, params);
    },
    on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const l = listener as (payload: never) => void;
      set.add(l);
      return () => set.delete(l);
    },
  };

  open();
  return {
    client,
    transport: 'websocket',
    connection: () => state,
    onConnection(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    retryNow() {
      if (timer === null) return;
      clearTimeout(timer);
      open();
    },
  };
}
