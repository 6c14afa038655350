// SPDX-License-Identifier: Apache-2.0
// Writes and signs manifest.json for a bundle directory (for the people who build bundles, and for
// tests). Kinds are guessed from paths; re-running keeps name, types, versions and kinds already in
// an existing manifest, so hand edits survive a rebuild.
import { lstat, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_FILE, SIGNATURE_FILE, SIGNATURE_NAMESPACE, unsafePathReason, validateBundleManifest, type BundleFile, type BundleFileKind, type BundleManifest } from './bundle-manifest.js';
import { listFiles, mapLimit, sha256File } from './hash-files.js';
import { signFile } from './ssh-signature.js';

export interface CreateBundleOptions {
  /** Private key (or public key with the private half in ssh-agent) for `ssh-keygen -Y sign`. */
  key: string;
  name?: string;
  types?: BundleManifest['types'];
  versions?: BundleManifest['versions'];
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
}

const RULES: [RegExp, BundleFileKind][] = [
  [/(^|\/)k3s-airgap-images[^/]*$/, 'k3s-images'],
  [/(^|\/)k3s(-(amd64|arm64|armhf|s390x))?$/, 'k3s-binary'],
  [/octavia|amphora/i, 'amphora-image'],
  [/(^|\/)registry[^/]*\.tar(\.(bz2|gz|zst|xz))?$|(^|\/)registry\//, 'registry-data'],
  [/(^|\/)(ubuntu|debian)-[^/]*\.tar(\.(bz2|gz|zst|xz))?$|(^|\/)(apt|mirror)\/|\.deb$|(^|\/)(dists|pool)\//, 'apt-mirror'],
  [/\.(img|qcow2|iso|raw|vmdk)(\.(gz|xz|zst|bz2))?$/, 'os-image'],
  [/(^|\/)(configuration|config|environments|inventory)\/|\.(ya?ml|json|conf|cfg|toml|ini|j2)$/, 'configuration'],
];

/** The kind a bundle file most likely has, from its path alone. */
export function guessKind(rel: string): BundleFileKind {
  return RULES.find(([re]) => re.test(rel))?.[1] ?? 'other';
}

/** The CiaB types a bundle with these kinds can serve (a k3s bundle: kubernetes; otherwise OpenStack). */
export function guessTypes(kinds: readonly BundleFileKind[]): BundleManifest['types'] {
  const k3s = kinds.includes('k3s-binary') || kinds.includes('k3s-images');
  const osism = kinds.includes('registry-data') || kinds.includes('apt-mirror') || kinds.includes('amphora-image');
  if (k3s && !osism) return ['kubernetes'];
  if (osism && !k3s) return ['sandbox', 'edge'];
  return ['sandbox', 'edge', 'kubernetes'];
}

async function previousManifest(dir: string): Promise<BundleManifest | null> {
  try {
    return validateBundleManifest(JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')));
  } catch {
    return null;
  }
}

/** Hashes every file in `dir`, writes manifest.json and signs it (manifest.json.sig). */
export async function createBundle(dir: string, opts: CreateBundleOptions): Promise<BundleManifest> {
  const prev = await previousManifest(dir);
  const prevKinds = new Map(prev?.files.map((f) => [f.path, f.kind]) ?? []);
  const rels = (await listFiles(dir)).filter((r) => r !== MANIFEST_FILE && r !== SIGNATURE_FILE);
  for (const r of rels) {
    const reason = unsafePathReason(r);
    if (reason) throw new Error(`${path.join(dir, r)}: the file name ${reason}; rename it`);
  }
  const sizes = await mapLimit(rels, 2, (r) => lstat(path.join(dir, r)));
  for (const [i, st] of sizes.entries()) {
    if (!st.isFile()) throw new Error(`${path.join(dir, rels[i]!)} is not a regular file (symbolic links are not allowed in a bundle); replace it by the file itself`);
  }
  const total = sizes.reduce((n, st) => n + st.size, 0);
  let done = 0;
  const files: BundleFile[] = await mapLimit(rels, 2, async (r) => {
    const h = await sha256File(path.join(dir, r), (n) => {
      done += n;
      opts.onProgress?.(done, total);
    });
    return { path: r, size: h.size, sha256: h.sha256, kind: prevKinds.get(r) ?? guessKind(r) };
  });
  const manifest: BundleManifest = {
    format: 'ciab-bundle',
    version: 1,
    name: opts.name ?? prev?.name ?? (path.basename(path.resolve(dir)).replace(/[^A-Za-z0-9._+-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'bundle'),
    created: new Date().toISOString(),
    types: opts.types ?? prev?.types ?? guessTypes(files.map((f) => f.kind)),
    versions: opts.versions ?? prev?.versions ?? {},
    files,
  };
  validateBundleManifest(manifest);
  const target = path.join(dir, MANIFEST_FILE);
  await writeFile(`${target}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(`${target}.tmp`, target);
  await signFile(target, opts.key, SIGNATURE_NAMESPACE);
  return manifest;
}
