// SPDX-License-Identifier: Apache-2.0
// Wording for the SSH connection to the target server (WorkflowView.connection), which the backend
// keeps and re-establishes by itself. Separate from the page ↔ backend socket (lib/connection.ts).
import type { ConnectionView } from '../../electron/api/contract.js';
import { formatClock, formatSeconds } from './format.js';

/** The banner line while the backend reconnects: who, which attempt, since when. */
export function reconnectingText(c: ConnectionView, where: string): string {
  const since = c.since ? `, since ${formatClock(c.since)}` : '';
  const attempt = c.attempt > 0 ? `attempt ${c.attempt}` : 'waiting to retry';
  return `Connection to ${where} lost — reconnecting (${attempt}${since})…`;
}

/** The headline when the backend gave up reconnecting. */
export function lostTitle(where: string): string {
  return `The connection to ${where} is lost`;
}

/** What the operator can do when the connection is lost for good. */
export const LOST_NEXT_ACTION =
  'Check that the server is powered on and reachable from this computer (network cable, VPN or jump host), then press Reconnect. Your progress is saved; nothing is lost by reconnecting.';

/** Whether the connection is down (the banner shows). */
export function isDown(c: ConnectionView | undefined | null): boolean {
  return c?.status === 'reconnecting' || c?.status === 'lost';
}

/**
 * Whether `next` reports the connection back up after `prev` reported it down, and how long it was
 * down (ms; null when the backend did not say since when). `now` stands in when the backend did
 * not say since when it is up again.
 */
export function recovery(prev: ConnectionView | undefined | null, next: ConnectionView, now: number): { afterMs: number | null } | null {
  if (!isDown(prev) || next.status !== 'connected') return null;
  const down = prev?.since ? Date.parse(prev.since) : NaN;
  if (Number.isNaN(down)) return { afterMs: null };
  const upParsed = next.since ? Date.parse(next.since) : NaN;
  const up = Number.isNaN(upParsed) || upParsed < down ? now : upParsed;
  return { afterMs: Math.max(0, up - down) };
}

/** The brief message once the connection is back ("Reconnected to ubuntu@srv after 12 s."). */
export function reconnectedText(where: string, afterMs: number | null): string {
  return afterMs === null ? `Reconnected to ${where}.` : `Reconnected to ${where} after ${formatSeconds(afterMs)}.`;
}
