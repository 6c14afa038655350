// SPDX-License-Identifier: Apache-2.0
// Pure helpers for the web-mode connection: where the socket lives, the session token in the
// page address, and how long to wait between reconnect attempts.

/** The access token from a page address hash like `#token=abc`; null when absent or empty. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  return token !== null && token.length > 0 ? token : null;
}

/** The backend socket URL for a page served by `ciab serve`: same host and port, path /api. */
export function socketUrl(location: { protocol: string; host: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api`;
}

/** Delay before reconnect attempt `attempt` (1-based): quick at first, then every 5 s. */
export function retryDelayMs(attempt: number): number {
  const steps = [500, 1000, 2000, 3000];
  return steps[attempt - 1] ?? 5000;
}

/** Why the page cannot talk to the backend, in the operator's words. */
export type ConnectionProblem = 'no-token' | 'unreachable' | 'refused' | 'dropped';

/** Headline and advice for a connection problem; `command` is what to run to fix it. */
export function describeConnectionProblem(problem: ConnectionProblem): { title: string; advice: string; command: string } {
  switch (problem) {
    case 'no-token':
      return {
        title: 'This page was opened without its access token',
        advice: 'Open the full address that `ciab serve` printed; it ends with #token=… and only that page may talk to the installer.',
        command: 'npx ciab serve',
      };
    case 'refused':
      return {
        title: 'The installer backend refused this page',
        advice: 'The backend is running but does not accept this access token — it changes every time `ciab serve` starts. Open the new address it printed.',
        command: 'npx ciab serve',
      };
    case 'dropped':
      return {
        title: 'The connection to the installer backend was lost',
        advice: 'Your install is not lost: the installer saves its state after every step. Restart `ciab serve` if it stopped, then open the address it prints; this page keeps retrying meanwhile.',
        command: 'npx ciab serve',
      };
    case 'unreachable':
    default:
      return {
        title: 'Cannot reach the installer backend',
        advice: 'The page needs the `ciab serve` process that served it. Restart `ciab serve` in a terminal and open the address it prints; this page keeps retrying meanwhile.',
        command: 'npx ciab serve',
      };
  }
}
