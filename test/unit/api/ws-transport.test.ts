// SPDX-License-Identifier: Apache-2.0
// The WebSocket transport: token and origin are enforced, every message is validated, a bad
// message gets a clear error and the connection stays usable.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/create-backend.js';
import { startWebServer, type WebServer } from '../../../electron/backend/web/web-server.js';
import { createWsClient } from '../../../electron/api/ws-client.js';
import { tempDataDir } from '../../helpers/backend-driver.js';

let backend: Backend;
let server: WebServer;
let rendererDir: string;

beforeAll(async () => {
  const dir = tempDataDir();
  rendererDir = path.join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  backend = await createBackend({ dataDir: dir, appVersion: '0.0.0-test', transport: 'websocket', demoServer: false, userKnownHosts: null });
  server = await startWebServer(backend, { rendererDir });
});
afterAll(async () => {
  await server.close();
  await backend.close();
});

const wsUrl = (token: string, extra = '') => `ws://127.0.0.1:${server.port}/api?token=${encodeURIComponent(token)}${extra}`;

function open(url: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; next(): Promise<Record<string, unknown>> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const queue: Record<string, unknown>[] = [];
    const waiting: ((m: Record<string, unknown>) => void)[] = [];
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as Record<string, unknown>;
      if (m.kind === 'event') return;
      const w = waiting.shift();
      if (w) w(m);
      else queue.push(m);
    });
    ws.once('open', () => resolve({ ws, next: () => new Promise((r) => (queue.length ? r(queue.shift()!) : waiting.push(r))) }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('WebSocket transport', () => {
  it('refuses a wrong or missing token before upgrading', async () => {
    await expect(open(wsUrl('not-the-token'))).rejects.toThrow('HTTP 401');
    await expect(open(`ws://127.0.0.1:${server.port}/api`)).rejects.toThrow('HTTP 401');
  });

  it("refuses another site's page even with the right token", async () => {
    await expect(open(wsUrl(server.token), { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    const ok = await open(wsUrl(server.token), { Origin: `http://127.0.0.1:${server.port}` });
    ok.ws.close();
  });

  it('answers malformed messages with a clear error and keeps the connection', async () => {
    const { ws, next } = await open(wsUrl(server.token));
    ws.send('this is not json');
    expect(await next()).toMatchObject({ ok: false, id: null, error: { code: 'bad-request', message: expect.stringMatching(/not valid JSON/) } });
    ws.send(JSON.stringify({ kind: 'request', id: 1, method: 'workflow.nuke', params: {} }));
    expect(await next()).toMatchObject({ ok: false, id: 1, error: { code: 'unknown-method', field: 'method' } });
    ws.send(JSON.stringify({ kind: 'request', id: 2, method: 'workflow.send', params: { event: { type: 'SET_TARGET', target: { host: 'h', port: 70000, username: 'root', auth: 'agent' } } } }));
    expect(await next()).toMatchObject({ ok: false, id: 2, error: { code: 'bad-request', field: 'params/event/target/port', message: 'params/event/target/port must be <= 65535' } });
    ws.send(JSON.stringify({ kind: 'request', id: 3, method: 'workflow.send', params: { event: { type: 'WAIVE', checkId: 'x', reason: 'short' } } }));
    expect(await next()).toMatchObject({ ok: false, id: 3, error: { field: 'params/event/reason' } });
    ws.send(JSON.stringify({ kind: 'request', id: 4, method: 'app.info', params: { extra: 1 } }));
    expect(await next()).toMatchObject({ ok: false, id: 4, error: { field: 'params/extra', message: 'params/extra is not a known field' } });
    ws.send(JSON.stringify([1, 2]));
    expect(await next()).toMatchObject({ ok: false, error: { message: 'Message must be a JSON object' } });
    // Still connected and working.
    ws.send(JSON.stringify({ kind: 'request', id: 5, method: 'app.info', params: {} }));
    expect(await next()).toMatchObject({ ok: true, id: 5, result: { name: 'CiaB Installer', transport: 'websocket' } });
    ws.close();
  });

  it('serves the same typed client as Electron and streams workflow views', async () => {
    const client = createWsClient(`ws://127.0.0.1:${server.port}/api`, server.token, WebSocket as unknown as typeof globalThis.WebSocket);
    const views: string[] = [];
    client.on('workflow.view', (v) => views.push(v.state));
    const r = await client.invoke('workflow.send', { event: { type: 'START_INSTALL' } });
    expect(r.accepted).toBe(true);
    expect(r.view.state).toBe('target.editing');
    await expect(client.invoke('workflow.send', { event: { type: 'NEXT' } })).resolves.toMatchObject({ accepted: false, reason: expect.stringMatching(/Connect to the server/) });
    await client.invoke('workflow.send', { event: { type: 'CANCEL' } });
    expect(views).toContain('target.editing');
    await expect(client.invoke('workflow.send', { event: { type: 'BOGUS' } as never })).rejects.toMatchObject({ code: 'bad-request' });
    client.close();
  });

  it('survives an oversized frame and a client that resets after a refused upgrade', async () => {
    const { ws } = await open(wsUrl(server.token));
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send('x'.repeat(2 * 1024 * 1024));
    expect(await closed).toBe(1009);
    const net = await import('node:net');
    await new Promise<void>((resolve) => {
      const s = net.connect(server.port, '127.0.0.1', () => {
        s.write(`GET /api?token=wrong HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
        s.resetAndDestroy();
        setTimeout(resolve, 100);
      });
    });
    // The backend is still alive and answering.
    const again = await open(wsUrl(server.token));
    again.ws.send(JSON.stringify({ kind: 'request', id: 9, method: 'app.info', params: {} }));
    expect(await again.next()).toMatchObject({ ok: true, id: 9 });
    again.ws.close();
  });

  it('serves the renderer with a strict CSP and refuses path escapes', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'/);
    const esc = await fetch(`http://127.0.0.1:${server.port}/..%2f..%2f..%2fetc%2fpasswd`);
    expect(esc.status).toBe(404);
  });
});
