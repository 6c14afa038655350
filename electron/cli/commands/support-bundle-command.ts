// SPDX-License-Identifier: Apache-2.0
// `ciab support-bundle <journal> -o file.tar.gz`: the journal and what the data dir knows about that
// install, scrubbed of secrets, with a manifest and a redaction report (see replay/support-bundle.ts).
import { createSupportBundle } from '../../backend/replay/support-bundle.js';
import { EXIT, type Output } from '../cli-output.js';

export interface SupportBundleOptions {
  journal: string;
  output: string | undefined;
  dataDir?: string | undefined;
}

/** Writes the support bundle; resolves with the exit code. */
export async function supportBundleCommand(opts: SupportBundleOptions, out: Output): Promise<number> {
  if (!opts.output) {
    out.error('support-bundle needs -o FILE.tar.gz (where to write the bundle)', 'ciab support-bundle <journal> -o support.tar.gz');
    return EXIT.usage;
  }
  try {
    const r = await createSupportBundle(opts.journal, opts.output, opts.dataDir ? { dataDir: opts.dataDir } : {});
    if (out.json) {
      out.record({ event: 'support-bundle', ...r });
      return EXIT.ok;
    }
    const kinds = Object.entries(r.redactions).map(([k, n]) => `${k} ${n}`).join(', ');
    out.info(`Wrote ${r.file}: ${r.files.length} files for install ${r.installId}${kinds ? `; redacted while packing: ${kinds}` : ''}`);
    for (const m of r.missing) out.info(out.dim(`not included: ${m}`));
    return EXIT.ok;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    out.error(e.code === 'ENOENT' ? `${e.path ?? opts.journal}: no such file` : e.message, 'give the path of an install journal (<data dir>/journals/*.ndjson)');
    return EXIT.failed;
  }
}
