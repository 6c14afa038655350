// SPDX-License-Identifier: Apache-2.0
// `ciab bundle verify <dir> --allowed-signers FILE [--identity I]` checks an offline bundle (exit 0
// good, 1 verification failed); `ciab bundle create <dir> --key KEY [--name N]` writes and signs its
// manifest. Progress goes to stderr, on a terminal only.
import { describeProblem, isWarning, nextActionFor } from '../../backend/airgap/bundle-errors.js';
import { SIGNATURE_NAMESPACE } from '../../backend/airgap/bundle-manifest.js';
import { createBundle } from '../../backend/airgap/create-bundle.js';
import { allowedSignersLine } from '../../backend/airgap/ssh-signature.js';
import { verifyBundle, type VerifyProgress } from '../../backend/airgap/verify-bundle.js';
import { EXIT, type Output } from '../cli-output.js';

export interface BundleVerifyOptions {
  dir: string;
  allowedSigners: string;
  identity?: string;
}

export interface BundleCreateOptions {
  dir: string;
  key: string;
  name?: string;
  /** Principal for the allowed_signers line printed for the site. */
  identity?: string;
}

const MiB = 1024 * 1024;

/** A progress line writer for stderr that is silent unless stderr is a terminal. */
function progressLine(label: string): { update: (done: number, total: number) => void; end: () => void } {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  let shown = false;
  return {
    update: (done, total) => {
      const now = Date.now();
      if (!tty || (now - last < 100 && done < total)) return;
      last = now;
      shown = true;
      const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
      process.stderr.write(`\r${label} ${(done / MiB).toFixed(0)}/${(total / MiB).toFixed(0)} MiB (${pct}%)\x1b[K`);
    },
    end: () => {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

function failure(err: unknown, what: string, out: Output): number {
  const e = err as Error & { nextAction?: string };
  out.error(`${what}: ${e.message}`, e.nextAction);
  return EXIT.failed;
}

/** Verifies a bundle directory; resolves with the exit code. */
export async function bundleVerifyCommand(opts: BundleVerifyOptions, out: Output): Promise<number> {
  const bar = progressLine('hashing');
  let result;
  const started = Date.now();
  try {
    result = await verifyBundle(opts.dir, {
      allowedSigners: opts.allowedSigners,
      ...(opts.identity ? { identity: opts.identity } : {}),
      onProgress: (p: VerifyProgress) => {
        if (p.phase === 'hashing') bar.update(p.bytesDone, p.bytesTotal);
      },
    });
  } catch (err) {
    bar.end();
    return failure(err, `cannot verify the bundle ${opts.dir}`, out);
  }
  bar.end();
  const seconds = (Date.now() - started) / 1000;
  if (out.json) {
    out.record({
      event: 'bundle-verify',
      dir: opts.dir,
      ok: result.ok,
      name: result.manifest?.name ?? null,
      signer: result.signer,
      signerKey: result.signerKey,
      types: result.manifest?.types ?? null,
      versions: result.manifest?.versions ?? null,
      files: result.manifest?.files.length ?? 0,
      filesVerified: result.filesVerified,
      bytes: result.bytes,
      seconds,
      problems: result.problems,
    });
  } else {
    if (result.signer) out.info(`Signature: good, signed by ${out.bold(result.signer)}${result.signerKey ? out.dim(` (${result.signerKey})`) : ''}`);
    if (result.manifest) {
      const m = result.manifest;
      const versions = Object.entries(m.versions).map(([k, v]) => `${k} ${v}`).join(', ');
      out.info(`Bundle ${out.bold(m.name)} for ${m.types.join(', ')}${versions ? ` (${versions})` : ''}, created ${m.created}`);
      out.info(`Verified ${result.filesVerified} of ${m.files.length} files, ${(result.bytes / MiB).toFixed(1)} MiB in ${seconds.toFixed(1)} s`);
    }
    for (const p of result.problems) out.info(`  ${isWarning(p) ? 'warning' : out.red('FAILED')}  ${describeProblem(p)}`);
  }
  const failed = result.problems.filter((p) => !isWarning(p));
  if (failed.length > 0) {
    const first = failed[0]!;
    const what = first.kind === 'signature' ? `the bundle signature is not valid; no file was checked` : `${failed.length} file${failed.length === 1 ? '' : 's'} of the bundle failed verification (first: ${first.path})`;
    out.error(what, nextActionFor(first));
    return EXIT.failed;
  }
  if (!out.json) out.info(out.green('Bundle verified: it can be uploaded to the server'));
  return EXIT.ok;
}

/** Writes and signs manifest.json for a bundle directory; resolves with the exit code. */
export async function bundleCreateCommand(opts: BundleCreateOptions, out: Output): Promise<number> {
  const bar = progressLine('hashing');
  try {
    const m = await createBundle(opts.dir, { key: opts.key, ...(opts.name ? { name: opts.name } : {}), onProgress: bar.update });
    bar.end();
    const bytes = m.files.reduce((n, f) => n + f.size, 0);
    const signersLine = opts.identity ? await allowedSignersLine(opts.key, opts.identity, SIGNATURE_NAMESPACE) : null;
    if (out.json) out.record({ event: 'bundle-create', dir: opts.dir, name: m.name, types: m.types, files: m.files.length, bytes, manifest: 'manifest.json', signature: 'manifest.json.sig', allowedSigners: signersLine });
    else {
      out.info(`Wrote manifest.json for ${out.bold(m.name)}: ${m.files.length} files, ${(bytes / MiB).toFixed(1)} MiB, types ${m.types.join(', ')}`);
      const kinds = new Map<string, number>();
      for (const f of m.files) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
      out.info(out.dim(`kinds: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')} (guessed from paths; edit manifest.json and run create again to change them)`));
      out.info(out.green('Signed: manifest.json.sig'));
      if (signersLine) out.info(`allowed_signers line for the site:\n${signersLine}`);
    }
    return EXIT.ok;
  } catch (err) {
    bar.end();
    return failure(err, `cannot create the bundle manifest in ${opts.dir}`, out);
  }
}
