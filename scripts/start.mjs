// SPDX-License-Identifier: Apache-2.0
// `npm start`: build what is stale, then start the desktop app when Electron can run here;
// otherwise fall back to web mode (`ciab serve`) and say why. Extra arguments go to `ciab serve`.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--if-stale'], { stdio: 'inherit', cwd: root });
if (build.status !== 0) process.exit(build.status ?? 1);

/** Returns the Electron binary path, or the reason it cannot be used on this machine. */
function electronBinary() {
  if (process.env.CIAB_WEB === '1') return { reason: 'CIAB_WEB=1 asks for web mode' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return { reason: 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)' };
  try {
    // The electron package exports the binary path, and throws when the binary was never downloaded.
    const bin = createRequire(import.meta.url)('electron');
    return typeof bin === 'string' ? { bin } : { reason: 'the electron package did not return a binary path' };
  } catch {
    return { reason: 'the Electron binary is not installed (run `node node_modules/electron/install.js` on a machine that can reach GitHub)' };
  }
}

/** Waits for the child: Ctrl+C reaches it from the terminal already, SIGTERM is passed on. */
function passSignals(child, exitWithChild = true) {
  process.on('SIGINT', () => undefined); // the child got it too and shuts down cleanly
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  if (exitWithChild) child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal === 'SIGINT' ? 2 : 15)));
}

function webMode(reason) {
  console.log(`Electron cannot start here: ${reason}.\nStarting web mode instead — same app, in your browser.\n`);
  const child = spawn(process.execPath, [path.join(root, 'bin', 'ciab.mjs'), 'serve', ...args], { stdio: 'inherit', cwd: root });
  passSignals(child);
}

const found = electronBinary();
if (!found.bin) webMode(found.reason);
else {
  const started = Date.now();
  const child = spawn(found.bin, [root], { stdio: 'inherit', cwd: root });
  passSignals(child, false);
  child.on('error', (err) => webMode(`Electron failed to start (${err.message})`));
  child.on('exit', (code) => {
    // A crash within seconds means this machine cannot run Electron (missing libraries, GPU, ...).
    if (code !== 0 && Date.now() - started < 5000) webMode(`Electron exited with code ${code} right after start`);
    else process.exit(code ?? 0);
  });
}
