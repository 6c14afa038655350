// SPDX-License-Identifier: Apache-2.0
// Connects the backend to Electron IPC: one invoke channel behind the sender check, and backend
// events forwarded to trusted windows only.
import { ipcMain, webContents } from 'electron';
import type { ApiBackend } from '../api/contract.js';
import { createDispatcher } from '../api/dispatcher.js';
import { createEventForwarder } from './event-forwarder.js';
import { createInvokeHandler } from './ipc-handler.js';
import { INVOKE_CHANNEL } from './ipc-channels.js';
import type { TrustedSenders } from './trusted-senders.js';

/** Registers the backend on ipcMain; returns a function that removes the registration again. */
export function registerIpc(backend: ApiBackend, trusted: TrustedSenders): () => void {
  ipcMain.handle(INVOKE_CHANNEL, createInvokeHandler({ dispatch: createDispatcher(backend), trusted }));
  const unsubscribe = backend.subscribe(createEventForwarder(trusted, (id) => webContents.fromId(id)));
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    unsubscribe();
  };
}
