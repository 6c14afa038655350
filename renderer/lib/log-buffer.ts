// SPDX-License-Identifier: Apache-2.0
// A bounded, append-only buffer of log lines: a multi-hour deploy must not grow the page's memory
// without limit, so only the newest lines are kept and the number dropped is counted.

/** Keeps the newest `limit` items; `dropped` counts what fell off the front. */
export class BoundedLog<T> {
  private items: T[] = [];
  private total = 0;
  private version = 0;

  constructor(readonly limit = 2000) {}

  /** Appends items, forgetting the oldest beyond the limit. */
  push(...more: T[]): void {
    if (more.length === 0) return;
    this.items.push(...more);
    this.total += more.length;
    // Trim in batches (at twice the limit) so each push stays cheap even at thousands of lines/s.
    if (this.items.length > this.limit * 2) this.items.splice(0, this.items.length - this.limit);
    this.version++;
  }

  /** Empties the buffer (a new install starts). */
  clear(): void {
    this.items = [];
    this.total = 0;
    this.version++;
  }

  /** A copy of the kept items, oldest first. */
  snapshot(): readonly T[] {
    return this.items.length > this.limit ? this.items.slice(-this.limit) : this.items.slice();
  }

  /** Items no longer kept since the last clear. */
  get dropped(): number {
    return Math.max(0, this.total - this.limit);
  }

  /** Changes on every push or clear, so views know when to re-render. */
  get revision(): number {
    return this.version;
  }
}
