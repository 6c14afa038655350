// SPDX-License-Identifier: Apache-2.0
// An in-process transport for unit tests: the same validation as IPC and WebSocket, no wire.
import type { ApiBackend, ApiClient, ApiEventName, ApiEvents } from './contract.js';
import { createDispatcher } from './dispatcher.js';

/** Connects an ApiClient straight to a backend, through the validating dispatcher. */
export function createMemoryClient(backend: ApiBackend): ApiClient & { close(): void } {
  const dispatch = createDispatcher(backend);
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const unsubscribe = backend.subscribe((event, payload) => {
    // Clone like a real transport would, so tests cannot share mutable objects with the backend.
    for (const l of listeners.get(event) ?? []) l(structuredClone(payload));
  });
  return {
    invoke: async (method, params) => structuredClone(await dispatch(method, structuredClone(params))) as never,
    on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const l = listener as (p: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    close: unsubscribe,
  };
}
