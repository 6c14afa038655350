// SPDX-License-Identifier: Apache-2.0
// One bundle file to the server over an exec channel: the bytes stream into `<file>.part` (appended after
// what a dropped upload left) while the server hashes them, and the .part becomes `<file>` only when its
// size and sha256 match the manifest. Hashing during the transfer costs no extra pass over the file.
import { createReadStream } from 'node:fs';
import type { ClientChannel } from 'ssh2';
import type { SshSession } from '../ssh/ssh-session.js';
import { shellQuote } from '../ssh/shell-quote.js';

/** What the server said about one streamed file. */
export type PutOutcome =
  | { kind: 'ok'; sha256: string }
  /** The stream ended early (a dropped connection): the .part holds `size` bytes to continue from. */
  | { kind: 'short'; size: number }
  /** All bytes arrived but the hash differs: the .part is wrong (e.g. an old partial of another file). */
  | { kind: 'bad'; sha256: string }
  /** The .part does not hold `offset` bytes (someone else changed it): ask its size again. */
  | { kind: 'offset'; size: number }
  | { kind: 'error'; output: string };

// Python's hashlib uses the CPU's SHA instructions (several GB/s); coreutils' sha256sum is 5× slower here.
// Arguments: FILE SHA256 SIZE OFFSET. No single quotes inside (it travels in single quotes).
const PY = `import hashlib, os, sys
f, want, size, off = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
p = f + ".part"
h = hashlib.sha256()
if off:
    have = os.path.getsize(p) if os.path.exists(p) else 0
    if have != off:
        print("ciab-put offset %d" % have)
        sys.exit(3)
    with open(p, "rb") as r:
        for b in iter(lambda: r.read(1 << 20), b""):
            h.update(b)
fd = os.open(p, os.O_WRONLY | os.O_CREAT | (os.O_APPEND if off else os.O_TRUNC), 0o644)
n = off
inp = sys.stdin.buffer.raw
while True:
    b = inp.read(1 << 20)
    if not b:
        break
    h.update(b)
    v = memoryview(b)
    while v:
        v = v[os.write(fd, v):]
    n += len(b)
os.close(fd)
if n != size:
    print("ciab-put short %d" % n)
    sys.exit(4)
d = h.hexdigest()
if d != want:
    print("ciab-put bad " + d)
    sys.exit(5)
os.rename(p, f)
print("ciab-put ok " + d)
`;

// The same with sh, tee and sha256sum, for servers without python3.
const SH = 'f=$1; w=$2; size=$3; off=$4; p=$f.part; '
  + 'if [ "$off" = 0 ]; then : > "$p" || exit 2; else have=$(stat -c %s -- "$p" 2>/dev/null || echo 0); '
  + 'if [ "$have" != "$off" ]; then echo "ciab-put offset $have"; exit 3; fi; fi; '
  + 'h=$({ cat -- "$p"; tee -a -- "$p"; } | sha256sum | cut -c1-64); n=$(stat -c %s -- "$p"); '
  + 'if [ "$n" != "$size" ]; then echo "ciab-put short $n"; exit 4; fi; '
  + 'if [ "$h" != "$w" ]; then echo "ciab-put bad $h"; exit 5; fi; mv -f -- "$p" "$f" && echo "ciab-put ok $h"';

/** The server command for one file; the bytes from `offset` on go to its stdin. */
export function putCommand(file: string, sha256: string, size: number, offset: number): string {
  const args = [file, sha256, String(size), String(offset)].map(shellQuote).join(' ');
  return `if command -v python3 >/dev/null 2>&1; then exec python3 -c ${shellQuote(PY)} ${args}; else exec sh -c ${shellQuote(SH)} ciab-put ${args}; fi`;
}

/** Reads the outcome line the put command printed. */
export function parsePutOutput(out: string): PutOutcome {
  const m = /^ciab-put (ok|short|bad|offset) (\S+)$/m.exec(out);
  if (!m) return { kind: 'error', output: out };
  if (m[1] === 'ok' || m[1] === 'bad') return { kind: m[1], sha256: m[2] as string };
  return { kind: m[1] as 'short' | 'offset', size: Number(m[2]) };
}

type SessionLike = Pick<SshSession, 'openChannel'>;

// The many-files server: framed files on stdin (a JSON line [file, sha256, size, offset], then size - offset
// bytes), one reply line per file. One python3 for the whole bundle: thousands of .deb files cost no process each.
const PY_MANY = `import hashlib, json, os, sys
out = sys.stdout
raw = sys.stdin.buffer.raw
# One buffer, read into and hashed and written from: a new 1 MiB bytes object per read cost more
# in page faults than the copy itself.
buf = bytearray(1 << 20)
mv = memoryview(buf)
pend = bytearray()
def line():
    while b"\\n" not in pend:
        b = raw.read(65536)
        if not b:
            return b""
        pend.extend(b)
    i = pend.index(b"\\n") + 1
    l = bytes(pend[:i])
    del pend[:i]
    return l
out.write("ciab-put ready\\n")
out.flush()
seq = 0
while True:
    l = line()
    if not l:
        break
    seq += 1
    f, want, size, off = json.loads(l)
    p = f + ".part"
    n = size - off
    err = None
    fd = -1
    h = hashlib.sha256()
    try:
        have = os.path.getsize(p) if os.path.exists(p) else 0
        if off and have != off:
            err = "offset %d" % have
        else:
            if off:
                with open(p, "rb") as r:
                    while True:
                        k = r.readinto(mv)
                        if not k:
                            break
                        h.update(mv[:k])
            fd = os.open(p, os.O_WRONLY | os.O_CREAT | (os.O_APPEND if off else os.O_TRUNC), 0o644)
    except OSError as e:
        err = "error " + json.dumps(str(e))
    got = 0
    while got < n:
        if pend:
            k = min(len(pend), n - got)
            mv[:k] = pend[:k]
            del pend[:k]
        else:
            k = raw.readinto(mv[:min(len(buf), n - got)])
            if not k:
                sys.exit(4)
        got += k
        if fd >= 0:
            h.update(mv[:k])
            try:
                v = mv[:k]
                while v:
                    v = v[os.write(fd, v):]
            except OSError as e:
                os.close(fd)
                fd = -1
                err = "error " + json.dumps(str(e))
    if fd >= 0:
        os.close(fd)
    if not err:
        d = h.hexdigest()
        if d == want:
            os.rename(p, f)
            err = "ok " + d
        else:
            err = "bad " + d
    out.write("ciab-put %d %s\\n" % (seq, err))
    out.flush()
`;

/** Puts files one after another through one long-lived server process (python3), reopened after a drop. */
export class PutChannel {
  private ch: ClientChannel | null = null;
  private noPython = false;
  private lines: string[] = [];
  private text = '';
  private wake: (() => void) | null = null;
  private closed = false;
  private seq = 0;

  constructor(private readonly session: SessionLike) {}

  /** Streams one file (see streamPut); the outcome `short` means the channel went mid-file. */
  async put(local: string, remote: string, f: { sha256: string; size: number; offset: number }, onBytes: (n: number) => void, signal?: AbortSignal): Promise<PutOutcome> {
    if (!this.noPython && !(await this.open(signal))) this.noPython = true;
    if (this.noPython) return streamPut(this.session, local, remote, f, onBytes, signal);
    const ch = this.ch as ClientChannel;
    const seq = ++this.seq;
    ch.write(`${JSON.stringify([remote, f.sha256, f.size, f.offset])}\n`);
    const sent = await sendFile(ch, local, f.offset, f.size, onBytes, signal, () => this.closed);
    const reply = sent ? await this.line(signal) : null;
    if (reply === null) {
      this.drop();
      return { kind: 'short', size: -1 };
    }
    const m = /^ciab-put (\d+) (ok|bad|offset|error) (.*)$/.exec(reply);
    if (!m || Number(m[1]) !== seq) {
      this.drop();
      return { kind: 'error', output: reply };
    }
    if (m[2] === 'ok' || m[2] === 'bad') return { kind: m[2], sha256: m[3] as string };
    if (m[2] === 'offset') return { kind: 'offset', size: Number(m[3]) };
    return { kind: 'error', output: m[3] as string };
  }

  /** Ends the server process (it sees end of input). */
  close(): void {
    this.ch?.end();
    this.drop();
  }

  private drop(): void {
    this.ch = null;
    this.seq = 0; // a new server process counts from 1 again
    this.lines = [];
    this.text = '';
  }

  // Opens the server once (or again after a drop); false when the server has no python3.
  private async open(signal?: AbortSignal): Promise<boolean> {
    if (this.ch) return true;
    const ch = await this.session.openChannel(`if command -v python3 >/dev/null 2>&1; then exec python3 -c ${shellQuote(PY_MANY)}; else echo ciab-put no-python; fi`, signal ? { signal } : {});
    this.ch = ch;
    this.closed = false;
    ch.on('data', (d: Buffer) => {
      this.text += d.toString('utf8');
      const parts = this.text.split('\n');
      this.text = parts.pop() ?? '';
      this.lines.push(...parts);
      this.wake?.();
    });
    ch.stderr.resume();
    ch.on('error', () => undefined);
    ch.on('close', () => {
      if (this.ch === ch) this.closed = true;
      this.wake?.();
    });
    const first = await this.line(signal);
    if (first === 'ciab-put ready') return true;
    this.drop();
    if (first === 'ciab-put no-python') return false;
    throw new Error(`the upload helper on the server did not start: ${first ?? 'the channel closed'}`);
  }

  // The next reply line, or null once the channel closed.
  private async line(signal?: AbortSignal): Promise<string | null> {
    for (;;) {
      const l = this.lines.shift();
      if (l !== undefined) return l;
      if (this.closed) return null;
      signal?.throwIfAborted();
      await new Promise<void>((r) => (this.wake = r));
      this.wake = null;
    }
  }
}

// Writes bytes [offset, size) of `local` to the channel with backpressure; false if the channel closed first.
async function sendFile(ch: ClientChannel, local: string, offset: number, size: number, onBytes: (n: number) => void, signal: AbortSignal | undefined, closed: () => boolean): Promise<boolean> {
  if (offset >= size) return true;
  const src = createReadStream(local, { start: offset, end: size - 1, highWaterMark: 1 << 20 });
  try {
    for await (const chunk of src) {
      if (closed()) return false;
      signal?.throwIfAborted();
      const b = chunk as Buffer;
      onBytes(b.length);
      if (!ch.write(b)) {
        await new Promise<void>((r) => {
          const done = () => {
            ch.off('drain', done);
            ch.off('close', done);
            r();
          };
          ch.on('drain', done);
          ch.on('close', done);
        });
      }
    }
    return !closed();
  } finally {
    src.destroy();
  }
}


/** Streams `local` from `offset` to the server's `<remote>.part`; `onBytes` counts what was handed to SSH. */
export async function streamPut(session: SessionLike, local: string, remote: string, f: { sha256: string; size: number; offset: number },
  onBytes: (n: number) => void, signal?: AbortSignal): Promise<PutOutcome> {
  const ch: ClientChannel = await session.openChannel(putCommand(remote, f.sha256, f.size, f.offset), signal ? { signal } : {});
  const out: Buffer[] = [];
  return new Promise<PutOutcome>((resolve, reject) => {
    const src = f.offset < f.size ? createReadStream(local, { start: f.offset, highWaterMark: 1 << 20 }) : null;
    const onAbort = () => {
      src?.destroy();
      ch.close();
      reject(signal?.reason instanceof Error ? signal.reason : new Error('cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    ch.on('data', (d: Buffer) => out.push(d));
    ch.stderr.on('data', (d: Buffer) => out.push(d));
    ch.on('error', () => undefined);
    ch.on('close', () => {
      signal?.removeEventListener('abort', onAbort);
      src?.destroy();
      resolve(parsePutOutput(Buffer.concat(out).toString('utf8')));
    });
    if (!src) {
      ch.end();
      return;
    }
    src.on('data', (chunk: string | Buffer) => {
      const b = chunk as Buffer;
      onBytes(b.length);
      // Backpressure: SSH's window decides how fast the file is read.
      if (!ch.write(b)) {
        src.pause();
        ch.once('drain', () => src.resume());
      }
    });
    src.on('end', () => ch.end());
    src.on('error', (e) => {
      ch.close();
      reject(e);
    });
  });
}
