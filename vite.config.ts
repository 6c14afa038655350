// SPDX-License-Identifier: Apache-2.0
// Builds the renderer into out/renderer/: relative asset paths (file://, custom protocol and web
// mode all work), no external URLs, no inline scripts or styles, so a strict CSP holds.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./out/renderer', import.meta.url));

/** The policy the built page carries; the web server and the Electron adapter may add headers. */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  // 'self' covers ws:// on the same host and port in CSP level 3 (web mode's /api socket).
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Adds the CSP meta tag to the built page only: the dev server needs inline scripts for HMR. */
function cspMeta(): Plugin {
  return {
    name: 'ciab-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      // Right after the charset, before any script or stylesheet it has to govern.
      handler: (html) => html.replace(/(<meta charset="utf-8" \/>)/, `$1\n    <meta http-equiv="Content-Security-Policy" content="${RENDERER_CSP}" />`),
    },
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir,
    emptyOutDir: true,
    // Never inline assets as data: URLs or scripts; everything ships as files next to index.html.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
    target: 'chrome120',
  },
  server: { host: '127.0.0.1', strictPort: false },
});
