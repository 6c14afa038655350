// SPDX-License-Identifier: Apache-2.0
// Runs one command on an open SSH connection: one channel, stdin in, stdout/stderr/exit status out.
import type { Client as SshClient, ClientChannel } from 'ssh2';
import { sshError, type SshAttempt, type SshError } from './ssh-error.js';

/** How one command runs. */
export interface ExecOptions {
  /** Written to the command's stdin, then EOF; without it stdin is closed at once (so `cat` ends). */
  stdin?: string | Buffer;
  /** Give up after this long: the channel is closed and the promise rejects (kind `command`). */
  timeoutMs?: number;
  /** Abort from outside (operator pressed Cancel): closes the channel, rejects (kind `command`). */
  signal?: AbortSignal;
  /** Called with every chunk as it arrives, for live logs; the chunks are also in the result. */
  onData?: (stream: 'stdout' | 'stderr', chunk: Buffer) => void;
}

/** What a finished command left behind. `code` is null when it died by a signal or never reported one. */
export interface ExecResult {
  code: number | null;
  signal: string | null;
  stdout: Buffer;
  stderr: Buffer;
}

/** A running command: its result, and a way for the owner to end it with a given error (e.g. `dropped`). */
export interface RunningExec {
  result: Promise<ExecResult>;
  /** Reject with `err`; `tellServer` false when the connection is already gone (nothing to send). */
  abort(err: SshError, tellServer?: boolean): void;
}

/** Whether an exec failed because the server refused the channel (no command ran). */
export function isOpenRefused(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { openRefused?: unknown }).openRefused === true;
}

/** Start `command` in a new channel of `client` (OpenSSH: `exec` request, run by the login shell). */
export function startExec(client: SshClient, command: string, opts: ExecOptions, a: SshAttempt): RunningExec {
  let abort: (err: SshError, tellServer?: boolean) => void = () => undefined;
  const result = new Promise<ExecResult>((resolve, reject) => {
    let channel: ClientChannel | undefined;
    let done = false;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let code: number | null = null;
    let signal: string | null = null;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    abort = (e, tellServer = true) => finish(() => {
      // Ask the server to end it (SIGTERM), then close our side: the promise must not wait for an answer.
      if (tellServer) {
        try {
          channel?.signal('TERM');
          channel?.close();
        } catch {
          // The connection went away meanwhile; nothing to tell the server then.
        }
      }
      reject(e);
    });
    const shortCmd = command.length > 200 ? `${command.slice(0, 200)}…` : command;
    const onAbort = () => abort(sshError('command', a, `The command on ${a.host}:${a.port} was cancelled.`,
      `cancelled: ${String(opts.signal?.reason ?? 'aborted')}; command: ${shortCmd}`, 'Run it again when ready.'));
    const timer = opts.timeoutMs
      ? setTimeout(() => abort(sshError('command', a, `The command on ${a.host}:${a.port} did not finish within ${Math.round((opts.timeoutMs ?? 0) / 1000)} s.`,
        `timeout after ${opts.timeoutMs} ms: ${shortCmd}`, 'Check the server load, or give the step more time.')), opts.timeoutMs)
      : undefined;
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    client.exec(command, (openErr, stream) => {
      if (done) {
        stream?.close();
        return;
      }
      if (openErr) {
        return finish(() => reject(Object.assign(sshError('command', a, `The server ${a.host}:${a.port} refused to run a command for ${a.username}.`,
          openErr.message, 'Check that the account has a login shell and is not restricted to SFTP (ForceCommand); sshd allows 10 sessions per connection (MaxSessions).'), { openRefused: true })));
      }
      channel = stream;
      stream.on('data', (d: Buffer) => {
        out.push(d);
        opts.onData?.('stdout', d);
      });
      stream.stderr.on('data', (d: Buffer) => {
        err.push(d);
        opts.onData?.('stderr', d);
      });
      stream.on('exit', (c: number | null, sig?: string) => {
        code = typeof c === 'number' ? c : null;
        signal = sig ?? null;
      });
      stream.on('close', () => finish(() => resolve({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err) })));
      stream.on('error', () => undefined);
      stream.end(opts.stdin ?? undefined);
    });
  });
  // The owner decides what an abandoned promise means; never an unhandled rejection from here.
  result.catch(() => undefined);
  return { result, abort: (e, tellServer) => abort(e, tellServer) };
}
