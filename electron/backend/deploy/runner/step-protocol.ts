// SPDX-License-Identifier: Apache-2.0
// The wire format of playbooks/runner/ciab-step.sh: its `@@ciab-step:` lines, and the follow stream
// (a preamble line on stdout, then raw output bytes; the end trailer on stderr).

/** Where a step attempt stands on the server. `lost`: its wrapper is gone without an exit file (reboot, kill -9). */
export type StepState = 'running' | 'exited' | 'lost' | 'unknown';

/** A step attempt's state as `status`, `read` and the follow trailer report it. */
export interface StepStatus {
  state: StepState;
  /** Exit code once `exited` (124 after a timeout), else null. */
  code: number | null;
  timedOut: boolean;
}

/** `status`: the state plus the size of the output file in bytes. */
export interface StatusLine extends StepStatus {
  size: number;
}

/** `read`: the header, and exactly `length` bytes of output from `offset`. */
export interface ReadResult extends StepStatus {
  offset: number;
  data: Buffer;
}

/** The follow trailer: everything up to `end` was written to stdout, and the step is in `state`. */
export interface FollowEnd extends StepStatus {
  end: number;
}

const PREFIX = '@@ciab-step:';
const STATES = new Set<StepState>(['running', 'exited', 'lost', 'unknown']);

/** A reply that does not follow the protocol (a broken script, or a shell that printed into it). */
export class StepProtocolError extends Error {}

/** A follow that ended without its trailer because its process was killed (e.g. the sshd session was); follow again. */
export class FollowInterrupted extends StepProtocolError {}

function int(s: string | undefined, what: string): number {
  if (s === undefined || !/^\d+$/.test(s)) throw new StepProtocolError(`ciab-step: bad ${what}: ${String(s)}`);
  return Number(s);
}

// STATE CODE TIMED_OUT, as the script prints them.
function stepStatus(state: string | undefined, code: string | undefined, timed: string | undefined): StepStatus {
  if (!STATES.has(state as StepState)) throw new StepProtocolError(`ciab-step: bad state: ${String(state)}`);
  return { state: state as StepState, code: code === '-' ? null : int(code, 'exit code'), timedOut: timed === '1' };
}

/** The words after `@@ciab-step:<tag> ` of the last such line in `text`, or null (noise around it is ignored). */
export function findLine(text: string, tag: string): string[] | null {
  const lines = text.split('\n').filter((l) => l.startsWith(`${PREFIX}${tag} `));
  const last = lines.at(-1);
  return last === undefined ? null : last.slice(PREFIX.length + tag.length + 1).split(' ');
}

/** Every `@@ciab-step:<tag>` line's words, in order. */
export function findLines(text: string, tag: string): string[][] {
  return text.split('\n').filter((l) => l.startsWith(`${PREFIX}${tag} `)).map((l) => l.slice(PREFIX.length + tag.length + 1).split(' '));
}

/** The script's own error line (`@@ciab-step:error …`), if any. */
export function scriptError(stderr: string): string | null {
  const line = stderr.split('\n').find((l) => l.startsWith(`${PREFIX}error `));
  return line === undefined ? null : line.slice(`${PREFIX}error `.length);
}

/** Parse `@@ciab-step:status STATE CODE SIZE TIMED_OUT`. */
export function parseStatus(text: string): StatusLine {
  const w = findLine(text, 'status');
  if (!w) throw new StepProtocolError(`ciab-step: no status line in: ${text.slice(0, 300)}`);
  return { ...stepStatus(w[0], w[1], w[3]), size: int(w[2], 'size') };
}

/** Parse the follow trailer `@@ciab-step:end END STATE CODE TIMED_OUT` from the follow's stderr, or null. */
export function parseFollowEnd(stderr: string): FollowEnd | null {
  const w = findLine(stderr, 'end');
  return w ? { ...stepStatus(w[1], w[2], w[3]), end: int(w[0], 'end offset') } : null;
}

/** Parse a `read` reply: header line `@@ciab-step:read OFFSET LENGTH STATE CODE TIMED_OUT`, then the bytes. */
export function parseRead(stdout: Buffer): ReadResult {
  const marker = Buffer.from(`${PREFIX}read `);
  const at = stdout.indexOf(marker);
  const eol = at < 0 ? -1 : stdout.indexOf(0x0a, at);
  if (eol < 0) throw new StepProtocolError(`ciab-step: no read header in: ${stdout.subarray(0, 300).toString('utf8')}`);
  const w = stdout.subarray(at + marker.length, eol).toString('latin1').split(' ');
  const length = int(w[1], 'length');
  const data = stdout.subarray(eol + 1);
  if (data.length !== length) throw new StepProtocolError(`ciab-step: read promised ${length} bytes, got ${data.length}`);
  return { ...stepStatus(w[2], w[3], w[4]), offset: int(w[0], 'offset'), data };
}

/**
 * Strips the follow preamble (`@@ciab-step:follow OFFSET\n`, and any login-shell noise before it) from
 * the follow's stdout and hands on only output bytes, exactly as they were in the server's output file.
 */
export class FollowDecoder {
  private head: Buffer | null = Buffer.alloc(0);
  /** The offset the server said it starts from, once the preamble was seen. */
  startOffset: number | null = null;

  constructor(private readonly onBytes: (bytes: Buffer) => void) {}

  /** Feed one stdout chunk. */
  push(chunk: Buffer): void {
    if (this.head === null) {
      if (chunk.length) this.onBytes(chunk);
      return;
    }
    const buf = Buffer.concat([this.head, chunk]);
    const marker = Buffer.from(`${PREFIX}follow `);
    const at = buf.indexOf(marker);
    const eol = at < 0 ? -1 : buf.indexOf(0x0a, at);
    if (eol < 0) {
      if (buf.length > 1 << 20) throw new StepProtocolError('ciab-step: no follow preamble in the first MiB of output');
      this.head = buf;
      return;
    }
    this.startOffset = int(buf.subarray(at + marker.length, eol).toString('latin1'), 'follow offset');
    this.head = null;
    const rest = buf.subarray(eol + 1);
    if (rest.length) this.onBytes(rest);
  }
}
