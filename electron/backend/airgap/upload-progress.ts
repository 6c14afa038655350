// SPDX-License-Identifier: Apache-2.0
// Progress of a bundle upload: bytes done of total (skipped files count as done), the current file,
// the send rate over the last seconds and the time left — reported at most every 200 ms.

/** One progress report. */
export interface UploadProgress {
  phase: 'checking' | 'uploading' | 'verifying' | 'done';
  /** Bytes the server holds of the bundle (skipped files, sent files, the current file so far). */
  bytesDone: number;
  bytesTotal: number;
  /** Bytes sent over the network by this upload (a resumed or skipped file sends less). */
  bytesSent: number;
  /** Manifest path being sent, or null between files. */
  file: string | null;
  /** Files skipped or verified on the server, of filesTotal. */
  filesDone: number;
  filesTotal: number;
  /** Send rate over the last few seconds, bytes per second. */
  rate: number;
  /** Seconds left at that rate, or null while unknown. */
  etaS: number | null;
  /** Connection drops survived so far. */
  drops: number;
}

const EMIT_MS = 200;
const WINDOW_MS = 5000;

/** Counts bytes and files and calls the listener with an UploadProgress (throttled). */
export class UploadProgressMeter {
  sent = 0;
  private committed = 0;
  private cur = 0;
  private filesDone = 0;
  private drops = 0;
  private file: string | null = null;
  private stage: UploadProgress['phase'] = 'checking';
  private lastEmit = 0;
  private readonly samples: { t: number; sent: number }[] = [];

  constructor(private readonly total: number, private readonly filesTotal: number, private readonly listener?: (p: UploadProgress) => void) {}

  /** Enter a phase; `force` reports at once. */
  phase(p: UploadProgress['phase'], file: string | null = null, force = true): void {
    this.stage = p;
    this.file = file;
    this.emit(force);
  }

  /** A file the server already holds. */
  skip(size: number): void {
    this.committed += size;
    this.filesDone++;
  }

  /** Sending `rel` starts (or restarts after a drop) with `offset` bytes already on the server. */
  startFile(rel: string, offset: number): void {
    this.cur = offset;
    this.stage = 'uploading';
    this.file = rel;
    this.emit(true);
  }

  /** `n` more bytes acknowledged by the server. */
  addSent(n: number): void {
    this.cur += n;
    this.sent += n;
    this.emit(false);
  }

  /** The current file is fully on the server (its check may still be running). */
  fileSent(): void {
    this.committed += this.cur;
    this.cur = 0;
    this.file = null;
  }

  /** A sent file passed the server-side sha256 check. */
  fileVerified(): void {
    this.filesDone++;
    this.emit(false);
  }

  /** The connection dropped; the upload waits for the reconnect. */
  drop(): void {
    this.drops++;
    this.emit(true);
  }

  /** The report as it stands. */
  snapshot(now = performance.now()): UploadProgress {
    const done = this.committed + this.cur;
    while (this.samples.length > 1 && now - this.samples[0]!.t > WINDOW_MS) this.samples.shift();
    const first = this.samples[0];
    const dt = first ? (now - first.t) / 1000 : 0;
    const rate = first && dt > 0.05 ? (this.sent - first.sent) / dt : 0;
    return { phase: this.stage, bytesDone: done, bytesTotal: this.total, bytesSent: this.sent, file: this.file, filesDone: this.filesDone,
      filesTotal: this.filesTotal, rate, etaS: rate > 0 ? (this.total - done) / rate : this.total === done ? 0 : null, drops: this.drops };
  }

  private emit(force: boolean): void {
    const now = performance.now();
    if (this.samples.length === 0 || now - this.samples.at(-1)!.t >= EMIT_MS / 2) this.samples.push({ t: now, sent: this.sent });
    if (!this.listener || (!force && now - this.lastEmit < EMIT_MS)) return;
    this.lastEmit = now;
    try {
      this.listener(this.snapshot(now));
    } catch {
      // A listener's bug must not stop the upload.
    }
  }
}
