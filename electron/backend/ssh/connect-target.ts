// SPDX-License-Identifier: Apache-2.0
// Connect to the target server: verify (or pin) its host key, log in, and read who it is in one exec.
import ssh2 from 'ssh2';
import type { Client as SshClient, ServerHostKeyAlgorithm } from 'ssh2';
import { authHandlerFor, planAuth } from './auth-plan.js';
import { decideHostKey, knownEntriesFor, pinHostKey, preferredHostKeyAlgorithms } from './host-key.js';
import { FACTS_COMMAND, parseServerFacts, type ServerFacts } from './server-facts.js';
import { SshError, sshError, toSshError, type SshAttempt } from './ssh-error.js';

export { SshError, hostKeyMismatchError } from './ssh-error.js';
export type { SshErrorKind } from './ssh-error.js';
export type { ServerFacts } from './server-facts.js';

const { Client } = ssh2;

export interface ConnectOptions {
  host: string;
  port: number;
  username: string;
  auth: 'agent' | 'key' | 'password' | 'none';
  keyPath?: string;
  password?: string;
  passphrase?: string;
  knownHosts: { appFile: string; userFile?: string };
  timeoutMs?: number;
  /** accept and pin this exact fingerprint if seen */
  acceptFingerprint?: string;
}

export interface HostKeyInfo {
  algorithm: string;
  fingerprint: string;
  status: 'unknown' | 'pinned' | 'accepted' | 'mismatch';
  expectedFingerprint?: string;
}

export interface ConnectResult {
  hostKey: HostKeyInfo;
  facts: ServerFacts | null;
}

const DEFAULT_TIMEOUT_MS = 10_000;
// Notice a dead link (cable pulled, laptop asleep) within about a minute instead of never.
const KEEPALIVE_INTERVAL_MS = 15_000;
const KEEPALIVE_COUNT_MAX = 4;

/** Connect to a target, decide host-key trust, and (only if trusted) log in and gather server facts. */
export async function connectTarget(opts: ConnectOptions): Promise<ConnectResult> {
  const attempt: SshAttempt = {
    host: opts.host,
    port: opts.port,
    username: opts.username,
    method: opts.auth,
    secrets: [opts.password ?? '', opts.passphrase ?? ''].filter((s) => s !== ''),
  };
  if (!opts.host || !Number.isInteger(opts.port) || opts.port < 1 || opts.port > 65535) {
    throw sshError('protocol', attempt, `"${opts.host}:${opts.port}" is not a valid SSH address.`, 'invalid host or port',
      'Enter the server name or IP address and a port between 1 and 65535 (usually 22).');
  }
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let entries;
  try {
    entries = await knownEntriesFor(opts.knownHosts, opts.host, opts.port);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw sshError('protocol', attempt, `The known_hosts files could not be read (${code}).`, code,
      `Check the permissions of ${[opts.knownHosts.appFile, opts.knownHosts.userFile].filter(Boolean).join(' and ')}.`);
  }
  const plan = await planAuth(opts, attempt);
  attempt.method = plan.method;

  return new Promise<ConnectResult>((resolve, reject) => {
    const client = new Client();
    let hostKey: HostKeyInfo | undefined;
    let acceptedBlob: Buffer | undefined;
    let pinning: Promise<void> = Promise.resolve();
    let banner = '';
    let settled = false;

    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      client.end();
      fn();
    };
    // A refused host key ends the session on purpose: that is an answer for the operator, not an error.
    const stoppedOnHostKey = () => hostKey?.status === 'unknown' || hostKey?.status === 'mismatch';

    client.on('banner', (text: string) => {
      banner += text;
    });
    client.on('handshake', () => {
      // Pin only now: ssh2 has verified the server's signature, so it really holds the accepted key.
      if (acceptedBlob && hostKey?.status === 'accepted') {
        const blob = acceptedBlob;
        acceptedBlob = undefined;
        pinning = pinHostKey(opts.knownHosts.appFile, opts.host, opts.port, blob).catch((err: NodeJS.ErrnoException) => {
          throw sshError('protocol', attempt, `The accepted host key could not be saved to ${opts.knownHosts.appFile}.`,
            err.code ?? String(err), 'Check that the app data folder is writable (disk full? read-only?), then connect again.');
        });
        // Observed in 'ready'; this keeps Node from reporting it as unhandled if login fails first.
        pinning.catch(() => undefined);
      }
    });
    client.on('error', (err: Error & { level?: string }) => {
      if (stoppedOnHostKey()) return settle(() => resolve({ hostKey: hostKey as HostKeyInfo, facts: null }));
      attempt.offered = plan.offered;
      const mapped = toSshError(err, attempt);
      if (mapped.kind === 'auth' && banner.trim()) {
        // The server's pre-login banner often says who may log in; keep it with the error.
        return settle(() => reject(withBanner(mapped, banner, attempt)));
      }
      settle(() => reject(mapped));
    });
    client.on('close', () => {
      if (stoppedOnHostKey()) return settle(() => resolve({ hostKey: hostKey as HostKeyInfo, facts: null }));
      settle(() => reject(sshError('protocol', attempt, `${opts.host}:${opts.port} closed the SSH connection unexpectedly.`,
        'connection closed', 'Try again; if it repeats, check the server\'s SSH log (`journalctl -u ssh`).')));
    });
    client.on('ready', () => {
      void (async () => {
        try {
          await pinning;
          const facts = await gatherFacts(client, timeoutMs, attempt);
          settle(() => resolve({ hostKey: hostKey as HostKeyInfo, facts }));
        } catch (err) {
          settle(() => reject(err instanceof SshError ? err : toSshError(err, attempt)));
        }
      })();
    });

    try {
      client.connect({
        host: opts.host,
        port: opts.port,
        username: opts.username,
        readyTimeout: timeoutMs,
        keepaliveInterval: KEEPALIVE_INTERVAL_MS,
        keepaliveCountMax: KEEPALIVE_COUNT_MAX,
        algorithms: { serverHostKey: preferredHostKeyAlgorithms(entries) as ServerHostKeyAlgorithm[] },
        authHandler: authHandlerFor(plan),
        hostVerifier: (blob: Buffer): boolean => {
          const check = decideHostKey(entries, blob);
          hostKey = { algorithm: check.algorithm, fingerprint: check.fingerprint, status: check.status };
          if (check.expectedFingerprint) hostKey.expectedFingerprint = check.expectedFingerprint;
          if (check.status === 'pinned') return true;
          if (check.status === 'unknown' && opts.acceptFingerprint === check.fingerprint) {
            hostKey.status = 'accepted';
            acceptedBlob = blob;
            return true;
          }
          // Unknown or mismatched: stop during key exchange, before any credential is sent.
          return false;
        },
      });
    } catch (err) {
      settle(() => reject(toSshError(err, attempt)));
    }
  });
}

/** Run the facts command over an authenticated client and parse its output. */
async function gatherFacts(client: SshClient, timeoutMs: number, a: SshAttempt): Promise<ServerFacts> {
  const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number | null }>(
    (resolve, reject) => {
      const timer = setTimeout(
        () => reject(sshError('command', a, `The server ${a.host}:${a.port} did not answer a simple command in time.`,
          `no exit after ${timeoutMs} ms: ${FACTS_COMMAND}`, 'Check the server load and its login shell; then try again.')),
        timeoutMs,
      );
      client.exec(FACTS_COMMAND, (err, stream) => {
        if (err) {
          clearTimeout(timer);
          return reject(sshError('command', a, `The server ${a.host}:${a.port} refused to run commands for ${a.username}.`,
            err.message, 'Check that the account has a login shell and is not restricted to SFTP (ForceCommand).'));
        }
        let out = '';
        let errOut = '';
        let exit: number | null = null;
        stream.on('data', (d: Buffer) => (out += d.toString('utf8')));
        stream.stderr.on('data', (d: Buffer) => (errOut += d.toString('utf8')));
        stream.on('exit', (c: number | null) => (exit = c));
        stream.on('close', () => {
          clearTimeout(timer);
          resolve({ stdout: out, stderr: errOut, code: exit });
        });
      });
    },
  );
  const facts = parseServerFacts(stdout);
  // A missing /etc/os-release still leaves useful facts; only an empty answer is an error.
  if (facts.hostname === 'unknown' && facts.kernel === 'unknown') {
    throw sshError('command', a, `The server ${a.host}:${a.port} did not answer the facts command (exit ${code ?? 'none'}).`,
      `stderr: ${stderr.trim().slice(0, 500)}`, 'Check that the login shell of the account is a POSIX shell (bash, sh).');
  }
  return facts;
}

function withBanner(e: SshError, banner: string, a: SshAttempt): SshError {
  return sshError(e.kind, a, e.message, `${e.detail}\nServer banner: ${banner.trim().slice(0, 500)}`, e.nextAction);
}
