// SPDX-License-Identifier: Apache-2.0
// Fans backend events out to the app's trusted windows over EVENT_CHANNEL, and to nobody else.
import type { ApiEventListener } from '../api/contract.js';
import { EVENT_CHANNEL } from './ipc-channels.js';
import type { TrustedSenders } from './trusted-senders.js';

/** The parts of a WebContents the forwarder uses. */
export interface IpcSendTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/** Builds the backend listener that sends each event to every trusted, living webContents. */
export function createEventForwarder(
  trusted: Pick<TrustedSenders, 'list'>,
  lookup: (id: number) => IpcSendTarget | undefined,
  warn: (message: string) => void = (m) => console.warn(m),
): ApiEventListener {
  return (event, payload) => {
    for (const id of trusted.list()) {
      const target = lookup(id);
      if (!target || target.isDestroyed()) continue;
      try {
        target.send(EVENT_CHANNEL, event, payload);
      } catch (err) {
        // One window failing (e.g. mid-teardown) must not stop the backend's event loop.
        warn(`Could not forward ${event} to webContents ${id}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };
}
