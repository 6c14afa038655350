// SPDX-License-Identifier: Apache-2.0
import { describe, expect, test } from 'vitest';
import { describeConnectionProblem, retryDelayMs, socketUrl, tokenFromHash } from '../../../renderer/lib/connection.js';

describe('web-mode connection helpers', () => {
  test('the token comes from the page hash, and only a non-empty one counts', () => {
    expect(tokenFromHash('#token=abc-DEF_123')).toBe('abc-DEF_123');
    expect(tokenFromHash('#token=a%2Bb&x=1')).toBe('a+b');
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#other=1')).toBeNull();
  });

  test('the socket lives on the same host and port under /api', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:4321' })).toBe('ws://127.0.0.1:4321/api');
    expect(socketUrl({ protocol: 'https:', host: 'jump.example:8443' })).toBe('wss://jump.example:8443/api');
  });

  test('reconnects quickly at first, then every 5 s', () => {
    expect([1, 2, 3, 4, 5, 50].map(retryDelayMs)).toEqual([500, 1000, 2000, 3000, 5000, 5000]);
  });

  test('every problem says what to run', () => {
    for (const p of ['no-token', 'unreachable', 'refused', 'dropped'] as const) {
      const d = describeConnectionProblem(p);
      expect(d.title.length).toBeGreaterThan(10);
      expect(d.advice).toMatch(/ciab serve/);
      expect(d.command).toBe('npx ciab serve');
    }
    expect(describeConnectionProblem('refused').advice).toMatch(/token/);
  });
});
