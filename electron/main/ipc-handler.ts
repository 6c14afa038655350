// SPDX-License-Identifier: Apache-2.0
// The handler behind ipcMain.handle('ciab:invoke'): checks the sender, calls the dispatcher, and
// always answers with an IpcReply. Electron passes only an Error's message across invoke, so a
// thrown error would lose its code and field; nothing here ever throws.
import { ApiError } from '../api/contract.js';
import { toWireError, type Dispatch } from '../api/dispatcher.js';
import type { IpcReply } from './ipc-channels.js';
import { isTrustedSender, type SenderInfo, type TrustedSenders } from './trusted-senders.js';

/** The parts of an IpcMainInvokeEvent the handler reads (structural, so tests need no Electron). */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame?: { readonly url: string; readonly parent: unknown } | null;
}

/** Extracts the sender facts from an invoke event; a vanished frame counts as untrusted. */
export function describeSender(event: InvokeEventLike): SenderInfo {
  let frame: InvokeEventLike['senderFrame'] = null;
  try {
    frame = event.senderFrame ?? null;
  } catch {
    frame = null; // the frame was destroyed while the message was in flight
  }
  return { senderId: event.sender.id, frameUrl: frame?.url ?? null, isMainFrame: frame !== null && frame.parent === null };
}

export interface InvokeHandlerDeps {
  dispatch: Dispatch;
  trusted: Pick<TrustedSenders, 'has'>;
  /** Where refused senders and internal failures are reported; console.warn by default. */
  warn?: (message: string) => void;
}

/** Builds the ipcMain.handle listener for INVOKE_CHANNEL. */
export function createInvokeHandler(deps: InvokeHandlerDeps): (event: InvokeEventLike, method: unknown, params: unknown) => Promise<IpcReply> {
  const warn = deps.warn ?? ((m: string) => console.warn(m));
  return async (event, method, params) => {
    const sender = describeSender(event);
    if (!isTrustedSender(sender, deps.trusted)) {
      warn(`Refused IPC from untrusted sender (webContents ${sender.senderId}, frame ${sender.frameUrl ?? 'gone'})`);
      return { ok: false, error: new ApiError('unauthorized', 'This window may not call the installer backend').toWire() };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: new ApiError('bad-request', 'method must be a string', 'method').toWire() };
    }
    try {
      return { ok: true, result: await deps.dispatch(method, params) };
    } catch (err) {
      const apiError = toWireError(err);
      if (apiError.code === 'internal') warn(`Backend call ${method} failed: ${apiError.message}`);
      return { ok: false, error: apiError.toWire() };
    }
  };
}
