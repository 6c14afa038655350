// SPDX-License-Identifier: Apache-2.0
// Verifies an offline bundle on the local disk: the manifest's OpenSSH signature first, then each
// file's size and streamed sha256, then files the manifest does not list (a warning). Read-only.
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { BundleError, isWarning, type BundleProblem } from './bundle-errors.js';
import { MANIFEST_FILE, SIGNATURE_FILE, SIGNATURE_NAMESPACE, parseBundleManifest, resolveInBundle, type BundleFile, type BundleManifest } from './bundle-manifest.js';
import { listFiles, mapLimit, sha256File } from './hash-files.js';
import { findPrincipals, verifySignature } from './ssh-signature.js';

export interface VerifyProgress {
  phase: 'signature' | 'hashing' | 'done';
  bytesDone: number;
  bytesTotal: number;
  /** The file whose bytes were just hashed. */
  file?: string;
}

export interface VerifyBundleOptions {
  /** Path of an OpenSSH allowed_signers file (ssh-keygen(1), ALLOWED SIGNERS). */
  allowedSigners: string;
  /** The principal the signature must be from; default: whichever allowed signer's key made it. */
  identity?: string;
  onProgress?: (p: VerifyProgress) => void;
  /** Files hashed at the same time (default 2). */
  concurrency?: number;
  signal?: AbortSignal;
}

export interface VerifyBundleResult {
  /** True when the signature is good and every listed file matches (extra files only warn). */
  ok: boolean;
  /** The principal that signed the manifest, once the signature is verified. */
  signer: string | null;
  /** Fingerprint of the signing key (SHA256:...), when ssh-keygen reported it. */
  signerKey: string | null;
  manifest: BundleManifest | null;
  filesVerified: number;
  /** Bytes hashed. */
  bytes: number;
  problems: BundleProblem[];
}

const NEXT_DIR = 'Enter the path of the offline bundle directory (the one that contains manifest.json and manifest.json.sig).';

/** Verifies the bundle in `dir`; throws a BundleError only when it cannot be checked at all. */
export async function verifyBundle(dir: string, opts: VerifyBundleOptions): Promise<VerifyBundleResult> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new BundleError(`${dir} is not a directory.`, dir, NEXT_DIR);
  const signers = await stat(opts.allowedSigners).catch(() => null);
  if (!signers?.isFile()) {
    throw new BundleError(`the allowed signers file ${opts.allowedSigners} does not exist.`, opts.allowedSigners, 'Give the allowed_signers file of the site (lines "principal key-type key"), as handed over by whoever signs the bundles.');
  }
  const manifestPath = path.join(dir, MANIFEST_FILE);
  const sigPath = path.join(dir, SIGNATURE_FILE);
  const bytes = await readFile(manifestPath).catch(() => null);
  if (bytes === null) throw new BundleError(`${manifestPath} is missing.`, manifestPath, 'Copy the complete bundle, including manifest.json and manifest.json.sig.');
  const result: VerifyBundleResult = { ok: false, signer: null, signerKey: null, manifest: null, filesVerified: 0, bytes: 0, problems: [] };
  opts.onProgress?.({ phase: 'signature', bytesDone: 0, bytesTotal: 0 });

  // 1. The signature, over the exact bytes parsed below. Nothing is hashed when it fails.
  const expected = `a "${SIGNATURE_NAMESPACE}" signature by ${opts.identity ?? 'a key'} listed in ${opts.allowedSigners}`;
  const sigProblem = (found: string): VerifyBundleResult => ({ ...result, problems: [{ path: SIGNATURE_FILE, kind: 'signature', expected, found }] });
  if (!(await stat(sigPath).catch(() => null))?.isFile()) return sigProblem('the signature file is missing');
  let candidates: string[];
  if (opts.identity) candidates = [opts.identity];
  else {
    const found = await findPrincipals(opts.allowedSigners, sigPath);
    if (found.principals.length === 0) return sigProblem(found.error ?? 'no principal in the allowed signers file matches the signing key');
    candidates = found.principals;
  }
  let lastError = '';
  for (const identity of candidates) {
    const v = await verifySignature({ allowedSigners: opts.allowedSigners, identity, namespace: SIGNATURE_NAMESPACE, sigFile: sigPath, message: bytes });
    if (v.ok) {
      result.signer = identity;
      result.signerKey = v.key;
      break;
    }
    lastError = v.error;
  }
  if (result.signer === null) return sigProblem(lastError);

  // 2. Every listed file: type and size first (cheap), then the streamed sha256.
  const manifest = parseBundleManifest(bytes, MANIFEST_FILE);
  result.manifest = manifest;
  const bytesTotal = manifest.files.reduce((n, f) => n + f.size, 0);
  let bytesDone = 0;
  const progress = (n: number, file: string): void => {
    bytesDone += n;
    opts.onProgress?.({ phase: 'hashing', bytesDone, bytesTotal, file });
  };
  const root = await realpath(dir);
  const checkOne = async (f: BundleFile): Promise<BundleProblem | null> => {
    const full = resolveInBundle(dir, f.path);
    const st = await lstat(full).catch(() => null);
    // A directory symlink on the way could lead out of the bundle: the real path must stay inside.
    const real = st ? await realpath(full).catch(() => null) : null;
    if (st && (real === null || !real.startsWith(root + path.sep))) {
      progress(f.size, f.path);
      return { path: f.path, kind: 'missing', expected: 'a file inside the bundle directory', found: 'a path that leads outside the bundle (symbolic link)' };
    }
    const expectedSize = `${f.size} bytes`;
    if (!st) {
      progress(f.size, f.path);
      return { path: f.path, kind: 'missing', expected: expectedSize, found: null };
    }
    if (!st.isFile()) {
      progress(f.size, f.path);
      return { path: f.path, kind: 'missing', expected: `a regular file of ${expectedSize}`, found: st.isSymbolicLink() ? 'a symbolic link' : st.isDirectory() ? 'a directory' : 'not a regular file' };
    }
    if (st.size !== f.size) {
      progress(f.size, f.path);
      return { path: f.path, kind: 'size', expected: String(f.size), found: String(st.size) };
    }
    const h = await sha256File(full, (n) => progress(n, f.path), opts.signal);
    result.bytes += h.size;
    if (h.size !== f.size) return { path: f.path, kind: 'size', expected: String(f.size), found: String(h.size) };
    if (h.sha256 !== f.sha256) return { path: f.path, kind: 'sha256', expected: f.sha256, found: h.sha256 };
    result.filesVerified++;
    return null;
  };
  const fileProblems = await mapLimit(manifest.files, opts.concurrency ?? 2, checkOne);
  result.problems.push(...fileProblems.filter((p): p is BundleProblem => p !== null));

  // 3. Files in the directory the manifest does not list: reported, never uploaded.
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const rel of await listFiles(dir)) {
    if (rel === MANIFEST_FILE || rel === SIGNATURE_FILE || listed.has(rel)) continue;
    result.problems.push({ path: rel, kind: 'extra', expected: null, found: 'not listed in the manifest' });
  }
  result.ok = result.problems.every(isWarning);
  opts.onProgress?.({ phase: 'done', bytesDone, bytesTotal });
  return result;
}
