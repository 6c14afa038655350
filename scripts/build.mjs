// SPDX-License-Identifier: Apache-2.0
// Builds everything the app runs from: the CLI/web backend, the Electron main and preload
// bundles (esbuild) and the renderer (vite) into out/. With --if-stale it does nothing when
// out/ is newer than every source file, so `npm start` and `npm test` can always call it.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
// The CLI alone has its own stamp, so `ciab` stays quick and a full build is not skipped by it.
const stamp = path.join(root, 'out', args.has('--cli-only') ? '.cli-stamp' : '.build-stamp');
const quiet = args.has('--quiet');
const log = (m) => quiet || console.log(m);

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/** True when some source is newer than the last build. */
function stale() {
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  const sources = args.has('--cli-only') ? ['electron', 'playbooks', 'package.json'] : ['electron', 'renderer', 'schemas', 'playbooks', 'vite.config.ts', 'package.json'];
  const inputs = sources.map((p) => path.join(root, p));
  return inputs.some((p) => (existsSync(p) ? (statSync(p).isDirectory() ? newest(p) : statSync(p).mtimeMs) > built : false));
}

if (args.has('--if-stale') && !stale()) process.exit(0);

const started = Date.now();
const esbuild = await import('esbuild');
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', packages: 'external', logLevel: 'warning', absWorkingDir: root };
// Code splitting keeps `ciab --help` from loading the web server, ssh2 and the workflow.
await esbuild.build({ ...common, entryPoints: { ciab: 'electron/cli/cli-entry.ts' }, outdir: 'out/cli', splitting: true, format: 'esm', outExtension: { '.js': '.mjs' } });
log('built out/cli/ciab.mjs');
mkdirSync(path.dirname(stamp), { recursive: true });
// Parsed profiles: the CLI reuses them when the YAML's bytes are unchanged (sha1 checked at load).
const { parse } = await import('yaml');
const { createHash } = await import('node:crypto');
const profilesDir = path.join(root, 'playbooks', 'profiles');
const yamlCache = {};
for (const f of readdirSync(profilesDir).filter((f) => f.endsWith('.yaml'))) {
  const text = readFileSync(path.join(profilesDir, f), 'utf8');
  try {
    yamlCache[f] = { sha1: createHash('sha1').update(text).digest('hex'), data: parse(text, { uniqueKeys: true }) };
  } catch {
    // leave it out: the loader parses it and reports the error with its line
  }
}
writeFileSync(path.join(root, 'out', 'yaml-cache.json'), JSON.stringify(yamlCache));
writeFileSync(path.join(root, 'out', '.cli-stamp'), new Date().toISOString());
if (!args.has('--cli-only')) {
  if (existsSync(path.join(root, 'electron/main/index.ts'))) {
    await esbuild.build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'out/main/index.js', format: 'esm', external: ['electron'] });
    // Sandboxed preloads must be CommonJS and self-contained apart from electron itself.
    await esbuild.build({ ...common, packages: undefined, entryPoints: ['electron/preload/index.ts'], outfile: 'out/preload/index.cjs', format: 'cjs', external: ['electron'] });
    log('built out/main/index.js and out/preload/index.cjs');
  }
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: quiet ? 'error' : 'warn' });
  log('built out/renderer/');
  writeFileSync(stamp, new Date().toISOString());
}
log(`build finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
