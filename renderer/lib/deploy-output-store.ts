// SPDX-License-Identifier: Apache-2.0
// The deploy output the renderer holds: chunks per step attempt in server byte order, de-duplicated
// by offset (the deploy.log tail overlaps live events), bounded in total size. Works with useSyncExternalStore.
import type { DeployOutput } from '../../electron/api/contract.js';

/** One step attempt's output as held here. Chunk indices are absolute: dropped chunks keep their numbers. */
export interface AttemptOutput {
  readonly id: string;
  readonly key: string;
  readonly attempt: number;
  /** Chunks in server byte order; `chunks[0]` has absolute index `base`. */
  chunks: HeldChunk[];
  base: number;
  /** Server byte offset just past the last chunk held. */
  end: number;
  bytes: number;
  /** Bumped when chunks were inserted before ones already held: readers start over. */
  generation: number;
  /** Bytes of this attempt dropped from its start to stay within the bound. */
  droppedBytes: number;
}

/** One chunk: its server byte offset, text and UTF-8 size. */
export interface HeldChunk {
  offset: number;
  data: string;
  bytes: number;
}

/** What subscribers read; a new object whenever anything changed. */
export interface OutputSnapshot {
  version: number;
  /** Attempts in the order their output first arrived. */
  attempts: readonly { id: string; key: string; attempt: number; bytes: number; droppedBytes: number }[];
  totalBytes: number;
  /** Whole attempts dropped to stay within the bound. */
  droppedAttempts: number;
  /** The backend's tail had already lost older output (the journal has it). */
  tailTruncated: boolean;
}

/** The default bound on held output. */
export const OUTPUT_LIMIT_BYTES = 8 * 1024 * 1024;

/** The id of a step attempt in the store. */
export function attemptId(key: string, attempt: number): string {
  return `${key}#${attempt}`;
}

/** UTF-8 length of a string without allocating (offsets are server byte offsets). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

// The part of `data` after its first `skip` UTF-8 bytes.
function dropBytes(data: string, skip: number): string {
  const bytes = new TextEncoder().encode(data);
  return new TextDecoder().decode(bytes.subarray(Math.min(skip, bytes.length)));
}

/** Holds deploy output for the screen; `add` is idempotent per (key, attempt, offset). */
export class DeployOutputStore {
  private readonly attempts = new Map<string, AttemptOutput>();
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private total = 0;
  private droppedAttempts = 0;
  private tailTruncated = false;
  private snapshot: OutputSnapshot | null = null;

  constructor(private readonly limit = OUTPUT_LIMIT_BYTES) {}

  /** Adds one chunk; returns false when it was already held (or dropped as too old). */
  add(chunk: DeployOutput): boolean {
    const added = this.insert(chunk);
    if (added) this.changed();
    return added;
  }

  /** Adds the deploy.log tail (and any live chunks that came meanwhile) with one notification. */
  addMany(chunks: readonly DeployOutput[], truncated = false): void {
    let any = truncated && !this.tailTruncated;
    this.tailTruncated ||= truncated;
    for (const c of chunks) any = this.insert(c) || any;
    if (any) this.changed();
  }

  /** The attempt's output, or undefined when none is held. */
  get(id: string): AttemptOutput | undefined {
    return this.attempts.get(id);
  }

  /** Forgets everything (a new install). */
  clear(): void {
    this.attempts.clear();
    this.total = 0;
    this.droppedAttempts = 0;
    this.tailTruncated = false;
    this.changed();
  }

  /** Registers a listener; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The current snapshot (the same object until something changes). */
  getSnapshot = (): OutputSnapshot => {
    this.snapshot ??= {
      version: this.version,
      attempts: [...this.attempts.values()].map((a) => ({ id: a.id, key: a.key, attempt: a.attempt, bytes: a.bytes, droppedBytes: a.droppedBytes })),
      totalBytes: this.total,
      droppedAttempts: this.droppedAttempts,
      tailTruncated: this.tailTruncated,
    };
    return this.snapshot;
  };

  private changed(): void {
    this.version++;
    this.snapshot = null;
    for (const l of [...this.listeners]) l();
  }

  private insert(chunk: DeployOutput): boolean {
    if (chunk.data === '') return false;
    const id = attemptId(chunk.key, chunk.attempt);
    let a = this.attempts.get(id);
    if (!a) {
      a = { id, key: chunk.key, attempt: chunk.attempt, chunks: [], base: 0, end: 0, bytes: 0, generation: 0, droppedBytes: 0 };
      this.attempts.set(id, a);
    }
    const len = utf8Length(chunk.data);
    let { offset, data } = chunk;
    if (a.chunks.length === 0 || offset >= a.end) {
      // The common case: the next chunk (a gap, when the tail lost something, is kept as is).
      this.append(a, offset, data, offset + len);
    } else if (offset + len <= a.end && (offset >= a.chunks[0]!.offset || a.droppedBytes > 0)) {
      return false; // Already held, or older than what was dropped on purpose.
    } else if (offset + len > a.end && offset >= a.chunks[0]!.offset) {
      // Overlaps the end: keep only the new bytes.
      data = dropBytes(data, a.end - offset);
      offset = a.end;
      this.append(a, offset, data, chunk.offset + len);
    } else if (!this.insertBefore(a, offset, data, len)) {
      return false;
    }
    this.bound(a);
    return true;
  }

  private append(a: AttemptOutput, offset: number, data: string, end: number): void {
    const bytes = end - offset;
    a.chunks.push({ offset, data, bytes });
    a.end = end;
    a.bytes += bytes;
    this.total += bytes;
  }

  // Output older than the first held chunk (the tail arrived after live events): rebuild in order.
  private insertBefore(a: AttemptOutput, offset: number, data: string, len: number): boolean {
    const first = a.chunks[0]!.offset;
    const keep = offset + len > first ? new TextDecoder().decode(new TextEncoder().encode(data).subarray(0, first - offset)) : data;
    const keptBytes = utf8Length(keep);
    let i = 0;
    while (i < a.chunks.length && a.chunks[i]!.offset < offset) i++;
    if (a.chunks[i]?.offset === offset) return false;
    a.chunks.splice(i, 0, { offset, data: keep, bytes: keptBytes });
    a.bytes += keptBytes;
    this.total += keptBytes;
    a.generation++;
    return true;
  }

  // Drops the oldest other attempts first, then the oldest chunks of `current`.
  private bound(current: AttemptOutput): void {
    for (const [id, a] of this.attempts) {
      if (this.total <= this.limit) return;
      if (a === current) continue;
      this.attempts.delete(id);
      this.total -= a.bytes;
      this.droppedAttempts++;
    }
    while (this.total > this.limit && current.chunks.length > 1) {
      const bytes = current.chunks.shift()!.bytes;
      current.base++;
      current.bytes -= bytes;
      current.droppedBytes += bytes;
      this.total -= bytes;
    }
  }
}
