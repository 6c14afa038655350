// SPDX-License-Identifier: Apache-2.0
// The app:// request handler: a Fetch-API function (Request in, Response out) with no Electron
// import, so it runs unchanged under protocol.handle and in plain-Node tests.
import { readFile as fsReadFile } from 'node:fs/promises';
import { appResponseHeaders, contentTypeFor, resolveAppRequestPath } from './protocol-path.js';

export type ReadFile = (filePath: string) => Promise<Uint8Array>;

/** Builds the handler that serves files from `rootDir` (the built renderer) to app:// requests. */
export function createAppRequestHandler(rootDir: string, readFile: ReadFile = fsReadFile): (request: Request) => Promise<Response> {
  const refuse = (status: number, text: string): Response =>
    new Response(text, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });

  return async (request) => {
    // The renderer only ever reads its own files; nothing may be posted to the app origin.
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
    const filePath = resolveAppRequestPath(request.url, rootDir);
    if (filePath === null) return refuse(404, 'Not found');
    let body: Uint8Array;
    try {
      body = await readFile(filePath);
    } catch {
      return refuse(404, 'Not found');
    }
    const headers = appResponseHeaders(contentTypeFor(filePath));
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
  };
}
