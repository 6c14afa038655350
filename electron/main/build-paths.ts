// SPDX-License-Identifier: Apache-2.0
// Where the bundled main process finds its siblings: out/main/index.js sits next to
// out/renderer/ and out/preload/index.cjs, inside app.asar once packaged.
import { fileURLToPath } from 'node:url';

export interface BuildPaths {
  /** The built renderer, served under app://renderer/. */
  rendererDir: string;
  /** The sandboxed preload bundle (CommonJS). */
  preloadPath: string;
}

/** Resolves the renderer and preload paths from the main bundle's own URL (import.meta.url). */
export function resolveBuildPaths(mainModuleUrl: string): BuildPaths {
  return {
    rendererDir: fileURLToPath(new URL('../renderer/', mainModuleUrl)),
    preloadPath: fileURLToPath(new URL('../preload/index.cjs', mainModuleUrl)),
  };
}
