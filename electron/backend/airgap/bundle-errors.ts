// SPDX-License-Identifier: Apache-2.0
// Human messages for bundle checks: what failed, where, and what to do next — for the CLI, the
// workflow's error view and the journal alike.

/** One thing wrong with a bundle, as verifyBundle reports it. */
export interface BundleProblem {
  /** Path relative to the bundle root (manifest.json.sig for signature problems). */
  path: string;
  kind: 'missing' | 'size' | 'sha256' | 'extra' | 'signature';
  expected: string | null;
  found: string | null;
}

/** A bundle that cannot be checked at all (no manifest, invalid manifest, unreadable signers file). */
export class BundleError extends Error {
  readonly where: string;
  readonly nextAction: string;
  readonly field: string | undefined;
  constructor(message: string, where: string, nextAction: string, field?: string) {
    super(message);
    this.name = 'BundleError';
    this.where = where;
    this.nextAction = nextAction;
    this.field = field;
  }
}

const RECOPY = 'Copy the bundle again from the source medium and run the check again; if it keeps failing, ask whoever built the bundle for a new one.';

/** True when the problem only warns (the bundle is still usable). */
export function isWarning(p: BundleProblem): boolean {
  return p.kind === 'extra';
}

/** One sentence saying what is wrong with one file. */
export function describeProblem(p: BundleProblem): string {
  switch (p.kind) {
    case 'missing':
      return `${p.path} is missing${p.found ? ` (${p.found})` : ''}; the manifest lists it with ${p.expected ?? 'a size'}.`;
    case 'size': {
      const why = Number(p.found) < Number(p.expected) ? 'truncated or incomplete copy' : 'the file was changed or appended to';
      return `${p.path} has the wrong size: ${p.found ?? '?'} bytes, the manifest says ${p.expected ?? '?'} (${why}).`;
    }
    case 'sha256':
      return `${p.path} has been changed or damaged: its sha256 is ${p.found ?? '?'}, the manifest says ${p.expected ?? '?'}.`;
    case 'extra':
      return `${p.path} is in the bundle directory but not in the manifest; it is ignored and will not be uploaded.`;
    case 'signature':
      return `The manifest signature ${p.path} is not valid: ${p.found ?? 'unknown reason'} (expected ${p.expected ?? 'a valid signature'}).`;
  }
}

/** What the operator should do about one problem. */
export function nextActionFor(p: BundleProblem): string {
  switch (p.kind) {
    case 'extra':
      return 'Nothing needed; remove the file if it does not belong to the bundle.';
    case 'signature':
      return 'Check that --allowed-signers lists the key the bundle was signed with (and the principal, if given); if it does, the manifest was changed after signing: get the bundle again.';
    default:
      return RECOPY;
  }
}
