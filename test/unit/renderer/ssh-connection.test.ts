// SPDX-License-Identifier: Apache-2.0
import { describe, expect, test } from 'vitest';
import type { ConnectionView } from '../../../electron/api/contract.js';
import { isDown, lostTitle, reconnectedText, reconnectingText, recovery } from '../../../renderer/lib/ssh-connection.js';

const at = (iso: string) => Date.parse(iso);
const conn = (status: ConnectionView['status'], since: string | null, attempt = 0): ConnectionView => ({ status, attempt, since });

describe('the SSH connection to the target, in words', () => {
  test('reconnecting names the target, the attempt and since when (local clock)', () => {
    const since = new Date(2026, 10, 22, 14, 3, 12).toISOString();
    expect(reconnectingText(conn('reconnecting', since, 3), 'ubuntu@10.20.0.5')).toBe('Connection to ubuntu@10.20.0.5 lost — reconnecting (attempt 3, since 14:03:12)…');
    expect(reconnectingText(conn('reconnecting', null, 0), 'srv')).toBe('Connection to srv lost — reconnecting (waiting to retry)…');
    expect(lostTitle('srv')).toBe('The connection to srv is lost');
  });

  test('down means reconnecting or lost', () => {
    expect((['none', 'connected', 'reconnecting', 'lost'] as const).filter((s) => isDown(conn(s, null)))).toEqual(['reconnecting', 'lost']);
    expect(isDown(undefined)).toBe(false);
  });

  test('back up after being down: how long, from the backend’s times, else until now', () => {
    const down = conn('reconnecting', '2026-11-22T14:03:12Z', 4);
    expect(recovery(down, conn('connected', '2026-11-22T14:03:24Z'), at('2026-11-22T14:05:00Z'))).toEqual({ afterMs: 12_000 });
    expect(recovery(conn('lost', '2026-11-22T14:03:12Z'), conn('connected', null), at('2026-11-22T14:03:20Z'))).toEqual({ afterMs: 8_000 });
    // An "up" time before the drop cannot be right: the page's clock stands in.
    expect(recovery(down, conn('connected', '2026-11-22T14:00:00Z'), at('2026-11-22T14:03:15Z'))).toEqual({ afterMs: 3_000 });
    expect(recovery(conn('reconnecting', null), conn('connected', null), 0)).toEqual({ afterMs: null });
  });

  test('not a recovery: first connect, still down, or connected all along', () => {
    expect(recovery(undefined, conn('connected', null), 0)).toBeNull();
    expect(recovery(conn('none', null), conn('connected', null), 0)).toBeNull();
    expect(recovery(conn('connected', null), conn('connected', null), 0)).toBeNull();
    expect(recovery(conn('reconnecting', null), conn('lost', null), 0)).toBeNull();
  });

  test('the brief message when it is back', () => {
    expect(reconnectedText('ubuntu@srv', 12_000)).toBe('Reconnected to ubuntu@srv after 12 s.');
    expect(reconnectedText('ubuntu@srv', 2_400)).toBe('Reconnected to ubuntu@srv after 2.4 s.');
    expect(reconnectedText('srv', null)).toBe('Reconnected to srv.');
  });
});
