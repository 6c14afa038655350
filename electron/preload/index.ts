// SPDX-License-Identifier: Apache-2.0
// The sandboxed preload (bundled to CommonJS at out/preload/index.cjs): exposes window.ciab and
// nothing else. ipcRenderer itself is never handed to the page (checklist item 20).
import { contextBridge, ipcRenderer } from 'electron';
import { createBridgeApi } from './bridge.js';

contextBridge.exposeInMainWorld('ciab', createBridgeApi(ipcRenderer));
