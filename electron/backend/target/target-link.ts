// SPDX-License-Identifier: Apache-2.0
// The backend's one SSH link to the install target: it checks the host key when the operator
// connects, then keeps a session (one connection, many commands) that reconnects by itself and
// reports its state to the workflow. Probe, wipe and later the deploy runner go through it.
import { homedir, userInfo } from 'node:os';
import path from 'node:path';
import type { ConnectionView } from '../../api/contract.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { connectTarget, type ConnectResult } from '../ssh/connect-target.js';
import { openSession, type ExecOptions, type ExecResult, type SshSession } from '../ssh/ssh-session.js';
import { targetConnectOptions, type TypedTarget } from '../ssh/target-options.js';

export interface TargetLinkOptions {
  dataDir: string;
  secrets: SecretStore;
  /** The user's OpenSSH known_hosts (honoured); null to ignore it. */
  userKnownHosts?: string | null;
  /** The user's ssh config for aliases; null to ignore it. */
  sshConfig?: string | null;
  onStatus: (status: ConnectionView) => void;
  /**
   * The embedded demo server, whose key the app made itself. Sessions to it (never the operator's first
   * connect, which shows the key) accept that key: after a restart the demo listens on a new port.
   */
  demoServer?: { host: string; port: number; fingerprint: string } | null;
}

const key = (t: TypedTarget) => `${t.username ?? ''}@${t.host}:${t.port ?? ''}/${t.auth}/${t.keyPath ?? ''}`;

/** Holds the session to the current target; at most one at a time. */
export class TargetLink {
  private session: SshSession | null = null;
  private sessionKey: string | null = null;
  private opening: Promise<SshSession> | null = null;
  private unwatch: (() => void) | null = null;
  private generation = 0;

  constructor(private readonly opts: TargetLinkOptions) {}

  /** Checks the host key (pinning `acceptFingerprint` if it is the key seen) and gathers the server facts. */
  async connect(target: TypedTarget, acceptFingerprint: string | null): Promise<{ result: ConnectResult; endpoint: { host: string; port: number; username: string } }> {
    const { options } = await this.options(target, acceptFingerprint);
    const result = await connectTarget(options);
    if (result.hostKey.status === 'pinned' || result.hostKey.status === 'accepted') {
      // Keep a session for the steps that follow; failure here shows up when they run.
      void this.sessionFor(target).catch(() => undefined);
    }
    return { result, endpoint: { host: options.host, port: options.port, username: options.username } };
  }

  /** Runs one command on the target over the kept session (opening it if needed). */
  async exec(target: TypedTarget, command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    return (await this.sessionFor(target)).exec(command, opts);
  }

  /** The kept session to `target`, opened on first use (e.g. after a resume). */
  async sessionFor(target: TypedTarget): Promise<SshSession> {
    const k = key(target);
    if (this.session && this.sessionKey === k && this.session.status().status !== 'lost') return this.session;
    if (this.opening && this.sessionKey === k) return this.opening;
    this.close();
    // A generation per open: an open that finishes after the target changed must not be kept.
    const generation = ++this.generation;
    this.sessionKey = k;
    const opening = (async () => {
      const demo = this.opts.demoServer;
      const isDemo = demo && target.host === demo.host && (target.port ?? 22) === demo.port;
      const { options } = await this.options(target, isDemo ? demo.fingerprint : null);
      const session = await openSession(options);
      if (generation !== this.generation) {
        session.close();
        throw new Error('the target changed while connecting; the old connection was closed');
      }
      this.session = session;
      this.unwatch = session.onStatus((s) => this.opts.onStatus({ status: s.status, attempt: s.attempt, since: s.since, ...(s.message ? { message: s.message } : {}) }));
      this.opts.onStatus({ status: 'connected', attempt: 0, since: new Date().toISOString() });
      return session;
    })();
    this.opening = opening;
    try {
      return await opening;
    } catch (err) {
      if (generation === this.generation) this.sessionKey = null;
      throw err;
    } finally {
      if (this.opening === opening) this.opening = null;
    }
  }

  /** After the connection was lost: try again now instead of waiting for the next backoff step. */
  reconnectNow(): void {
    this.session?.reconnectNow();
  }

  /** Closes the session (target changed, install ended, backend closing). */
  close(): void {
    this.generation++;
    this.opening = null;
    this.unwatch?.();
    this.unwatch = null;
    if (this.session) {
      this.session.close();
      this.session = null;
      this.opts.onStatus({ status: 'none', attempt: 0, since: null });
    }
    this.sessionKey = null;
  }

  private options(target: TypedTarget, acceptFingerprint: string | null) {
    const password = this.opts.secrets.get('ssh-password');
    const passphrase = this.opts.secrets.get('key-passphrase');
    const userFile = this.opts.userKnownHosts === null ? undefined : (this.opts.userKnownHosts ?? path.join(homedir(), '.ssh', 'known_hosts'));
    // null: ignore the user's ssh config entirely (tests, demo); /dev/null reads as an empty config.
    const configFile = this.opts.sshConfig === null ? '/dev/null' : (this.opts.sshConfig ?? path.join(homedir(), '.ssh', 'config'));
    return targetConnectOptions(
      { ...target, username: target.username || undefined },
      {
        knownHosts: { appFile: path.join(this.opts.dataDir, 'known_hosts'), ...(userFile ? { userFile } : {}) },
        ...(password ? { password } : {}),
        ...(passphrase ? { passphrase } : {}),
        ...(acceptFingerprint ? { acceptFingerprint } : {}),
      },
      { configFile },
    ).then((r) => {
      // No User in the config and none typed: like ssh, log in as the local user.
      if (!r.options.username) r.options.username = userInfo().username;
      return r;
    });
  }
}
