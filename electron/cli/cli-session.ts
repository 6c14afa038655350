// SPDX-License-Identifier: Apache-2.0
// How the CLI logs in to a target, as OpenSSH does in batch use: an unknown host key is refused unless
// --accept-new pins it, a changed one is always refused; then one SshSession for everything.
import { homedir } from 'node:os';
import path from 'node:path';
import { defaultDataDir } from '../backend/app-paths.js';
import { openConnection } from '../backend/ssh/open-connection.js';
import { SshSession } from '../backend/ssh/ssh-session.js';
import { targetConnectOptions } from '../backend/ssh/target-options.js';
import type { Output } from './cli-output.js';
import { parseTarget } from './parse-target.js';

/** The login flags every SSH command of the CLI takes. */
export interface CliTargetOptions {
  target: string;
  identity?: string | undefined;
  knownHosts?: string | undefined;
  acceptNew: boolean;
}

/** The session to the target, or null after telling the operator why not (the caller exits 2). */
export async function openCliSession(opts: CliTargetOptions, out: Output): Promise<SshSession | null> {
  let typed;
  try {
    typed = parseTarget(opts.target);
  } catch (err) {
    out.error(`target: ${(err as Error).message}`);
    return null;
  }
  const appFile = opts.knownHosts ?? path.join(defaultDataDir(), 'known_hosts');
  const auth = opts.identity ? 'key' : process.env.SSH_AUTH_SOCK ? 'agent' : 'none';
  const extras = { knownHosts: { appFile, userFile: path.join(homedir(), '.ssh', 'known_hosts') } };
  const { options } = await targetConnectOptions({ ...typed, auth, ...(opts.identity ? { keyPath: opts.identity } : {}) }, extras);
  let outcome = await openConnection(options);
  for (let hop = 0; outcome.kind === 'stopped' && hop < 8; hop++) {
    const key = outcome.hostKey;
    const where = key.hop ? `jump host ${key.hop}` : `${options.host}:${options.port}`;
    if (key.status === 'mismatch') {
      out.error(
        `host key of ${where} has CHANGED (now ${key.fingerprint}, pinned ${key.expectedFingerprint ?? '?'}): possible man-in-the-middle, refusing`,
        'verify the key on the server console (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub); if it was reinstalled, remove the old pin with ssh-keygen -R',
      );
      return null;
    }
    if (!opts.acceptNew) {
      out.error(`host key of ${where} is not known (${key.algorithm} ${key.fingerprint}); refusing in non-interactive use`, 'verify it, then run again with --accept-new to pin it (like StrictHostKeyChecking=accept-new)');
      return null;
    }
    out.info(out.dim(`Pinning the host key of ${where}: ${key.fingerprint}`));
    outcome = await openConnection({ ...options, acceptFingerprint: key.fingerprint });
  }
  if (outcome.kind === 'stopped') {
    out.error(`could not get past the host keys of ${opts.target}`);
    return null;
  }
  return new SshSession(options, outcome.conn);
}
