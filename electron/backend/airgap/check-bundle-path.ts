// SPDX-License-Identifier: Apache-2.0
// The wizard's bundle step: verifies the chosen bundle completely (OpenSSH signature against the app's
// allowed_signers file, then every file's size and sha256) before anything touches the server.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BundleError, describeProblem, isWarning } from './bundle-errors.js';
import { verifyBundle } from './verify-bundle.js';

export const DEMO_BUNDLE = 'demo://bundle';

/** Where the app looks for the OpenSSH allowed_signers file that says who may sign bundles. */
export function allowedSignersFile(dataDir: string): string {
  return path.join(dataDir, 'allowed_signers');
}

/** Resolves when the bundle in `dir` is signed by an allowed signer and complete; throws naming the file and what to do. */
export async function checkBundlePath(dir: string, mode: 'install' | 'demo' | null, dataDir: string): Promise<{ verified: true }> {
  if (dir === DEMO_BUNDLE) {
    if (mode === 'demo') return { verified: true };
    throw Object.assign(new Error('demo://bundle is the simulated bundle of the demo; a real install needs a real bundle directory.'), {
      nextAction: 'Enter the path of the offline bundle directory (the one that contains manifest.json).',
    });
  }
  const signers = allowedSignersFile(dataDir);
  if (!existsSync(signers)) {
    throw Object.assign(new Error(`No allowed signers are set up: ${signers} does not exist, so the bundle's signature cannot be checked.`), {
      title: 'Bundle signers unknown',
      nextAction: `Copy the allowed_signers line(s) you got with the bundle (\`ciab bundle create --identity\` prints one) into ${signers}, then press Verify again.`,
    });
  }
  let result;
  try {
    result = await verifyBundle(dir, { allowedSigners: signers });
  } catch (err) {
    if (err instanceof BundleError) throw Object.assign(new Error(err.message), { nextAction: err.nextAction });
    throw err;
  }
  const problems = result.problems.filter((p) => !isWarning(p));
  if (problems.length > 0) {
    const lines = problems.map(describeProblem);
    throw Object.assign(new Error(`The bundle in ${dir} failed verification: ${lines[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`), {
      title: 'The bundle was refused',
      lastLines: lines.slice(0, 50),
      nextAction: 'Copy the bundle again from the source medium, or ask whoever built it for a new one; nothing was sent to the server.',
    });
  }
  return { verified: true };
}
