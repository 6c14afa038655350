// SPDX-License-Identifier: Apache-2.0
// A long-lived SSH session to one target: many commands over one connection, reconnect with backoff after a drop.
import type { ClientChannel, SFTPWrapper } from 'ssh2';
import type { HostKeyInfo } from './dial-hop.js';
import { openConnection, targetAttempt, type ConnectOptions, type KeepaliveOptions, type OpenConnection, type OpenOutcome } from './open-connection.js';
import { backoffDelay, DEFAULT_RECONNECT, type ReconnectPolicy } from './reconnect-backoff.js';
import { isOpenRefused, startExec, type ExecOptions, type ExecResult, type RunningExec } from './remote-exec.js';
import { atHop, hostKeyMismatchError, hostKeyUnknownError, sshError, toSshError, type SshAttempt, type SshError } from './ssh-error.js';

export type { ExecOptions, ExecResult } from './remote-exec.js';
export type { ReconnectPolicy } from './reconnect-backoff.js';

/** Options of a session: how to connect, keepalives, the reconnect policy, and parallel channels. */
export interface SessionOptions extends ConnectOptions, KeepaliveOptions {
  reconnect?: ReconnectPolicy;
  /** Commands running at once over the connection; sshd's MaxSessions defaults to 10. */
  maxChannels?: number;
}

/** The connection as the workflow shows it (ConnectionView in the API contract, minus `none`). */
export interface SessionStatus {
  status: 'connected' | 'reconnecting' | 'lost';
  /** Reconnect attempt in progress (1-based) while reconnecting, attempts made when lost, 0 when connected. */
  attempt: number;
  /** ISO time the status began. */
  since: string;
  message?: string;
}

// These failures will not go away by retrying: stop and tell the operator.
const HARD_STOPS = new Set(['auth', 'config', 'host-key-mismatch', 'host-key-unknown']);

/** Connect (checking host keys like connectTarget; unknown or changed keys throw) and keep the connection. */
export async function openSession(opts: SessionOptions): Promise<SshSession> {
  const outcome = await openConnection(opts, opts);
  if (outcome.kind === 'stopped') throw hostKeyStop(outcome, opts);
  return new SshSession(opts, outcome.conn);
}

/** One target, one SSH connection, reused for every exec; reports connected / reconnecting / lost. */
export class SshSession {
  private conn: OpenConnection | null;
  private generation = 0;
  private state: SessionStatus;
  private readonly listeners = new Set<(s: SessionStatus) => void>();
  private readonly inflight = new Map<RunningExec, string>();
  private readonly waiters = new Set<{ resolve: () => void; reject: (e: SshError) => void }>();
  private readonly slotQueue: (() => void)[] = [];
  private active = 0;
  private timer: NodeJS.Timeout | undefined;
  private failure: SshError | null = null;
  private closed = false;
  /** A reconnect attempt is dialling right now (so reconnectNow does not start a second one). */
  private connecting = false;
  private readonly attempt: SshAttempt;
  private readonly policy: ReconnectPolicy;

  /** Use openSession(); this wraps a connection that is already open. */
  constructor(private readonly opts: SessionOptions, conn: OpenConnection) {
    this.conn = conn;
    this.attempt = targetAttempt(opts);
    this.policy = opts.reconnect ?? DEFAULT_RECONNECT;
    this.state = { status: 'connected', attempt: 0, since: new Date().toISOString() };
    this.watch(conn);
  }

  /** Where this session is logged in (for messages). */
  get target(): { host: string; port: number; username: string } {
    return { host: this.opts.host, port: this.opts.port, username: this.opts.username };
  }

  /** The target's host key as checked at the last (re)connect. */
  get hostKey(): HostKeyInfo | null {
    return this.conn?.hostKey ?? null;
  }

  /** Host keys of the ProxyJump hops at the last (re)connect. */
  get hops(): HostKeyInfo[] {
    return this.conn?.hops ?? [];
  }

  /** Current status (a copy). */
  status(): SessionStatus {
    return { ...this.state };
  }

  /** Call `listener` on every status change; returns the function that unsubscribes it. */
  onStatus(listener: (s: SessionStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Run a command over the shared connection (a new channel, never a new connection). While reconnecting
   * it waits; if the connection drops while it runs it rejects with kind `dropped` and the caller decides.
   */
  async exec(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const deadline = opts.timeoutMs ? Date.now() + opts.timeoutMs : undefined;
    await this.acquireSlot();
    try {
      await this.whenConnected(command, opts.signal, deadline);
      const conn = this.conn as OpenConnection;
      const left = deadline !== undefined ? Math.max(1, deadline - Date.now()) : undefined;
      for (let refused = 0; ; refused++) {
        const run = startExec(conn.client, command, { ...opts, ...(left !== undefined ? { timeoutMs: left } : {}) }, this.attempt);
        this.inflight.set(run, command);
        try {
          return await run.result;
        } catch (err) {
          // sshd frees a session slot (MaxSessions) only once it has reaped a finished channel's shell, so a
          // busy connection sees short-lived refusals; nothing ran, so try again shortly (2 s in all).
          if (!isOpenRefused(err) || refused >= 20 || opts.signal?.aborted) throw err;
        } finally {
          this.inflight.delete(run);
        }
        await new Promise((r) => setTimeout(r, 10 * (refused + 1)));
      }
    } finally {
      this.releaseSlot();
    }
  }

  /**
   * Open an exec channel whose stdin stays open (a long-lived control channel) on the shared connection.
   * Waits while reconnecting; rejects with kind `dropped` if the connection is lost or the open fails.
   * It does not take an exec slot: the caller owns the channel and closes it.
   */
  async openChannel(command: string, opts: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<ClientChannel> {
    await this.whenConnected(command, opts.signal, opts.timeoutMs ? Date.now() + opts.timeoutMs : undefined);
    const conn = this.conn as OpenConnection;
    const gen = this.generation;
    return new Promise<ClientChannel>((resolve, reject) => {
      const fail = (why: string) => {
        settle();
        reject(sshError('dropped', this.attempt, `Could not open a channel on ${this.opts.host}:${this.opts.port}.`, why, 'The app retries after it reconnects.'));
      };
      // A connection that drops while the open is in flight may never answer it: give up on it then.
      const off = this.onStatus(() => {
        if (this.generation !== gen) fail('the connection dropped while the channel was opening');
      });
      const timer = setTimeout(() => fail('no answer to the channel open within 30 s'), opts.timeoutMs ?? 30_000);
      let done = false;
      const settle = () => {
        done = true;
        off();
        clearTimeout(timer);
      };
      conn.client.exec(command, (err, stream) => {
        if (done) {
          if (!err) stream.close();
          return;
        }
        settle();
        if (err) reject(sshError('dropped', this.attempt, `Could not open a channel on ${this.opts.host}:${this.opts.port}.`, err.message, 'The app retries after it reconnects.'));
        else resolve(stream);
      });
    });
  }

  /** An interactive login shell with a PTY (xterm-256color) on the shared connection, for the operator's terminal. */
  async openShell(size: { cols: number; rows: number }): Promise<ClientChannel> {
    await this.whenConnected('shell', undefined, Date.now() + 15_000);
    const conn = this.conn as OpenConnection;
    return new Promise<ClientChannel>((resolve, reject) => {
      conn.client.shell({ term: 'xterm-256color', cols: size.cols, rows: size.rows }, (err, stream) =>
        err ? reject(sshError('dropped', this.attempt, `Could not open a shell on ${this.opts.host}:${this.opts.port}.`, err.message, 'Check that the server allows interactive logins for this user.')) : resolve(stream));
    });
  }

  /** An SFTP session on the shared connection (waits while reconnecting); the caller ends it. */
  async sftp(opts: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<SFTPWrapper> {
    await this.whenConnected('sftp', opts.signal, opts.timeoutMs ? Date.now() + opts.timeoutMs : undefined);
    const conn = this.conn as OpenConnection;
    return new Promise<SFTPWrapper>((resolve, reject) => {
      conn.client.sftp((err, sftp) =>
        err ? reject(sshError('dropped', this.attempt, `Could not start SFTP on ${this.opts.host}:${this.opts.port}.`, err.message, 'Check that the server allows the sftp subsystem (Subsystem sftp in sshd_config).')) : resolve(sftp));
    });
  }

  /** Skip the wait: try to reconnect now (after `lost` for a network reason, or during a backoff wait). */
  reconnectNow(): void {
    if (this.closed || this.state.status === 'connected') return;
    if (this.connecting || (this.failure && HARD_STOPS.has(this.failure.kind))) return;
    clearTimeout(this.timer);
    this.failure = null;
    const next = this.state.status === 'lost' ? 1 : this.state.attempt;
    this.setStatus('reconnecting', next, this.state.message);
    void this.tryReconnect(next);
  }

  /** End the session: running and waiting execs reject (kind `dropped`), the connection closes, listeners are dropped. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    const err = this.droppedError('The SSH session was closed by the app.', 'session closed');
    this.failAll(err, true);
    this.conn?.end();
    this.conn = null;
    this.listeners.clear();
  }

  // Every client of the chain: if any goes, the connection is gone.
  private watch(conn: OpenConnection): void {
    const gen = ++this.generation;
    const onGone = (why: string) => () => this.dropped(gen, why);
    for (const c of conn.clients) {
      c.on('error', (err: Error) => this.dropped(gen, err.message));
      c.on('end', onGone('the server ended the connection'));
      c.on('close', onGone('the connection closed'));
    }
  }

  private dropped(gen: number, why: string): void {
    if (this.closed || gen !== this.generation || !this.conn) return;
    this.generation++;
    const conn = this.conn;
    this.conn = null;
    conn.end();
    const err = this.droppedError(`The connection to ${this.opts.host}:${this.opts.port} dropped (${why}).`, why);
    this.failInflight(err);
    this.setStatus('reconnecting', 1, `Connection dropped: ${why}. Reconnecting…`);
    this.schedule(1);
  }

  private schedule(attempt: number): void {
    this.timer = setTimeout(() => void this.tryReconnect(attempt), backoffDelay(attempt, this.policy));
  }

  private async tryReconnect(attempt: number): Promise<void> {
    let outcome: OpenOutcome;
    this.connecting = true;
    try {
      // Never accept a new key here: a changed key on reconnect is a mismatch, whatever was accepted before.
      outcome = await openConnection({ ...this.opts, acceptFingerprint: undefined }, this.opts);
    } catch (err) {
      this.connecting = false;
      if (this.closed || this.state.status !== 'reconnecting' || this.state.attempt !== attempt) return;
      const e = toSshError(err, this.attempt);
      if (HARD_STOPS.has(e.kind)) return this.giveUp(e, attempt);
      if (attempt >= this.policy.maxAttempts) {
        return this.giveUp(this.droppedError(`The connection to ${this.opts.host}:${this.opts.port} is lost: ${attempt} reconnect attempts failed (last: ${e.message}).`,
          e.detail), attempt);
      }
      this.setStatus('reconnecting', attempt + 1, `Attempt ${attempt} failed: ${e.message}`);
      return this.schedule(attempt + 1);
    }
    this.connecting = false;
    if (this.closed || this.state.status !== 'reconnecting' || this.state.attempt !== attempt) {
      if (outcome.kind === 'ready') outcome.conn.end();
      return;
    }
    if (outcome.kind === 'stopped') return this.giveUp(hostKeyStop(outcome, this.opts), attempt);
    this.conn = outcome.conn;
    this.watch(outcome.conn);
    this.setStatus('connected', 0, `Reconnected after ${attempt} attempt${attempt === 1 ? '' : 's'}.`);
    for (const w of [...this.waiters]) w.resolve();
    this.waiters.clear();
  }

  private giveUp(err: SshError, attempts: number): void {
    this.failure = err;
    this.setStatus('lost', attempts, err.message);
    this.failAll(err, false);
  }

  private whenConnected(command: string, signal: AbortSignal | undefined, deadline: number | undefined): Promise<void> {
    if (this.closed) return Promise.reject(this.droppedError('The SSH session was closed by the app.', 'session closed'));
    if (this.conn) return Promise.resolve();
    if (this.state.status === 'lost' && this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      const timer = deadline !== undefined
        ? setTimeout(() => done(() => reject(sshError('dropped', this.attempt, `The connection to ${this.opts.host}:${this.opts.port} did not come back in time to run the command.`,
          `still ${this.state.status}: ${command.slice(0, 200)}`, 'Check the network; the app keeps reconnecting.'))), Math.max(1, deadline - Date.now()))
        : undefined;
      const onAbort = () => done(() => reject(sshError('command', this.attempt, `The command on ${this.opts.host}:${this.opts.port} was cancelled.`,
        `cancelled while ${this.state.status}`, 'Run it again when ready.')));
      const waiter = { resolve: () => done(resolve), reject: (e: SshError) => done(() => reject(e)) };
      const done = (fn: () => void) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.waiters.delete(waiter);
        fn();
      };
      this.waiters.add(waiter);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private failInflight(err: SshError): void {
    for (const [run, command] of this.inflight) {
      run.abort(sshError('dropped', this.attempt, err.message, `${err.detail}; command: ${command.slice(0, 200)}`, err.nextAction), false);
    }
    this.inflight.clear();
  }

  private failAll(err: SshError, tellServer: boolean): void {
    for (const run of this.inflight.keys()) run.abort(err, tellServer);
    this.inflight.clear();
    for (const w of [...this.waiters]) w.reject(err);
    this.waiters.clear();
  }

  private droppedError(message: string, detail: string): SshError {
    return sshError('dropped', this.attempt, `${message} A command that was running may or may not have finished on the server.`, detail,
      'The app reconnects by itself. Run the command again if it is safe to repeat; otherwise check its effect on the server first.');
  }

  private setStatus(status: SessionStatus['status'], attempt: number, message?: string): void {
    this.state = { status, attempt, since: new Date().toISOString(), ...(message !== undefined ? { message } : {}) };
    const snapshot = this.status();
    for (const l of [...this.listeners]) {
      try {
        l(snapshot);
      } catch {
        // A listener's bug must not break the connection handling.
      }
    }
  }

  private acquireSlot(): Promise<void> {
    const max = this.opts.maxChannels ?? 8;
    if (this.active < max) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.slotQueue.push(() => {
      this.active++;
      resolve();
    }));
  }

  private releaseSlot(): void {
    this.active--;
    this.slotQueue.shift()?.();
  }
}

// The stop for an unknown or changed key, naming the hop when it was one.
function hostKeyStop(outcome: Extract<OpenOutcome, { kind: 'stopped' }>, opts: ConnectOptions): SshError {
  const k = outcome.hostKey;
  const hop = k.hop !== undefined ? (opts.proxyJump ?? []).find((h) => (h.alias ?? `${h.host}:${h.port}`) === k.hop) : undefined;
  const where = hop ? { host: hop.host, port: hop.port } : { host: opts.host, port: opts.port };
  if (k.status === 'unknown') return hostKeyUnknownError(where, k.fingerprint, k.hop);
  const e = hostKeyMismatchError(where, k, opts.knownHosts.appFile);
  return k.hop !== undefined ? atHop(e, k.hop) : e;
}
