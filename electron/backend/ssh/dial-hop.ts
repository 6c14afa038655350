// SPDX-License-Identifier: Apache-2.0
// One SSH login to one machine (the target or a jump host): host-key decision, pinning, authentication.
import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import type { Client as SshClient, ServerHostKeyAlgorithm } from 'ssh2';
import { authHandlerFor, type AuthPlan } from './auth-plan.js';
import { decideHostKey, pinHostKey, preferredHostKeyAlgorithms } from './host-key.js';
import type { KnownHostEntry } from './known-hosts-file.js';
import { sshError, toSshError, type SshAttempt, type SshError } from './ssh-error.js';
import { clientSocket, corkPerTick } from './cork-writes.js';

const { Client } = ssh2;

/** A host key as seen during a connect, and what we decided about it. */
export interface HostKeyInfo {
  algorithm: string;
  fingerprint: string;
  status: 'unknown' | 'pinned' | 'accepted' | 'mismatch';
  expectedFingerprint?: string;
  /** Set only for the key of a ProxyJump hop: its alias or host:port. Absent for the target's own key. */
  hop?: string;
}

/** Everything needed to log in to one machine. */
export interface DialParams {
  host: string;
  port: number;
  username: string;
  plan: AuthPlan;
  attempt: SshAttempt;
  /** known_hosts entries for this host:port, read before dialling. */
  entries: KnownHostEntry[];
  appFile: string;
  acceptFingerprint?: string | undefined;
  /** A forwarded channel from the previous hop, instead of a TCP connection. */
  sock?: Duplex;
  timeoutMs: number;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  hop?: string | undefined;
}

/** Logged in (client open, the caller owns it), or stopped on a host key the operator must decide on. */
export type DialOutcome =
  | { kind: 'ready'; client: SshClient; hostKey: HostKeyInfo }
  | { kind: 'stopped'; hostKey: HostKeyInfo };

/** Connect, check the host key before anything is sent, pin an accepted key after the handshake, log in. */
export function dialHop(p: DialParams): Promise<DialOutcome> {
  return new Promise<DialOutcome>((resolve, reject) => {
    const client = new Client();
    let hostKey: HostKeyInfo | undefined;
    let acceptedBlob: Buffer | undefined;
    let pinning: Promise<void> = Promise.resolve();
    let banner = '';
    let settled = false;

    // After success the caller owns the client; on every other outcome we close it here.
    const fail = (fn: () => void) => {
      if (settled) return;
      settled = true;
      client.end();
      fn();
    };
    // A refused host key ends the session on purpose: that is an answer for the operator, not an error.
    const stoppedOnHostKey = () => hostKey?.status === 'unknown' || hostKey?.status === 'mismatch';
    const stop = () => fail(() => resolve({ kind: 'stopped', hostKey: hostKey as HostKeyInfo }));

    // Many small packets (channel open, exec, EOF) follow each other: without TCP_NODELAY, Nagle and the
    // peer's delayed ACK add ~40 ms to every command.
    client.on('connect', () => client.setNoDelay(true));
    client.on('banner', (text: string) => {
      banner += text;
    });
    client.on('handshake', () => {
      // Pin only now: ssh2 has verified the server's signature, so it really holds the accepted key.
      if (acceptedBlob && hostKey?.status === 'accepted') {
        const blob = acceptedBlob;
        acceptedBlob = undefined;
        pinning = pinHostKey(p.appFile, p.host, p.port, blob).catch((err: NodeJS.ErrnoException) => {
          throw sshError('protocol', p.attempt, `The accepted host key could not be saved to ${p.appFile}.`,
            err.code ?? String(err), 'Check that the app data folder is writable (disk full? read-only?), then connect again.');
        });
        // Observed in 'ready'; this keeps Node from reporting it as unhandled if login fails first.
        pinning.catch(() => undefined);
      }
    });
    client.on('error', (err: Error & { level?: string }) => {
      if (settled) return;
      if (stoppedOnHostKey()) return stop();
      p.attempt.offered = p.plan.offered;
      const mapped = toSshError(err, p.attempt);
      fail(() => reject(mapped.kind === 'auth' ? withServerWords(mapped, banner, p) : mapped));
    });
    client.on('close', () => {
      if (settled) return;
      if (stoppedOnHostKey()) return stop();
      fail(() => reject(sshError('protocol', p.attempt, `${p.host}:${p.port} closed the SSH connection unexpectedly.`,
        'connection closed', 'Try again; if it repeats, check the server\'s SSH log (`journalctl -u ssh`).')));
    });
    client.on('ready', () => {
      pinning.then(
        () => {
          if (settled) return;
          settled = true;
          corkPerTick(clientSocket(client));
          resolve({ kind: 'ready', client, hostKey: hostKey as HostKeyInfo });
        },
        (err: SshError) => fail(() => reject(err)),
      );
    });

    try {
      client.connect({
        host: p.host,
        port: p.port,
        ...(p.sock ? { sock: p.sock } : {}),
        username: p.username,
        readyTimeout: p.timeoutMs,
        keepaliveInterval: p.keepaliveIntervalMs,
        keepaliveCountMax: p.keepaliveCountMax,
        algorithms: { serverHostKey: preferredHostKeyAlgorithms(p.entries) as ServerHostKeyAlgorithm[] },
        authHandler: authHandlerFor(p.plan),
        hostVerifier: (blob: Buffer): boolean => {
          const check = decideHostKey(p.entries, blob);
          hostKey = { algorithm: check.algorithm, fingerprint: check.fingerprint, status: check.status };
          if (check.expectedFingerprint) hostKey.expectedFingerprint = check.expectedFingerprint;
          if (p.hop !== undefined) hostKey.hop = p.hop;
          if (check.status === 'pinned') return true;
          if (check.status === 'unknown' && p.acceptFingerprint === check.fingerprint) {
            hostKey.status = 'accepted';
            acceptedBlob = blob;
            return true;
          }
          // Unknown or mismatched: stop during key exchange, before any credential is sent.
          return false;
        },
      });
    } catch (err) {
      fail(() => reject(toSshError(err, p.attempt)));
    }
  });
}

// The server's pre-login banner often says who may log in, and keyboard-interactive prompts say what it
// wanted (a one-time code?): keep both with an auth error. Never the answers.
function withServerWords(e: SshError, banner: string, p: DialParams): SshError {
  const extra: string[] = [];
  if (banner.trim()) extra.push(`Server banner: ${banner.trim().slice(0, 500)}`);
  if (p.plan.prompts?.length) extra.push(`Server prompts: ${p.plan.prompts.map((t) => JSON.stringify(t.slice(0, 100))).join(', ')}`);
  if (!extra.length) return e;
  return sshError(e.kind, p.attempt, e.message, [e.detail, ...extra].join('\n'), e.nextAction);
}
