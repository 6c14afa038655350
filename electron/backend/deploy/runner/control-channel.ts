// SPDX-License-Identifier: Apache-2.0
// The control channel: ONE long exec per connection, `ciab-step serve STATE`, that takes requests on its
// stdin and answers with framed replies, instead of a new SSH session per step. Reopened after a drop.
import type { ClientChannel } from 'ssh2';
import type { SshSession } from '../../ssh/ssh-session.js';
import { sudoCommand } from '../../ssh/sudo.js';
import { stepCommand, stepScript } from './step-agent.js';
import { scriptError, StepProtocolError } from './step-protocol.js';

/** The bits of an ssh2 exec channel the control channel uses (a test double can provide them too). */
export type CtlStream = Pick<ClientChannel, 'write' | 'end' | 'close' | 'on' | 'once' | 'removeAllListeners'>;

/** Opens an exec channel whose stdin stays open; waits while the connection is being re-established. */
export interface ChannelOpener {
  open(command: string): Promise<CtlStream>;
}

/** The channel went away while a request was in flight (kind `dropped`, like a dropped exec). */
export class ChannelDropped extends Error {
  readonly kind = 'dropped';
}

/** One reply: the subcommand's exit status, stdout and stderr. */
export interface CtlReply {
  code: number;
  out: Buffer;
  err: Buffer;
}

/** A ChannelOpener on an SshSession: waits while it reconnects; a failed open or a lost session is a drop. */
export function sessionOpener(session: Pick<SshSession, 'openChannel'>): ChannelOpener {
  return {
    async open(command) {
      try {
        return await session.openChannel(command);
      } catch (e) {
        throw new ChannelDropped(`cannot open the control channel: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
  };
}

/** How the serve process runs: as the login user, or as root through sudo (password on stdin only). */
export interface ControlChannelOptions {
  sudo?: { password?: string };
  /** How long the serve process may take to say it is ready (sudo asking again for a wrong password waits forever). */
  readyTimeoutMs?: number;
  /** 'sh' forces the POSIX sh server even where python3 exists (tests of both; the default prefers Python). */
  serve?: 'auto' | 'sh';
}

interface Pending {
  id: string;
  resolve: (r: CtlReply) => void;
  reject: (e: Error) => void;
}

const READY = Buffer.from('@@ciab-ctl-ready ');
const FRAME = /^@@ciab-ctl ([A-Za-z0-9._-]+) (\d+) (\d+) (\d+)$/;

/** Requests to `ciab-step serve` over one channel, matched to replies by id; reopens the channel when needed. */
export class ControlChannel {
  private stream: CtlStream | null = null;
  private opening: Promise<CtlStream> | null = null;
  private buf: Buffer = Buffer.alloc(0);
  // Chunks of a frame still arriving, and the bytes it needs in all: joined once, when complete (joining
  // on every chunk copied a 4 MiB output reply ~64 times).
  private parts: Buffer[] = [];
  private partsLen = 0;
  private need = 0;
  private ready = false;
  private readonly pending = new Map<string, Pending>();
  private seq = 0;
  private closed = false;
  /** Times the channel was opened (1 + reopens after drops). */
  opens = 0;

  constructor(
    private readonly opener: ChannelOpener,
    readonly stateDir: string,
    private readonly script: string = stepScript(),
    private readonly opts: ControlChannelOptions = {},
  ) {}

  /** Send `sub ARGS…` (the state directory is implied) with `stdin` as its body; resolves with its reply. */
  async request(sub: string, args: readonly (string | number)[], stdin: string | Buffer = ''): Promise<CtlReply> {
    if (this.closed) throw new ChannelDropped('the control channel was closed by the app');
    const words = args.map(String);
    for (const w of [sub, ...words]) if (!/^[A-Za-z0-9._-]+$/.test(w)) throw new Error(`bad control request word: ${JSON.stringify(w)}`);
    const body = Buffer.from(stdin);
    const stream = await this.channel();
    const id = `r${++this.seq}`;
    return new Promise<CtlReply>((resolve, reject) => {
      if (stream !== this.stream) return reject(new ChannelDropped('the control channel dropped before the request was sent'));
      this.pending.set(id, { id, resolve, reject });
      stream.write(Buffer.concat([Buffer.from(`${[id, sub, body.length, ...words].join(' ')}\n`), body]));
    });
  }

  /** Like request, but a non-zero exit or an `@@ciab-step:error` line throws a StepProtocolError. */
  async call(sub: string, args: readonly (string | number)[], stdin?: string | Buffer): Promise<Buffer> {
    const r = await this.request(sub, args, stdin);
    const err = scriptError(r.err.toString('utf8'));
    if (r.code !== 0 || err !== null) throw new StepProtocolError(`ciab-step ${sub} failed (exit ${r.code}): ${err ?? r.err.toString('utf8').slice(-300)}`);
    return r.out;
  }

  /** Cut the current channel (as a drop would): in-flight requests reject with ChannelDropped. */
  cut(): void {
    const s = this.stream;
    if (!s) return;
    this.gone(s, 'the channel was cut by the app');
    try {
      s.close();
    } catch {
      // Already gone with its connection.
    }
  }

  /** End the channel for good (the server side reads EOF and exits; running steps are not touched). */
  close(): void {
    this.closed = true;
    const s = this.stream;
    this.cut();
    try {
      s?.end();
    } catch {
      // Nothing to tell a dead channel.
    }
  }

  private channel(): Promise<CtlStream> {
    if (this.stream) return Promise.resolve(this.stream);
    if (!this.opening) {
      this.opening = this.openNow().finally(() => (this.opening = null));
    }
    return this.opening;
  }

  // Open and wait for the ready line, so a request is never written into a shell that is still starting.
  private async openNow(): Promise<CtlStream> {
    const sudo = this.opts.sudo;
    const password = sudo?.password ? sudo.password : undefined;
    const sub = this.opts.serve === 'sh' ? 'serve-sh' : 'serve';
    const command = sudo ? sudoCommand(['sh', '-c', this.script, 'ciab-step', sub, this.stateDir], password !== undefined) : stepCommand(sub, [this.stateDir], this.script);
    const s = await this.opener.open(command);
    this.opens++;
    // sudo -S reads the password byte by byte up to the newline: the requests after it reach the script.
    if (password !== undefined) s.write(`${password}\n`);
    this.buf = Buffer.alloc(0);
    this.parts = [];
    this.partsLen = 0;
    this.need = 0;
    this.ready = false;
    this.stream = s;
    let stderr = '';
    const readyMs = this.opts.readyTimeoutMs ?? 20_000;
    let isReady = false;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        fail(`not ready after ${Math.round(readyMs / 1000)} s${stderr.trim() ? `: ${stderr.trim().slice(-300)}` : ''}`, sudo !== undefined && /incorrect|Sorry|password/i.test(stderr));
        try {
          s.close();
        } catch {
          // Gone already.
        }
      }, readyMs);
      const fail = (why: string, refused = false) => {
        clearTimeout(timer);
        // A channel that never became ready is done with: the next request opens a new one.
        if (!isReady && this.stream === s) this.stream = null;
        reject(refused ? new StepProtocolError(`sudo refused to start the runner as root: ${why}`) : new ChannelDropped(`the control channel ended before it was ready: ${why}`));
      };
      s.on('data', (d: Buffer) => {
        this.push(s, d);
        if (this.ready) {
          isReady = true;
          clearTimeout(timer);
          resolve();
        }
      });
      (s as unknown as ClientChannel).stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-2000)));
      s.on('close', () => {
        fail(stderr.trim() || 'closed', sudo !== undefined && /sudo:/.test(stderr));
        this.gone(s, `the channel closed${stderr.trim() ? `: ${stderr.trim().slice(-300)}` : ''}`);
      });
      s.on('error', (e: Error) => fail(e.message));
    });
    return s;
  }

  // Everything from this stream: login noise up to the ready line, then frames.
  private push(s: CtlStream, d: Buffer): void {
    if (s !== this.stream) return;
    this.parts.push(d);
    this.partsLen += d.length;
    if (this.partsLen < this.need) return;
    this.buf = this.parts.length === 1 ? d : Buffer.concat(this.parts, this.partsLen);
    this.parts = [];
    this.partsLen = 0;
    this.need = 0;
    this.frames(s);
    if (this.buf.length) {
      this.parts = [this.buf];
      this.partsLen = this.buf.length;
    }
  }

  // Parses the complete frames in `buf`; an incomplete one stays there and sets `need`.
  private frames(s: CtlStream): void {
    if (!this.ready) {
      const at = this.buf.indexOf(READY);
      const eol = at < 0 ? -1 : this.buf.indexOf(0x0a, at);
      if (eol < 0) return;
      this.ready = true;
      this.buf = this.buf.subarray(eol + 1);
    }
    for (;;) {
      const eol = this.buf.indexOf(0x0a);
      if (eol < 0) return;
      const m = FRAME.exec(this.buf.subarray(0, eol).toString('latin1'));
      if (!m) return this.broken(s, `not a frame header: ${this.buf.subarray(0, Math.min(eol, 200)).toString('utf8')}`);
      const outLen = Number(m[3]);
      const errLen = Number(m[4]);
      if (this.buf.length < eol + 1 + outLen + errLen) {
        this.need = eol + 1 + outLen + errLen;
        return;
      }
      const body = this.buf.subarray(eol + 1);
      // Views, not copies: the joined buffer is never written to again.
      const reply = { code: Number(m[2]), out: body.subarray(0, outLen), err: body.subarray(outLen, outLen + errLen) };
      this.buf = body.subarray(outLen + errLen);
      const p = this.pending.get(m[1] as string);
      if (!p) return this.broken(s, `a reply to unknown request ${m[1] as string}`);
      this.pending.delete(p.id);
      p.resolve(reply);
    }
  }

  private broken(s: CtlStream, why: string): void {
    const err = new StepProtocolError(`ciab-step serve: ${why}`);
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.stream = null;
    try {
      s.close();
    } catch {
      // Gone already.
    }
  }

  private gone(s: CtlStream, why: string): void {
    if (s !== this.stream) return;
    this.stream = null;
    const err = new ChannelDropped(`the control channel dropped (${why}); a request in flight may or may not have run`);
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
