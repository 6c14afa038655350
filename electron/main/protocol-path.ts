// SPDX-License-Identifier: Apache-2.0
// Maps an app://renderer/... request to a file under the built renderer directory. Refuses,
// rather than normalises, anything that could step outside it ('..', encoded '%2e%2e', '%2f',
// backslashes, NUL, drive letters), then double-checks containment after resolving.
import path from 'node:path';
import { APP_ORIGIN } from './app-origin.js';
import { CONTENT_SECURITY_POLICY } from './window-options.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** Segments that could escape the root or be read as a path separator or drive on some OS. */
function isUnsafeSegment(segment: string): boolean {
  return segment === '.' || segment === '..' || /[\\/\0:]/.test(segment);
}

/**
 * The absolute file a request URL refers to, or null when the URL is not app://renderer/ or its
 * path is unsafe. A bare origin or a trailing slash means index.html.
 */
export function resolveAppRequestPath(requestUrl: string, rootDir: string): string | null {
  if (!requestUrl.toLowerCase().startsWith(APP_ORIGIN)) return null;
  // Work on the raw string: URL parsing would silently collapse '..' and hide the attempt.
  const rest = requestUrl.slice(APP_ORIGIN.length).replace(/[?#][\s\S]*$/, '');
  // Anything else right after the host (':port', '@', '.evil.example') is a different origin.
  if (rest !== '' && !rest.startsWith('/')) return null;
  const raw = rest.split('/').slice(1);
  const segments: string[] = [];
  for (const [i, rawSegment] of raw.entries()) {
    let segment: string;
    try {
      segment = decodeURIComponent(rawSegment);
    } catch {
      return null; // malformed percent-encoding
    }
    if (segment === '') {
      if (i !== raw.length - 1) return null; // '//' inside the path
      continue;
    }
    if (isUnsafeSegment(segment)) return null;
    segments.push(segment);
  }
  if (segments.length === 0 || raw[raw.length - 1] === '') segments.push('index.html');
  const root = path.resolve(rootDir);
  const full = path.resolve(root, ...segments);
  // Belt and braces: whatever the checks above missed, never leave the root.
  if (!full.startsWith(root + path.sep)) return null;
  return full;
}

/** The Content-Type for a file served to the renderer, by extension. */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** The headers every app:// response carries, the CSP first among them. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}
