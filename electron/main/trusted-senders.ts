// SPDX-License-Identifier: Apache-2.0
// Which webContents may talk to the backend: only windows the app created itself, and only from
// their main frame on the app's own origin (Electron checklist item 17; GitHub Desktop keeps the
// same Set of trusted webContents ids in trusted-ipc-sender.ts).
import { isAppUrl } from './app-origin.js';

/** What the IPC layer knows about a message's sender, as plain data. */
export interface SenderInfo {
  senderId: number;
  /** URL of the sending frame; null when the frame is gone or unknown. */
  frameUrl: string | null;
  isMainFrame: boolean;
}

/** The ids of the webContents the app created; entries are removed when they are destroyed. */
export class TrustedSenders {
  private readonly ids = new Set<number>();

  /** Trusts a webContents the app just created. */
  add(id: number): void {
    this.ids.add(id);
  }

  /** Forgets a webContents (call on 'destroyed'; ids are never reused while it lives). */
  delete(id: number): void {
    this.ids.delete(id);
  }

  /** Whether this webContents id was created by the app and still lives. */
  has(id: number): boolean {
    return this.ids.has(id);
  }

  /** A snapshot of the trusted ids, for fan-out of events. */
  list(): number[] {
    return [...this.ids];
  }
}

/** Whether a message comes from the main frame of an app window showing the app's own page. */
export function isTrustedSender(sender: SenderInfo, trusted: Pick<TrustedSenders, 'has'>): boolean {
  // A trusted window that navigated elsewhere, or an iframe inside it, must not reach the backend.
  return trusted.has(sender.senderId) && sender.isMainFrame && sender.frameUrl !== null && isAppUrl(sender.frameUrl);
}
