// SPDX-License-Identifier: Apache-2.0
// Writes a rendered tree to a directory. A directory is only overwritten when it is empty or
// holds an earlier render (it has ciab/render.json); the new tree is built beside it and swapped
// in with renames, so a crash never leaves half of one render and half of another.
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_PATH } from './render-site.js';
import { RenderError, type RenderedFile } from './render-types.js';

/** Writes `files` into `dir`, replacing an earlier render there; refuses any other non-empty directory. */
export async function writeRenderedTree(dir: string, files: RenderedFile[]): Promise<void> {
  const target = path.resolve(dir);
  if (existsSync(target)) {
    const entries = await readdir(target);
    if (entries.length > 0 && !existsSync(path.join(target, MANIFEST_PATH))) {
      throw new RenderError(`${target} is not empty and holds no earlier render (no ${MANIFEST_PATH}); choose a new or empty directory so nothing of yours is overwritten.`);
    }
  }
  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true });
  const fresh = `${target}.new-${process.pid}`;
  const old = `${target}.old-${process.pid}`;
  await rm(fresh, { recursive: true, force: true });
  for (const f of files) {
    const full = path.join(fresh, ...f.path.split('/'));
    // Paths come from our renderers, but never let one escape the tree.
    if (!full.startsWith(fresh + path.sep)) throw new Error(`Rendered path escapes the tree: ${f.path}`);
    await mkdir(path.dirname(full), { recursive: true, mode: 0o755 });
    await writeFile(full, f.content, { mode: f.mode });
    await chmod(full, f.mode); // the umask may have cut the mode down
  }
  if (existsSync(target)) await rename(target, old);
  await rename(fresh, target);
  await rm(old, { recursive: true, force: true });
}
