// SPDX-License-Identifier: Apache-2.0
// Copies one local file (from an offset on) to a server path over SFTP with many WRITE requests in
// flight, so the copy runs at link speed instead of one round trip per chunk.
import { open } from 'node:fs/promises';
import type { SFTPWrapper } from 'ssh2';

/** How one file is sent. */
export interface PutOptions {
  /** Continue here: the server already holds these bytes of the target (0 creates or truncates it). */
  offset: number;
  /** Total size of the local file (from the manifest). */
  size: number;
  /** Bytes per WRITE request. */
  chunkBytes: number;
  /** WRITE requests in flight at once. */
  concurrency: number;
  /** Called with the byte count of every acknowledged WRITE. */
  onBytes?: (n: number) => void;
  signal?: AbortSignal;
  /** Fail as a drop when the server answers nothing for this long (default 30 s). */
  stallMs?: number;
}

/** Sends bytes [offset, size) of `local` to `remote`; resolves once the server acknowledged all and closed the handle. */
export async function sftpPut(sftp: SFTPWrapper, local: string, remote: string, o: PutOptions): Promise<void> {
  const fh = await open(local, 'r');
  let handle: Buffer | undefined;
  let ok = false;
  // Requests sent after the channel closed are never answered: a close must fail the copy at once.
  let onClose: () => void = () => undefined;
  const closed = new Promise<never>((_, reject) => (onClose = () => reject(new Error('the SFTP channel closed or gave no answer (connection dropped?)'))));
  closed.catch(() => undefined);
  sftp.once('close', onClose);
  // No answer at all for this long means the channel is dead even if no close was seen.
  let last = Date.now();
  const stallMs = o.stallMs ?? 30_000;
  const watchdog = setInterval(() => {
    if (Date.now() - last > stallMs) onClose();
  }, Math.min(stallMs, 1000));
  try {
    // r+ keeps what is there (resume); w creates or truncates (fresh start).
    handle = await Promise.race([closed, new Promise<Buffer>((resolve, reject) => sftp.open(remote, o.offset > 0 ? 'r+' : 'w', (err, h) => (err ? reject(err) : resolve(h))))]);
    const h = handle;
    await Promise.race([closed, new Promise<void>((resolve, reject) => {
      let pos = o.offset;
      let inflight = 0;
      let reading = false;
      let failed = false;
      const fail = (err: Error) => {
        if (failed) return;
        failed = true;
        reject(err);
      };
      const onAbort = () => fail(new Error(`cancelled: ${String(o.signal?.reason ?? 'aborted')}`));
      if (o.signal?.aborted) return onAbort();
      o.signal?.addEventListener('abort', onAbort, { once: true });
      // Keep `concurrency` writes outstanding: read the next chunk whenever one is acknowledged.
      const pump = async (): Promise<void> => {
        if (reading) return;
        reading = true;
        try {
          while (!failed && inflight < o.concurrency && pos < o.size) {
            const len = Math.min(o.chunkBytes, o.size - pos);
            // A fresh buffer per chunk: ssh2 keeps a reference when it splits a write across packets.
            const buf = Buffer.allocUnsafe(len);
            const { bytesRead } = await fh.read(buf, 0, len, pos);
            if (bytesRead !== len) throw new Error(`${local} is shorter than the manifest says (${o.size} bytes): read ${bytesRead} of ${len} bytes at ${pos}`);
            if (failed) return;
            const at = pos;
            pos += len;
            inflight++;
            sftp.write(h, buf, 0, len, at, (err) => {
              inflight--;
              last = Date.now();
              if (err) return fail(err);
              o.onBytes?.(len);
              if (pos >= o.size && inflight === 0) return done();
              void pump();
            });
          }
        } catch (err) {
          fail(err as Error);
        } finally {
          reading = false;
        }
        if (!failed && inflight < o.concurrency && pos < o.size) void pump();
      };
      const done = () => {
        if (failed) return;
        failed = true; // settled
        o.signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      if (pos >= o.size) return done();
      void pump();
    })]);
    const hd = handle;
    await Promise.race([closed, new Promise<void>((resolve, reject) => sftp.close(hd, (err) => (err ? reject(err) : resolve())))]);
    ok = true;
  } finally {
    clearInterval(watchdog);
    sftp.removeListener('close', onClose);
    await fh.close().catch(() => undefined);
    // After a failure the handle is released without waiting: the channel may be gone and never answer.
    if (handle && !ok) {
      try {
        sftp.close(handle, () => undefined);
      } catch {
        // The channel is closed already; the server dropped the handle with it.
      }
    }
  }
}

/** Size of a server file over SFTP, or null when it does not exist. */
export function sftpSize(sftp: SFTPWrapper, remote: string, timeoutMs = 30_000): Promise<number | null> {
  return new Promise((resolve, reject) => {
    // A request on a channel that is already gone is never answered: give up after a while (treated as a drop).
    const timer = setTimeout(() => reject(new Error(`no answer to stat ${remote} within ${timeoutMs} ms: channel closed?`)), timeoutMs);
    sftp.stat(remote, (err, st) => {
      clearTimeout(timer);
      if (!err) return resolve(st.size);
      // ssh2 reports SSH_FX_NO_SUCH_FILE as code 2.
      if ((err as { code?: unknown }).code === 2) return resolve(null);
      reject(err);
    });
  });
}
