// SPDX-License-Identifier: Apache-2.0
// Only the Electron adapter (electron/main, electron/preload) may import 'electron'; everything
// else must run in plain Node. Inside the adapter, only a few wiring files may import it at run
// time; the rest use `import type` so they stay testable without the binary.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronImports, listSourceFiles, scanFile, stripComments } from './electron-import-scanner.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SCANNED = ['electron', 'renderer', 'scripts', 'bench'];
const ADAPTER = ['electron/main/', 'electron/preload/'];
// The adapter files that wire Electron itself; every other adapter file must stay pure.
const RUNTIME_ADAPTER_FILES = new Set([
  'electron/main/index.ts',
  'electron/main/app-protocol.ts',
  'electron/main/ipc-registration.ts',
  'electron/main/secure-window.ts',
  'electron/preload/index.ts',
]);

// The launcher asks the electron npm package (its plain-Node index.js) for the path of the binary
// to spawn; that returns a string and loads no Electron API. Only that one form, in that one file.
const LAUNCHER_EXCEPTIONS = new Map([['scripts/start.mjs', new Set(['require'])]]);

const rel = (file: string): string => path.relative(ROOT, file).split(path.sep).join('/');
const inAdapter = (file: string): boolean => ADAPTER.some((dir) => rel(file).startsWith(dir));

async function scanAll(): Promise<{ file: string; hits: Awaited<ReturnType<typeof scanFile>> }[]> {
  const files = (await Promise.all(SCANNED.map((dir) => listSourceFiles(path.join(ROOT, dir))))).flat();
  return Promise.all(files.map(async (file) => ({ file, hits: await scanFile(file) })));
}

describe('electron import scanner (self-test)', () => {
  it.each([
    ["import { app } from 'electron';", 'import'],
    ['import {\n  app,\n  BrowserWindow,\n} from "electron";', 'import'],
    ["import * as electron from 'electron'", 'import'],
    ["import electron from 'electron/main';", 'import'],
    ["import 'electron';", 'import'],
    ["import type { WebContents } from 'electron';", 'import-type'],
    ["export { app } from 'electron';", 'export-from'],
    ["export * from 'electron';", 'export-from'],
    ["const e = await import('electron');", 'dynamic-import'],
    ['const e = await import ( `electron` );', 'dynamic-import'],
    ["const { app } = require('electron');", 'require'],
    ['const e = require ("electron/renderer")', 'require'],
    ["const e = createRequire(import.meta.url)('electron');", 'require'],
  ])('catches %s', (source, kind) => {
    const hits = findElectronImports(source);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.kind).toBe(kind);
  });

  it.each([
    "import { x } from 'electron-builder';",
    "import { y } from './electron.js';",
    "import { z } from '../electron/api/contract.js';",
    "// import { app } from 'electron';",
    "/* const e = require('electron'); */",
    "const url = 'https://example.invalid/'; // require('electron')",
    "const dir = 'electron/main';",
    "const p = require.resolve('electron');",
  ])('ignores %s', (source) => {
    expect(findElectronImports(source)).toEqual([]);
  });

  it('keeps line numbers through stripped comments', () => {
    const source = "/* one\n two */\nconst a = 'x'; // three\nimport { app } from 'electron';\n";
    expect(stripComments(source).split('\n')).toHaveLength(source.split('\n').length);
    expect(findElectronImports(source)[0]!.line).toBe(4);
  });
});

describe('architecture: electron stays in the adapter', () => {
  it('scans a real tree', async () => {
    const results = await scanAll();
    // The contract and the adapter exist already; an empty scan would prove nothing.
    expect(results.some((r) => rel(r.file) === 'electron/api/contract.ts')).toBe(true);
    expect(results.some((r) => rel(r.file) === 'electron/main/index.ts' && r.hits.length > 0)).toBe(true);
  });

  it('no file outside electron/main and electron/preload imports electron in any form', async () => {
    const violations = (await scanAll())
      .filter((r) => !inAdapter(r.file))
      .flatMap((r) =>
        r.hits.filter((h) => !LAUNCHER_EXCEPTIONS.get(rel(r.file))?.has(h.kind)).map((h) => `${rel(r.file)}:${h.line} ${h.kind}: ${h.text}`),
      );
    expect(violations).toEqual([]);
  });

  it('inside the adapter, only the wiring files import electron at run time', async () => {
    const violations = (await scanAll())
      .filter((r) => inAdapter(r.file) && !RUNTIME_ADAPTER_FILES.has(rel(r.file)))
      .flatMap((r) => r.hits.filter((h) => h.kind !== 'import-type').map((h) => `${rel(r.file)}:${h.line} ${h.kind}: ${h.text}`));
    expect(violations).toEqual([]);
  });
});
