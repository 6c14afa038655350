// SPDX-License-Identifier: Apache-2.0
// The preload exposes exactly window.ciab = { invoke, on }, whitelisted against the contract,
// unwraps replies, and never hands ipcRenderer or IPC event objects to the page. `electron` is
// mocked with fakes whose contextBridge copies values the way the real one does.
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { API_EVENTS, API_METHODS } from '../../../electron/api/contract.js';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../electron/main/ipc-channels.js';

/**
 * What crossing contextBridge does to a value: functions are proxied, plain objects and arrays
 * copied, and an Error is rebuilt from its message alone (custom properties are dropped).
 */
function crossWorld(value: unknown): unknown {
  if (value instanceof Error) return new Error(value.message);
  if (typeof value === 'function') {
    return (...args: unknown[]) => {
      let out: unknown;
      try {
        out = (value as (...a: unknown[]) => unknown)(...args.map(crossWorld));
      } catch (err) {
        throw crossWorld(err);
      }
      return out instanceof Promise ? out.then(crossWorld, (err: unknown) => Promise.reject(crossWorld(err))) : crossWorld(out);
    };
  }
  if (Array.isArray(value)) return value.map(crossWorld);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, crossWorld(v)]));
  return value;
}

const fake = vi.hoisted(() => ({ exposed: new Map<string, unknown>(), raw: new Map<string, unknown>(), ipc: null as unknown }));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const ipcRenderer = Object.assign(new Emitter(), { invoke: vi.fn(), send: vi.fn(), sendSync: vi.fn() });
  fake.ipc = ipcRenderer;
  return {
    ipcRenderer,
    contextBridge: {
      exposeInMainWorld: vi.fn((key: string, api: unknown) => {
        fake.raw.set(key, api);
        fake.exposed.set(key, crossWorld(api));
      }),
    },
  };
});

type Ipc = EventEmitter & { invoke: ReturnType<typeof vi.fn> };
type Ciab = { invoke(method: string, params?: unknown): Promise<unknown>; on(event: string, listener: (p: unknown) => void): () => void };

let ipc: Ipc;
let ciab: Ciab;

beforeEach(async () => {
  vi.resetModules();
  fake.exposed.clear();
  fake.raw.clear();
  await import('../../../electron/preload/index.js');
  ipc = fake.ipc as Ipc;
  ipc.removeAllListeners();
  ipc.invoke.mockReset();
  ciab = fake.exposed.get('ciab') as Ciab;
});

describe('preload: what the page sees', () => {
  it('exposes only window.ciab with invoke and on', () => {
    expect([...fake.exposed.keys()]).toEqual(['ciab']);
    expect(Object.keys(fake.raw.get('ciab') as object).sort()).toEqual(['invoke', 'on']);
  });

  it('exposes no ipcRenderer, no send, no Electron object anywhere', () => {
    const seen = new Set<unknown>();
    const walk = (v: unknown): void => {
      if (v === null || typeof v !== 'object' || seen.has(v)) return;
      seen.add(v);
      expect(v).not.toBe(fake.ipc);
      for (const child of Object.values(v)) walk(child);
    };
    walk(fake.raw.get('ciab'));
    expect(JSON.stringify(Object.keys(ciab))).not.toMatch(/ipc|send|require|electron/i);
  });
});

describe('preload: invoke', () => {
  it.each(API_METHODS)('forwards %s over the invoke channel and unwraps the result', async (method) => {
    ipc.invoke.mockResolvedValue({ ok: true, result: { method } });
    await expect(ciab.invoke(method, { a: 1 })).resolves.toEqual({ method });
    expect(ipc.invoke).toHaveBeenCalledWith(INVOKE_CHANNEL, method, { a: 1 });
  });

  it.each(['fs.readFile', 'constructor', '__proto__', 'workflow', ''])('rejects unknown method %j before any IPC', async (method) => {
    await expect(ciab.invoke(method, {})).rejects.toMatchObject({ code: 'unknown-method', field: 'method' });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('rejects with code and field that survive the bridge', async () => {
    ipc.invoke.mockResolvedValue({ ok: false, error: { code: 'bad-request', message: 'port must be ≤ 65535', field: 'params.event.target.port' } });
    const err = await ciab.invoke('workflow.send', { event: { type: 'NEXT' } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ApiCallError', code: 'bad-request', message: 'port must be ≤ 65535', field: 'params.event.target.port' });
    // String(err) is what UI code falls back to for non-Error rejections.
    expect(String(err)).toBe('port must be ≤ 65535');
  });

  it('would lose code and field if it rejected with an Error (why it does not)', async () => {
    const crossed = crossWorld(Object.assign(new Error('x'), { code: 'bad-request', field: 'f' }));
    expect(crossed).not.toHaveProperty('code');
  });

  it('turns an IPC transport failure or a malformed reply into an internal error', async () => {
    ipc.invoke.mockRejectedValueOnce(new Error("No handler registered for 'ciab:invoke'"));
    await expect(ciab.invoke('app.info', {})).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('No handler') });
    ipc.invoke.mockResolvedValueOnce('nonsense');
    await expect(ciab.invoke('app.info', {})).rejects.toMatchObject({ code: 'internal' });
  });
});

describe('preload: on', () => {
  it('delivers whitelisted events with the payload only, never the IPC event', () => {
    const listener = vi.fn();
    ciab.on('notice', listener);
    ipc.emit(EVENT_CHANNEL, { sender: 'IpcRendererEvent' }, 'notice', { level: 'info', message: 'hello' });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ level: 'info', message: 'hello' });
  });

  it('ignores events of other names and events not in the contract', () => {
    const listener = vi.fn();
    ciab.on('log', listener);
    ipc.emit(EVENT_CHANNEL, {}, 'notice', {});
    ipc.emit(EVENT_CHANNEL, {}, 'evil.event', {});
    expect(listener).not.toHaveBeenCalled();
  });

  it('unsubscribes, and drops its IPC listener when the last one goes', () => {
    const a = vi.fn();
    const b = vi.fn();
    const offA = ciab.on('workflow.view', a);
    const offB = ciab.on('log', b);
    expect(ipc.listenerCount(EVENT_CHANNEL)).toBe(1);
    offA();
    offA(); // idempotent
    ipc.emit(EVENT_CHANNEL, {}, 'workflow.view', { x: 1 });
    expect(a).not.toHaveBeenCalled();
    offB();
    expect(ipc.listenerCount(EVENT_CHANNEL)).toBe(0);
    ciab.on('log', b);
    expect(ipc.listenerCount(EVENT_CHANNEL)).toBe(1);
  });

  it('keeps delivering to other listeners when one throws', () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const good = vi.fn();
    ciab.on('notice', () => {
      throw new Error('bad listener');
    });
    ciab.on('notice', good);
    ipc.emit(EVENT_CHANNEL, {}, 'notice', { level: 'warn', message: 'm' });
    expect(good).toHaveBeenCalledOnce();
    err.mockRestore();
  });

  it.each(['not-an-event', 'ciab:event'])('refuses to subscribe to %j', (event) => {
    expect(() => ciab.on(event, () => undefined)).toThrow(/Unknown API event/);
  });

  it('covers every contract event', () => {
    for (const event of API_EVENTS) expect(() => ciab.on(event, () => undefined)()).not.toThrow();
  });
});
