// SPDX-License-Identifier: Apache-2.0
// In-process part of bench/bundle-upload.bench.mjs: the app's bundle upload (free-space check, SFTP with
// pipelined writes, sha256 of every file on the server before its final name) on one open session.
import { validateBundleManifest, type BundleManifest } from '../electron/backend/airgap/bundle-manifest.js';
import { sha256File } from '../electron/backend/airgap/hash-files.js';
import { uploadBundle } from '../electron/backend/airgap/upload-bundle.js';
import { benchSession, type SshTarget } from './bench-session.js';

/** Where to connect. */
export type UploadTarget = SshTarget;

/** The manifest of the files in `dir` (hashed here, before any timing: the bundle was verified before upload). */
export async function manifestOf(dir: string, files: string[]): Promise<BundleManifest> {
  const entries = [];
  for (const rel of files) {
    const h = await sha256File(`${dir}/${rel}`);
    entries.push({ path: rel, size: h.size, sha256: h.sha256, kind: 'other' as const });
  }
  return validateBundleManifest({ format: 'ciab-bundle', version: 1, name: 'bench', created: new Date().toISOString(), types: ['sandbox'], versions: {}, files: entries });
}

/** Milliseconds of one upload of `localDir` into the empty `remoteDir`, session opened beforehand. */
export async function timeUpload(t: UploadTarget, localDir: string, manifest: BundleManifest, remoteDir: string): Promise<{ ms: number; sent: number }> {
  const session = await benchSession(t);
  try {
    const t0 = performance.now();
    const r = await uploadBundle(session, { localDir, manifest, remoteDir });
    const ms = performance.now() - t0;
    if (r.uploaded.length !== manifest.files.length) throw new Error(`uploaded ${r.uploaded.length} of ${manifest.files.length} files`);
    return { ms, sent: r.bytesSent };
  } finally {
    await session.close();
  }
}
