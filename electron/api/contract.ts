// SPDX-License-Identifier: Apache-2.0
// The one typed API contract between any front door (Electron IPC, WebSocket, in-memory) and
// the backend. Payload types are generated from schemas/api.schema.json.
import type { ApiEvents, ApiRequests } from './generated/api-types.js';

export type * from './generated/api-types.js';

export type ApiMethod = keyof ApiRequests;
export type ApiParams<M extends ApiMethod> = ApiRequests[M]['params'];
export type ApiResult<M extends ApiMethod> = ApiRequests[M]['result'];
export type ApiEventName = keyof ApiEvents;

/** What every transport's client side offers the renderer (window.api or the WebSocket client). */
export interface ApiClient {
  invoke<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

/** The backend's implementation of every request. */
export type ApiHandlers = { [M in ApiMethod]: (params: ApiParams<M>) => Promise<ApiResult<M>> };

/** A listener for every event the backend emits. */
export type ApiEventListener = <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void;

/** The backend as transports see it: handlers plus an event stream. */
export interface ApiBackend {
  handlers: ApiHandlers;
  subscribe(listener: ApiEventListener): () => void;
}

/** Wire messages shared by the WebSocket and IPC transports. */
export type WireRequest = { kind: 'request'; id: number; method: string; params: unknown };
export type WireError = { code: ApiErrorCode; message: string; field?: string };
export type WireResponse =
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number | null; ok: false; error: WireError };
export type WireEvent = { kind: 'event'; name: ApiEventName; payload: unknown };
export type WireMessage = WireResponse | WireEvent;

export type ApiErrorCode = 'bad-request' | 'unknown-method' | 'unauthorized' | 'rejected' | 'internal';

/** The error every transport hands back to callers, carrying a code and the offending field. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The wire form of this error. */
  toWire(): WireError {
    return this.field === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, field: this.field };
  }
}

/** The methods in contract order; used by transports to whitelist channels. */
export const API_METHODS: readonly ApiMethod[] = [
  'app.info',
  'workflow.get',
  'workflow.send',
  'workflow.resume',
  'workflow.discardResume',
  'secrets.set',
  'hardware.report',
  'connection.reconnect',
  'site.review',
  'deploy.log',
  'terminal.open',
  'terminal.input',
  'terminal.resize',
  'terminal.close',
];

/** The event names in contract order. */
export const API_EVENTS: readonly ApiEventName[] = ['workflow.view', 'log', 'notice', 'deploy.output', 'terminal.output'];
