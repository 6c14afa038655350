// SPDX-License-Identifier: Apache-2.0
// The global the preload exposes, for renderer code to include. In the browser (web mode) it is
// absent and the renderer uses the WebSocket client instead. Over the bridge, invoke rejects
// with a plain { name: 'ApiCallError', code, message, field? } object (see preload/bridge.ts).
import type { ApiClient } from '../api/contract.js';

declare global {
  interface Window {
    ciab?: ApiClient;
  }
}

export {};
