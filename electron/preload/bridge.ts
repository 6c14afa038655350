// SPDX-License-Identifier: Apache-2.0
// The object the preload exposes as window.ciab: the ApiClient contract over two IPC channels,
// whitelisted against the contract, with no Electron object ever reachable from the page.
import { API_EVENTS, API_METHODS, type ApiClient, type ApiErrorCode } from '../api/contract.js';
import { EVENT_CHANNEL, INVOKE_CHANNEL, type IpcReply } from '../main/ipc-channels.js';

/** The parts of ipcRenderer the bridge uses (structural, so tests pass a fake). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * What window.ciab.invoke rejects with. A plain object, not an Error: contextBridge copies only
 * the message of an Error into the page and drops `code` and `field` (electron/electron#25596),
 * while plain objects cross with every property. Same fields as the WebSocket client's
 * ApiCallError, so the renderer can treat both alike; `toString` (proxied by the bridge like any
 * function) gives the message, so `String(err)` reads well in the UI.
 */
export interface BridgeError {
  name: 'ApiCallError';
  code: ApiErrorCode;
  message: string;
  field?: string;
  toString(): string;
}

const METHODS = new Set<string>(API_METHODS);
const EVENTS = new Set<string>(API_EVENTS);

/** Builds a BridgeError; `field` is left out when there is none, so the object stays minimal. */
export function bridgeError(code: ApiErrorCode, message: string, field?: string): BridgeError {
  const toString = (): string => message;
  return field === undefined ? { name: 'ApiCallError', code, message, toString } : { name: 'ApiCallError', code, message, field, toString };
}

function isReply(value: unknown): value is IpcReply {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: unknown };
  return v.ok === true || (v.ok === false && typeof v.error === 'object' && v.error !== null);
}

/** Creates the window.ciab object on top of ipcRenderer. */
export function createBridgeApi(ipc: IpcRendererLike): ApiClient {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let subscribed = false;

  // One ipcRenderer listener for all events; the IPC event object never reaches page code.
  const onIpcEvent = (_ipcEvent: unknown, name: unknown, payload: unknown): void => {
    if (typeof name !== 'string' || !EVENTS.has(name)) return;
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (err) {
        // A throwing listener must not starve the others of the event.
        console.error(`window.ciab listener for ${name} threw`, err);
      }
    }
  };

  const unsubscribeIfIdle = (): void => {
    if (subscribed && [...listeners.values()].every((s) => s.size === 0)) {
      ipc.removeListener(EVENT_CHANNEL, onIpcEvent as (event: unknown, ...args: unknown[]) => void);
      subscribed = false;
    }
  };

  // A plain object literal: contextBridge drops prototypes, so methods must be own properties.
  const api = {
    async invoke(method: string, params: unknown): Promise<unknown> {
      if (typeof method !== 'string' || !METHODS.has(method)) {
        throw bridgeError('unknown-method', `Unknown API method: ${String(method)}`, 'method');
      }
      let reply: unknown;
      try {
        reply = await ipc.invoke(INVOKE_CHANNEL, method, params);
      } catch (err) {
        // ipcRenderer.invoke rejects only on transport failure (no handler, params not cloneable).
        throw bridgeError('internal', err instanceof Error ? err.message : String(err));
      }
      if (!isReply(reply)) throw bridgeError('internal', 'Malformed reply from the main process');
      if (reply.ok) return reply.result;
      throw bridgeError(reply.error.code, reply.error.message, reply.error.field);
    },
    on(event: string, listener: (payload: unknown) => void): () => void {
      if (typeof event !== 'string' || !EVENTS.has(event)) throw new Error(`Unknown API event: ${String(event)}`);
      if (typeof listener !== 'function') throw new Error('window.ciab.on needs a listener function');
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      if (!subscribed) {
        ipc.on(EVENT_CHANNEL, onIpcEvent as (event: unknown, ...args: unknown[]) => void);
        subscribed = true;
      }
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        set.delete(listener);
        unsubscribeIfIdle();
      };
    },
  };
  // The contract's generic signatures are satisfied at runtime by the whitelist checks above.
  return api as unknown as ApiClient;
}
