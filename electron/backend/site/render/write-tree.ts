// SPDX-License-Identifier: Apache-2.0
// Writes a rendered tree to a directory. A directory is only overwritten when it is empty or
// holds an earlier render (it has ciab/render.json) and nothing else: a file the operator added
// (notes, a .git directory) makes it refuse rather than lose it. The new tree is built beside it
// and swapped in with renames, so a crash never leaves half of one render and half of another.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_PATH } from './render-site.js';
import { RenderError, type RenderedFile } from './render-types.js';

/** Writes `files` into `dir`, replacing an earlier render there; refuses any other non-empty directory. */
export async function writeRenderedTree(dir: string, files: RenderedFile[]): Promise<void> {
  const target = path.resolve(dir);
  const cwd = process.cwd();
  if (target === path.parse(target).root || cwd === target || cwd.startsWith(target + path.sep)) {
    throw new RenderError(`${target} is the current directory or one of its parents; render into a directory of its own, e.g. ${path.join(target, 'ciab-render')}.`);
  }
  if (existsSync(target)) await checkReplaceable(target);
  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true });
  // Random names: two renders of the same site (or two processes) never share a scratch directory.
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const fresh = `${target}.new-${tag}`;
  const old = `${target}.old-${tag}`;
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

/** Every file under `dir`, '/'-separated and relative to it. */
async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(full, base)));
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

/** Throws unless `target` is empty or holds exactly an earlier render (the files its manifest lists). */
async function checkReplaceable(target: string): Promise<void> {
  const files = await listFiles(target);
  if (files.length === 0) return;
  let listed: Set<string>;
  try {
    const manifest = JSON.parse(await readFile(path.join(target, MANIFEST_PATH), 'utf8')) as { files?: { path: string }[] };
    listed = new Set([MANIFEST_PATH, ...(manifest.files ?? []).map((f) => f.path)]);
  } catch {
    throw new RenderError(`${target} is not empty and holds no earlier render (no readable ${MANIFEST_PATH}); choose a new or empty directory so nothing of yours is overwritten.`);
  }
  const foreign = files.filter((f) => !listed.has(f));
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? ` and ${foreign.length - 5} more` : '');
    throw new RenderError(`${target} holds files the earlier render did not write (${shown}); move them out or render into another directory, so nothing of yours is lost.`);
  }
}
