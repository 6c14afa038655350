// SPDX-License-Identifier: Apache-2.0
// Reads an ssh_config file and splices its `Include` files in, so `ssh-config`'s compute() sees one flat config.
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import SSHConfig, { glob, LineType, type Line, type Section } from 'ssh-config';

/** How the files are found: `~` is `home`, relative Include paths start at `baseDir` (~/.ssh for the user's config). */
export interface IncludeContext {
  home: string;
  baseDir: string;
  /** The host being resolved: an Include inside a `Host` block only applies when the block matches it. */
  host: string;
  /** File texts already read during one resolution (each file is read once even for several hops). */
  cache?: Map<string, string | null>;
}

// OpenSSH's READCONF_MAX_DEPTH: deeper nesting is an Include loop.
const MAX_DEPTH = 16;

/** Parse `file` with every Include resolved; a missing file is an empty config, as for OpenSSH. */
export async function loadSshConfig(file: string, ctx: IncludeContext): Promise<SSHConfig> {
  const out = new SSHConfig();
  out.push(...(await expandFile(file, ctx, 0)));
  return out;
}

async function expandFile(file: string, ctx: IncludeContext, depth: number): Promise<Line[]> {
  if (depth > MAX_DEPTH) throw new Error(`ssh config: Include nested deeper than ${MAX_DEPTH} levels at ${file} (a loop?)`);
  const text = await readCached(file, ctx);
  if (text === null) return [];
  return expandLines(SSHConfig.parse(text), ctx, depth);
}

async function expandLines(lines: Line[], ctx: IncludeContext, depth: number): Promise<Line[]> {
  const out: Line[] = [];
  for (const line of lines) {
    if (line.type !== LineType.DIRECTIVE) continue;
    if (isInclude(line)) {
      out.push(...(await includeAll(line, ctx, depth)));
    } else if ('config' in line) {
      out.push(...(await expandSection(line, ctx, depth)));
    } else {
      out.push(line);
    }
  }
  return out;
}

// An Include inside a block: its plain directives stay in the block, its own Host/Match blocks follow
// it (OpenSSH evaluates them on their own); lines after the Include continue in a copy of the block.
async function expandSection(section: Section, ctx: IncludeContext, depth: number): Promise<Line[]> {
  const subs = [...section.config];
  if (!subs.some(isInclude)) return [section];
  const isHost = /^host$/i.test(section.param);
  // Inside a Host block that does not match, nothing included applies (OpenSSH's SSHCONF_NEVERMATCH).
  // Match blocks are best effort: their included directives keep the Match criteria.
  const active = !isHost || glob(valuesOf(section), ctx.host);
  const out: Line[] = [];
  let current = cloneSection(section);
  for (const sub of subs) {
    if (!isInclude(sub)) {
      current.config.push(sub);
      continue;
    }
    if (!active) continue;
    const included = await includeAll(sub as Line, ctx, depth);
    const firstBlock = included.findIndex((l) => 'config' in l);
    const plain = firstBlock < 0 ? included : included.slice(0, firstBlock);
    current.config.push(...plain);
    if (firstBlock >= 0) {
      out.push(current, ...included.slice(firstBlock));
      current = cloneSection(section);
    }
  }
  out.push(current);
  return out;
}

async function includeAll(line: Line, ctx: IncludeContext, depth: number): Promise<Line[]> {
  const out: Line[] = [];
  for (const pattern of valuesOf(line)) {
    for (const file of await expandPath(pattern, ctx)) out.push(...(await expandFile(file, ctx, depth + 1)));
  }
  return out;
}

// `~` and relative paths as ssh_config(5) says, then glob(3)-style `*`/`?` in any path component.
async function expandPath(pattern: string, ctx: IncludeContext): Promise<string[]> {
  let p = pattern.replace(/^~(?=\/|$)/, ctx.home);
  if (!isAbsolute(p)) p = join(ctx.baseDir, p);
  const parts = p.split('/').filter((s) => s !== '');
  let paths = ['/'];
  for (const part of parts) {
    if (!/[*?]/.test(part)) {
      paths = paths.map((d) => join(d, part));
      continue;
    }
    const re = new RegExp(`^${part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    const next: string[] = [];
    for (const d of paths) {
      const names = await readdir(d).catch(() => [] as string[]);
      // Like glob(3): sorted, and a wildcard never matches a leading dot.
      for (const n of names.sort()) if (re.test(n) && !n.startsWith('.')) next.push(join(d, n));
    }
    paths = next;
  }
  return paths;
}

async function readCached(file: string, ctx: IncludeContext): Promise<string | null> {
  const cache = (ctx.cache ??= new Map());
  if (cache.has(file)) return cache.get(file) ?? null;
  let text: string | null = null;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Missing (or a directory matched by a glob) is fine; anything else the operator must hear about.
    if (code !== 'ENOENT' && code !== 'EISDIR' && code !== 'ENOTDIR') throw err;
  }
  cache.set(file, text);
  return text;
}

function isInclude(line: Line): boolean {
  return line.type === LineType.DIRECTIVE && /^include$/i.test(line.param);
}

/** The values of a directive as a list (`ssh-config` keeps multi-value directives as arrays). */
export function valuesOf(line: Line): string[] {
  if (line.type !== LineType.DIRECTIVE) return [];
  return Array.isArray(line.value) ? line.value.map((v) => v.val) : line.value.split(/\s+/).filter((v) => v !== '');
}

function cloneSection(section: Section): Section {
  return { ...section, config: new SSHConfig() };
}

