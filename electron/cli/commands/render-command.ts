// SPDX-License-Identifier: Apache-2.0
// `ciab render <site.yaml> -o <dir> [--check]`: validates a site file, renders the air-gapped
// configuration into a directory and runs the leak check. Exit 0 when rendered (and clean with
// --check), 1 when the site is invalid, rendering failed or --check found public endpoints.
import { readFile } from 'node:fs/promises';
import type { LeakFinding } from '../../api/contract.js';
import { defaultDataDir } from '../../backend/app-paths.js';
import { renderSite } from '../../backend/site/render/render-site.js';
import { writeRenderedTree } from '../../backend/site/render/write-tree.js';
import { loadSiteSecrets } from '../../backend/site/secrets/site-secret-store.js';
import { EXIT, type Output } from '../cli-output.js';
import { readSiteArg } from '../read-site-arg.js';

export interface RenderOptions {
  siteFile: string;
  outDir?: string;
  check: boolean;
  dataDir?: string;
  vaultPasswordFile?: string;
  registryPasswordFile?: string;
}

/** Reads a one-line secret file (trailing newline dropped), naming the option on failure. */
export async function readSecretFile(file: string, option: string): Promise<string> {
  try {
    const value = (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
    if (value.length === 0) throw new Error('the file is empty');
    return value;
  } catch (err) {
    throw new Error(`${option} ${file}: ${(err as Error).message}`);
  }
}

/** Renders a site file; resolves with the exit code. */
export async function renderCommand(opts: RenderOptions, out: Output): Promise<number> {
  const site = await readSiteArg(opts.siteFile, out, 'ciab render');
  if (!site) return EXIT.failed;
  const dataDir = opts.dataDir ?? defaultDataDir();
  try {
    const vaultPassword = opts.vaultPasswordFile ? await readSecretFile(opts.vaultPasswordFile, '--vault-password-file') : undefined;
    const registryPassword = opts.registryPasswordFile ? await readSecretFile(opts.registryPasswordFile, '--registry-password-file') : site.registry.password;
    const secrets = await loadSiteSecrets(dataDir, site, vaultPassword);
    const result = renderSite({ site, secrets: secrets.secrets, vaultPassword: secrets.vaultPassword, ...(registryPassword !== undefined ? { registryPassword } : {}) });
    if (opts.outDir) await writeRenderedTree(opts.outDir, result.files);
    const clean = result.leaks.length === 0;
    if (out.json) {
      out.record({
        site: site.name,
        type: site.type,
        output: opts.outDir ?? null,
        files: result.files.length,
        digest: result.digest,
        secretsFile: secrets.file,
        leaks: result.leaks,
      });
    } else {
      const where = opts.outDir ? ` into ${opts.outDir}` : ' (checked only, nothing written)';
      out.info(`Rendered ${result.files.length} files for ${out.bold(site.name)} (${site.type})${where}`);
      out.info(out.dim(`digest ${result.digest}`));
      out.info(out.dim(`secrets and the vault password are kept in ${secrets.file}${secrets.created ? ' (created now)' : ''}; they are never written into the output`));
      if (clean) out.info(out.green('Leak check: no public endpoints found'));
      else printLeaks(result.leaks, out);
    }
    if (!clean && opts.check) {
      out.error(`the leak check found ${result.leaks.length} public endpoint${result.leaks.length === 1 ? '' : 's'}`, 'replace them with site-local sources in the site file, or list site-local names in airgap.allow');
      return EXIT.failed;
    }
    return EXIT.ok;
  } catch (err) {
    const e = err as Error & { field?: string };
    out.error(`rendering ${opts.siteFile} failed: ${e.message}${e.field ? ` (field ${e.field})` : ''}`, 'fix the site file (or the option named) and run ciab render again');
    return EXIT.failed;
  }
}

function printLeaks(leaks: LeakFinding[], out: Output): void {
  out.info(out.red(`Leak check: ${leaks.length} public endpoint${leaks.length === 1 ? '' : 's'} found`));
  for (const l of leaks) out.info(`  ${l.file}:${l.line}:${l.column}  ${out.bold(l.match)}  ${out.dim(l.reason)}`);
}
