// SPDX-License-Identifier: Apache-2.0
// Where things live: the package root (sources or the bundled out/), the built renderer, and
// the per-user app-data directory shared by the desktop app, web mode and the CLI.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PRODUCT_NAME = 'CiaB Installer';

/** The directory holding this app's package.json, found by walking up from this module. */
export function packageRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'ciab-installer') return dir;
      } catch {
        // not ours; keep walking
      }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`Cannot find the ciab-installer package above ${from}`);
    dir = up;
  }
}

/** The app version from package.json. */
export function appVersion(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The built renderer (vite output). */
export function rendererDir(): string {
  return path.join(packageRoot(), 'out', 'renderer');
}

/** The per-user data dir, the same one Electron's app.getPath('userData') gives; CIAB_DATA_DIR overrides. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.CIAB_DATA_DIR) return path.resolve(env.CIAB_DATA_DIR);
  const home = homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}
