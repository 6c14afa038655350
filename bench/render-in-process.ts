// SPDX-License-Identifier: Apache-2.0
// In-process part of bench/render.bench.mjs: what the review step does — validate the site file,
// resolve defaults, render every file (vault encryption included) and run the leak check.
import { readFileSync } from 'node:fs';
import { renderSite } from '../electron/backend/site/render/render-site.js';
import { generateSiteSecrets } from '../electron/backend/site/secrets/generate-secrets.js';
import { parseSiteText } from '../electron/backend/site/site-file.js';

/** Times validate + render + leak-check of one site file: cold (first), warm (unchanged), and with every file changed. */
export function timeRender(siteFile: string, runs: number): { coldMs: number; ms: number[]; uncachedMs: number[]; files: number; bytes: number; leaks: number } {
  const text = readFileSync(siteFile, 'utf8');
  const ms: number[] = [];
  const uncachedMs: number[] = [];
  let coldMs = 0;
  let files = 0;
  let bytes = 0;
  let leaks = 0;
  let secrets = null as ReturnType<typeof generateSiteSecrets> | null;
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const parsed = parseSiteText(text);
    if (!parsed.resolved) throw new Error(`${siteFile} is invalid: ${JSON.stringify(parsed.errors)}`);
    // Secrets are generated once per site and kept; a render reuses them, as the app does.
    secrets ??= generateSiteSecrets(parsed.resolved);
    const result = renderSite({ site: parsed.resolved, secrets, vaultPassword: 'bench-vault-password-0123456789' });
    const t = performance.now() - t0;
    if (i === 0) coldMs = t;
    else ms.push(t);
    files = result.files.length;
    bytes = result.files.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
    leaks = result.leaks.length;
  }
  // Every vault file new (another vault password each run): no PBKDF2 result can be reused.
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const parsed = parseSiteText(text);
    renderSite({ site: parsed.resolved!, secrets: secrets!, vaultPassword: `bench-vault-password-${i}` });
    uncachedMs.push(performance.now() - t0);
  }
  return { coldMs, ms, uncachedMs, files, bytes, leaks };
}
