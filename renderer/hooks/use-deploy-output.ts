// SPDX-License-Identifier: Apache-2.0
// Connects a DeployOutputStore to the backend for as long as the deploy screen is mounted: live
// deploy.output events, plus the deploy.log tail for a screen that opens mid-deploy.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ApiClient, DeployOutput } from '../../electron/api/contract.js';
import { DeployOutputStore, type OutputSnapshot } from '../lib/deploy-output-store.js';

/** How often React re-renders for new output at most; the terminal reads the store directly. */
const RENDER_EVERY_MS = 250;

/** The store for this screen, fed from `client`; `installId` starts a fresh store for a new install. */
export function useDeployOutputStore(client: ApiClient, installId: string | null): { store: DeployOutputStore; tailError: string | null } {
  const [store] = useState(() => new DeployOutputStore());
  const [tailError, setTailError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    store.clear();
    // Live chunks that arrive before the tail are held back, so the store sees them in order.
    let early: DeployOutput[] | null = [];
    const off = client.on('deploy.output', (chunk) => {
      if (early) early.push(chunk);
      else store.add(chunk);
    });
    client.invoke('deploy.log', {}).then(
      (log) => {
        if (!live) return;
        store.addMany([...log.chunks, ...(early ?? [])], log.truncated);
        early = null;
      },
      (err: unknown) => {
        if (!live) return;
        setTailError(err instanceof Error ? err.message : String(err));
        store.addMany(early ?? []);
        early = null;
      },
    );
    return () => {
      live = false;
      off();
    };
  }, [client, store, installId]);
  return { store, tailError };
}

/** The store's snapshot for rendering, at most every RENDER_EVERY_MS (output can arrive 60 times a second). */
export function useOutputSnapshot(store: DeployOutputStore): OutputSnapshot {
  const [subscribe] = useState(() => (listener: () => void) => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = store.subscribe(() => {
      timer ??= setTimeout(() => {
        timer = null;
        listener();
      }, RENDER_EVERY_MS);
    });
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  });
  return useSyncExternalStore(subscribe, store.getSnapshot);
}
