// SPDX-License-Identifier: Apache-2.0
// The two IPC channels between preload and main, and the reply envelope. Shared by both sides
// (the preload bundle inlines this file); no Electron import.
import type { WireError } from '../api/contract.js';

/** Renderer → main: ('ciab:invoke', method, params) answered with an IpcReply. */
export const INVOKE_CHANNEL = 'ciab:invoke';

/** Main → renderer: ('ciab:event', name, payload) for every backend event. */
export const EVENT_CHANNEL = 'ciab:event';

/** What the invoke handler returns; errors travel as data because IPC mangles thrown errors. */
export type IpcReply = { ok: true; result: unknown } | { ok: false; error: WireError };
