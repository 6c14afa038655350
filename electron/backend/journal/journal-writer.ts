// SPDX-License-Identifier: Apache-2.0
// The one place every journal line goes through: header first, then events with a monotonic
// time offset, each scrubbed by the redactor (known secrets and secret-shaped text, counted by kind).
// Lines are written with writeSync at every flush, so a crash loses at most the events queued since
// the last flush (at most one second, or 1 MiB of lines).
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { JournalEvent, JournalHeader } from '../../api/generated/journal-types.js';
import type { RedactionCounts } from './redact-patterns.js';
import { Redactor } from './redactor.js';

/** A journal event as callers hand it in: the writer adds `t`. */
export type JournalEventInput = JournalEvent extends infer E ? (E extends { t: number } ? Omit<E, 't'> : never) : never;

export interface JournalWriterOptions {
  redactor?: Redactor;
  /** Monotonic clock in milliseconds (performance.now by default). */
  clock?: () => number;
  /** Auto-flush interval; 0 disables the timer (tests flush by hand). */
  flushIntervalMs?: number;
  /** Offset of the first event, when re-opening a journal after a restart. */
  resumeOffsetMs?: number;
}

// Characters queued before append() writes them without waiting for the timer.
const QUEUE_FLUSH_CHARS = 1 << 20;

/** Appends newline-delimited JSON to one install journal. */
export class JournalWriter {
  private fd: number | null;
  private readonly queue: string[] = [];
  private queued = 0;
  private readonly counts: RedactionCounts = {};
  private readonly redactor: Redactor;
  private readonly clock: () => number;
  private readonly origin: number;
  private readonly timer: NodeJS.Timeout | null;

  private constructor(
    readonly file: string,
    fd: number,
    opts: JournalWriterOptions,
  ) {
    this.fd = fd;
    this.redactor = opts.redactor ?? new Redactor();
    this.clock = opts.clock ?? (() => performance.now());
    this.origin = this.clock() - (opts.resumeOffsetMs ?? 0);
    const every = opts.flushIntervalMs ?? 1000;
    // A failing disk must not throw from a timer (that would kill the process); the next
    // boundary flush reports it to the caller instead.
    this.timer = every > 0 ? setInterval(() => this.tryFlush(), every) : null;
    this.timer?.unref();
  }

  /** Creates a new journal file and writes its header line at once. */
  static create(file: string, header: Omit<JournalHeader, 'format' | 'version'>, opts: JournalWriterOptions = {}): JournalWriter {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const fd = openSync(file, 'wx', 0o600);
    const w = new JournalWriter(file, fd, opts);
    const full: JournalHeader = { format: 'ciab-install-journal', version: 1, ...header };
    w.queue.push(w.redactor.json(full, { patterns: true, counts: w.counts }));
    w.flush();
    return w;
  }

  /** Re-opens an existing journal for appending (after a restart); offsets continue from `resumeOffsetMs`. */
  static reopen(file: string, opts: JournalWriterOptions = {}): JournalWriter {
    const fd = openSync(file, 'a', 0o600);
    // A torn last line from a crash would glue onto our next line: start on a fresh line.
    writeSync(fd, '\n');
    return new JournalWriter(file, fd, opts);
  }

  /** What this writer has redacted so far, by kind (for the support bundle's redaction report). */
  redactions(): RedactionCounts {
    return { ...this.counts };
  }

  /** Milliseconds since the journal's start. */
  now(): number {
    return Math.max(0, Math.round((this.clock() - this.origin) * 1000) / 1000);
  }

  /** Queues one event; it reaches the file at the next flush. */
  append(event: JournalEventInput): void {
    if (this.fd === null) return;
    const line = this.redactor.json({ t: this.now(), ...event }, { patterns: true, counts: this.counts });
    this.queue.push(line);
    this.queued += line.length;
    // A step printing fast must not pile up lines until the next timer tick: write once 1 MiB is queued.
    if (this.queued >= QUEUE_FLUSH_CHARS) this.tryFlush();
  }

  /** Writes every queued line to the file (call at step boundaries). */
  flush(): void {
    if (this.fd === null || this.queue.length === 0) return;
    const chunk = this.queue.join('\n') + '\n';
    writeSync(this.fd, chunk);
    this.queue.length = 0; // only after the write: a failed write keeps the lines for the next try
    this.queued = 0;
  }

  private tryFlush(): void {
    try {
      this.flush();
    } catch {
      // The lines stay queued for the next flush; the boundary flush after the next transition
      // reports the disk error to the operator.
    }
  }

  /** Flushes, syncs to disk and closes the file. */
  close(): void {
    if (this.fd === null) return;
    this.flush();
    if (this.timer) clearInterval(this.timer);
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
  }
}
