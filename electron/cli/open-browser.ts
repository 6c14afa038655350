// SPDX-License-Identifier: Apache-2.0
// Opens a URL in the system browser when there is one; says so when there is not.
import { spawn } from 'node:child_process';

/** Tries to open `url`; resolves to false when no browser can be started (headless machine). */
export function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  let cmd: string;
  let args: string[];
  if (platform === 'darwin') [cmd, args] = ['open', [url]];
  else if (platform === 'win32') [cmd, args] = ['cmd', ['/c', 'start', '""', url]];
  else {
    if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return Promise.resolve(false);
    [cmd, args] = ['xdg-open', [url]];
  }
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}
