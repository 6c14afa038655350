// SPDX-License-Identifier: Apache-2.0
// Connect to the target server (through its ProxyJump hops): verify (or pin) host keys, log in, read who it is.
import type { Client as SshClient } from 'ssh2';
import type { HostKeyInfo } from './dial-hop.js';
import { openConnection, targetAttempt, type ConnectOptions } from './open-connection.js';
import { startExec } from './remote-exec.js';
import { FACTS_COMMAND, parseServerFacts, type ServerFacts } from './server-facts.js';
import { sshError, type SshAttempt } from './ssh-error.js';

export { SshError, hostKeyMismatchError } from './ssh-error.js';
export type { SshErrorKind } from './ssh-error.js';
export type { ServerFacts } from './server-facts.js';
export type { ConnectOptions, JumpHop } from './open-connection.js';
export type { HostKeyInfo } from './dial-hop.js';

/** What a connect found out. `hostKey` is the target's, or the hop's (hostKey.hop set) where it stopped. */
export interface ConnectResult {
  hostKey: HostKeyInfo;
  facts: ServerFacts | null;
  /** Host keys of the ProxyJump hops seen, first hop first; absent for a direct connection. */
  hops?: HostKeyInfo[];
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Connect to a target, decide host-key trust at every hop, and (only if all are trusted) log in and gather facts. */
export async function connectTarget(opts: ConnectOptions): Promise<ConnectResult> {
  const outcome = await openConnection(opts);
  const withHops = <T extends object>(r: T, hops: HostKeyInfo[]) => (opts.proxyJump?.length ? { ...r, hops } : r);
  if (outcome.kind === 'stopped') return withHops({ hostKey: outcome.hostKey, facts: null }, outcome.hops);
  const { conn } = outcome;
  try {
    const facts = await gatherFacts(conn.client, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, targetAttempt(opts));
    return withHops({ hostKey: conn.hostKey, facts }, conn.hops);
  } finally {
    conn.end();
  }
}

/** Run the facts command over an authenticated client and parse its output. */
async function gatherFacts(client: SshClient, timeoutMs: number, a: SshAttempt): Promise<ServerFacts> {
  const r = await startExec(client, FACTS_COMMAND, { timeoutMs }, a).result.catch((err: Error) => {
    if (/did not finish/.test(err.message)) {
      throw sshError('command', a, `The server ${a.host}:${a.port} did not answer a simple command in time.`,
        `no exit after ${timeoutMs} ms: ${FACTS_COMMAND}`, 'Check the server load and its login shell; then try again.');
    }
    throw err;
  });
  const stdout = r.stdout.toString('utf8');
  const stderr = r.stderr.toString('utf8');
  const facts = parseServerFacts(stdout);
  // A missing /etc/os-release still leaves useful facts; only an empty answer is an error.
  if (facts.hostname === 'unknown' && facts.kernel === 'unknown') {
    throw sshError('command', a, `The server ${a.host}:${a.port} did not answer the facts command (exit ${r.code ?? 'none'}).`,
      `stderr: ${stderr.trim().slice(0, 500)}`, 'Check that the login shell of the account is a POSIX shell (bash, sh).');
  }
  return facts;
}
