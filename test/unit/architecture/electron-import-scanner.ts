// SPDX-License-Identifier: Apache-2.0
// Finds every way a source file can pull in the 'electron' module, for the architecture test
// that keeps Electron inside the adapter (electron/main, electron/preload).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export type ElectronImportKind = 'import' | 'import-type' | 'export-from' | 'dynamic-import' | 'require';

export interface ElectronImport {
  kind: ElectronImportKind;
  line: number;
  text: string;
}

// 'electron' or any subpath ('electron/main', 'electron/renderer', ...), in either quote style.
const SPEC = String.raw`['"\x60]electron(?:/[^'"\x60]*)?['"\x60]`;
const PATTERNS: { kind: ElectronImportKind; re: RegExp }[] = [
  { kind: 'import-type', re: new RegExp(String.raw`\bimport\s+type\b[^;'"\x60]*?\bfrom\s*${SPEC}`, 'g') },
  { kind: 'import', re: new RegExp(String.raw`\bimport\s+(?!type\b)(?:[^;'"\x60()]*?\bfrom\s*)?${SPEC}`, 'g') },
  { kind: 'export-from', re: new RegExp(String.raw`\bexport\s+[^;'"\x60]*?\bfrom\s*${SPEC}`, 'g') },
  { kind: 'dynamic-import', re: new RegExp(String.raw`\bimport\s*\(\s*${SPEC}\s*\)`, 'g') },
  // require('electron'), and createRequire(import.meta.url)('electron') called in one go.
  { kind: 'require', re: new RegExp(String.raw`(?:\brequire|\bcreateRequire\s*\([^()]*\))\s*\(\s*${SPEC}\s*\)`, 'g') },
];

/**
 * Blanks out comments, keeping strings and newlines (so line numbers stay right). A small
 * tokenizer rather than a regex, so '//' inside 'https://...' strings is not taken for a comment.
 */
export function stripComments(source: string): string {
  let out = '';
  let i = 0;
  const blank = (text: string): string => text.replace(/[^\n]/g, ' ');
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      out += source.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** Every reference to the electron module in one source text. */
export function findElectronImports(source: string): ElectronImport[] {
  const code = stripComments(source);
  const found: ElectronImport[] = [];
  for (const { kind, re } of PATTERNS) {
    for (const m of code.matchAll(re)) {
      const index = m.index ?? 0;
      found.push({ kind, line: code.slice(0, index).split('\n').length, text: m[0].replace(/\s+/g, ' ') });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

const SOURCE_EXT = /\.(?:ts|tsx|js|mjs|cjs|mts|cts)$/;

/** All source files under `dir` (recursively), skipping node_modules and build output. */
export async function listSourceFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return []; // a folder that does not exist yet has nothing to violate
  }
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === 'out' || entry.name === 'dist') continue;
      files.push(...(await listSourceFiles(full)));
    } else if (SOURCE_EXT.test(entry.name)) {
      files.push(full);
    }
  }
  return files;
}

/** Reads and scans one file. */
export async function scanFile(file: string): Promise<ElectronImport[]> {
  return findElectronImports(await readFile(file, 'utf8'));
}
