// SPDX-License-Identifier: Apache-2.0
// The site file argument of `ciab render` and `ciab deploy`: read, validate, and on failure print
// every problem as file:line: field message plus what to do next.
import type { ResolvedSite } from '../backend/site/site-types.js';
import { formatSiteErrors, readSiteFile } from '../backend/site/site-file.js';
import type { Output } from './cli-output.js';

/** The resolved site of `file`, or null after telling the operator what is wrong (`again`: the command to re-run). */
export async function readSiteArg(file: string, out: Output, again: string): Promise<ResolvedSite | null> {
  let parsed;
  try {
    parsed = await readSiteFile(file);
  } catch (err) {
    out.error(`cannot read the site file ${file}: ${(err as Error).message}`);
    return null;
  }
  if (parsed.resolved) return parsed.resolved;
  if (out.json) out.record({ site: file, valid: false, errors: parsed.errors });
  for (const line of formatSiteErrors(file, parsed.errors)) out.info(line);
  out.error(`${file} is not a valid site file (${parsed.errors.length} problem${parsed.errors.length === 1 ? '' : 's'})`, `fix the fields named above and run ${again} again`);
  return null;
}
