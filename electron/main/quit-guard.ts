// SPDX-License-Identifier: Apache-2.0
// Holds the app's 'will-quit' until the backend has closed (journal flushed, SSH sessions and the
// demo server shut down), then lets the quit continue. Pure; index.ts wires it to Electron.

/** Builds the 'will-quit' listener: first quit is deferred until `close` settles, then repeated. */
export function createQuitGuard(close: () => Promise<void>, quit: () => void, warn: (message: string) => void = (m) => console.warn(m)): (event: { preventDefault(): void }) => void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  return (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    close()
      .catch((err: unknown) => warn(`Backend did not close cleanly: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        state = 'closed';
        quit();
      });
  };
}
