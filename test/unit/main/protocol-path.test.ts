// SPDX-License-Identifier: Apache-2.0
// app://renderer/... maps into out/renderer and nowhere else; the handler sets the CSP header.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppRequestHandler } from '../../../electron/main/app-request-handler.js';
import { appResponseHeaders, contentTypeFor, resolveAppRequestPath } from '../../../electron/main/protocol-path.js';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/window-options.js';

const ROOT = path.resolve('/srv/app/out/renderer');

describe('resolveAppRequestPath', () => {
  it.each([
    ['app://renderer/index.html', 'index.html'],
    ['app://renderer/', 'index.html'],
    ['app://renderer', 'index.html'],
    ['app://renderer/assets/main-abc123.js', 'assets/main-abc123.js'],
    ['app://renderer/assets/', 'assets/index.html'],
    ['app://renderer/index.html?v=1#/target', 'index.html'],
    ['app://renderer/fonts/Inter%20Variable.woff2', 'fonts/Inter Variable.woff2'],
    ['APP://RENDERER/index.html', 'index.html'],
  ])('%s → %s', (url, file) => {
    expect(resolveAppRequestPath(url, ROOT)).toBe(path.join(ROOT, file));
  });

  it.each([
    'app://renderer/../../etc/passwd',
    'app://renderer/assets/../../../etc/passwd',
    'app://renderer/%2e%2e/%2e%2e/etc/passwd',
    'app://renderer/%2E%2E/etc/passwd',
    'app://renderer/.%2e/etc/passwd',
    'app://renderer/assets%2f..%2f..%2fetc%2fpasswd',
    'app://renderer/..%5c..%5cetc%5cpasswd',
    'app://renderer/..\\..\\etc\\passwd',
    'app://renderer/./index.html',
    'app://renderer//etc/passwd',
    'app://renderer/C:%5cWindows%5cwin.ini',
    'app://renderer/index.html%00.png',
    'app://renderer/%E0%A4%A',
    'app://renderer.evil/index.html',
    'app://renderer:80/index.html',
    'app://renderer@evil/index.html',
    'app://other/index.html',
    'file:///etc/passwd',
    'https://renderer/index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppRequestPath(url, ROOT)).toBeNull();
  });

  it('never returns a path outside the root, whatever the input', () => {
    const attempts = ['..', '%2e%2e', '.%2E', '%252e%252e', '...', '....//', '%c0%ae%c0%ae', '%2e%2e%2f'];
    for (const a of attempts) {
      for (const url of [`app://renderer/${a}/etc/passwd`, `app://renderer/x/${a}/${a}/y`]) {
        const p = resolveAppRequestPath(url, ROOT);
        if (p !== null) expect(p.startsWith(ROOT + path.sep)).toBe(true);
      }
    }
  });
});

describe('contentTypeFor / appResponseHeaders', () => {
  it('knows the renderer file types', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/a.unknown')).toBe('application/octet-stream');
  });

  it('always sends the CSP and nosniff', () => {
    const h = appResponseHeaders('text/html');
    expect(h['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(h['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('createAppRequestHandler', () => {
  const files = new Map([[path.join(ROOT, 'index.html'), '<!doctype html><title>CiaB</title>']]);
  const reads: string[] = [];
  const handler = createAppRequestHandler(ROOT, async (p) => {
    reads.push(p);
    const body = files.get(p);
    if (body === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return new TextEncoder().encode(body);
  });

  it('serves a file with its type and the CSP header', async () => {
    const res = await handler(new Request('app://renderer/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await res.text()).toContain('<title>CiaB</title>');
  });

  it('answers 404 for a missing file, still with the CSP', async () => {
    const res = await handler(new Request('app://renderer/missing.js'));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses traversal without touching the file system', async () => {
    reads.length = 0;
    // new Request() would normalise '..' away, as Chromium does; hand the raw URL in directly.
    const raw = { url: 'app://renderer/%2e%2e/%2e%2e/etc/passwd', method: 'GET' } as Request;
    const res = await handler(raw);
    expect(res.status).toBe(404);
    expect(reads).toEqual([]);
  });

  it('refuses writes', async () => {
    const res = await handler(new Request('app://renderer/index.html', { method: 'POST', body: 'x' }));
    expect(res.status).toBe(405);
  });
});
