// SPDX-License-Identifier: Apache-2.0
// `ciab-step serve` on the simulated server: the control channel's ready line, framed requests and replies
// (as cmd_serve in playbooks/runner/ciab-step.sh), behind a simulated sudo when the command asks for it.
import type { ServerChannel } from 'ssh2';
import type { SimServeCommand } from './sim-step-command.js';
import type { SimStepRuns } from './sim-step-runs.js';
import { runSimSubcommand } from './sim-step-subcommands.js';

/** What one serve channel needs from its server. */
export interface SimServeContext {
  runs: SimStepRuns;
  /** The scenario's sudo wants a password (SimHardwareState.sudoNeedsPassword). */
  sudoNeedsPassword: boolean;
  /** The one password sudo accepts; unset: any non-empty one (as the sim's other sudo commands). */
  sudoPassword?: string;
  /** Ends this client's whole SSH connection (the `drop` fault). */
  drop: () => void;
}

// sudo -S gives up after this many wrong passwords, like sudo's passwd_tries default.
const SUDO_TRIES = 3;

/** Bytes of a channel's stdin, read as lines and counted bodies (as `read -r` and `head -c` do). */
class StdinReader {
  private buf: Buffer = Buffer.alloc(0);
  private ended = false;
  private wake: (() => void) | null = null;

  push(d: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
    this.poke();
  }

  end(): void {
    this.ended = true;
    this.poke();
  }

  /** The next whole line without its newline; null at the end (a last line without newline is dropped, as read does). */
  async line(): Promise<string | null> {
    for (;;) {
      const nl = this.buf.indexOf(0x0a);
      if (nl >= 0) {
        const line = this.buf.subarray(0, nl).toString('utf8');
        this.buf = this.buf.subarray(nl + 1);
        return line;
      }
      if (this.ended) return null;
      await this.more();
    }
  }

  /** Up to `n` bytes (fewer only at the end of stdin). */
  async bytes(n: number): Promise<Buffer> {
    while (this.buf.length < n && !this.ended) await this.more();
    const b = Buffer.from(this.buf.subarray(0, n));
    this.buf = this.buf.subarray(b.length);
    return b;
  }

  private more(): Promise<void> {
    return new Promise((r) => (this.wake = r));
  }

  private poke(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }
}

/** Serve the control channel on an accepted exec stream until stdin ends or the channel goes. */
export function serveSimControlChannel(stream: ServerChannel, cmd: SimServeCommand, ctx: SimServeContext): void {
  const reader = new StdinReader();
  const gone = new AbortController();
  stream.on('data', (d: Buffer) => reader.push(d));
  stream.on('end', () => reader.end());
  stream.on('close', () => {
    gone.abort();
    reader.end();
  });
  stream.on('error', () => undefined);
  const finish = (code: number, stderr = '') => {
    if (gone.signal.aborted) return;
    if (stderr) stream.stderr.write(stderr);
    stream.exit(code);
    stream.end();
  };
  serve(stream, cmd, ctx, reader, gone.signal).then(([code, err]) => finish(code, err), (e: unknown) => finish(1, `ciab-sim: ${e instanceof Error ? e.message : String(e)}\n`));
}

// Returns the exit status and stderr tail of the whole exec.
async function serve(stream: ServerChannel, cmd: SimServeCommand, ctx: SimServeContext, reader: StdinReader, signal: AbortSignal): Promise<[number, string?]> {
  const refused = await sudo(cmd, ctx, reader, stream);
  if (refused) return refused;
  const write = (b: string | Buffer) => {
    if (!signal.aborted) stream.write(b);
  };
  write(`@@ciab-ctl-ready 1 ${ctx.runs.pid()}\n`);
  for (;;) {
    const line = await reader.line();
    if (line === null || signal.aborted) return [0];
    const words = line.split(/[ \t]+/).filter((w) => w !== '');
    if (words.length < 3) return [2, `@@ciab-step:error bad request: ${line}\n`];
    const [id, sub, len] = words as [string, string, string];
    if (/[^A-Za-z0-9._-]/.test(id)) return [2, `@@ciab-step:error bad request id: ${id}\n`];
    if (!/^\d+$/.test(len)) return [2, `@@ciab-step:error bad stdin length: ${len}\n`];
    const stdin = Number(len) > 0 ? await reader.bytes(Number(len)) : Buffer.alloc(0);
    // One request after another, as the script does: a long poll holds up the next request on this channel.
    const r = await runSimSubcommand({ runs: ctx.runs, stateDir: cmd.stateDir, stdin, dropper: ctx.drop, signal }, sub, words.slice(3));
    write(Buffer.concat([Buffer.from(`@@ciab-ctl ${id} ${r.code} ${r.out.length} ${r.err.length}\n`), r.out, r.err]));
  }
}

// The simulated sudo in front of the script: null when the script may run, else sudo's refusal.
async function sudo(cmd: SimServeCommand, ctx: SimServeContext, reader: StdinReader, stream: ServerChannel): Promise<[number, string] | null> {
  if (cmd.via === 'user') return null;
  if (cmd.via === 'sudo-n') return ctx.sudoNeedsPassword ? [1, 'sudo: a password is required\n'] : null;
  // The password wrapper: with passwordless sudo the shell eats the first line itself (see sudoCommand).
  let pw = await reader.line();
  if (!ctx.sudoNeedsPassword) return null;
  for (let tries = 1; ; tries++) {
    if (pw === null) return [1, tries === 1 ? 'sudo: no password was provided\n' : `sudo: ${tries - 1} incorrect password attempt${tries > 2 ? 's' : ''}\n`];
    if (pw !== '' && (ctx.sudoPassword === undefined || pw === ctx.sudoPassword)) return null;
    if (tries >= SUDO_TRIES) return [1, `sudo: ${SUDO_TRIES} incorrect password attempts\n`];
    // sudo -S -p '' asks again without a prompt: the next stdin line is the next try.
    stream.stderr.write('Sorry, try again.\n');
    pw = await reader.line();
  }
}
