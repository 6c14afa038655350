// SPDX-License-Identifier: Apache-2.0
// Deploy output on its way to the renderer: batched per step attempt (≈16 ms / 64 KiB), and a bounded
// in-memory tail so a screen that opens mid-deploy (a reload, a second window) sees the recent output.
import type { DeployLog, DeployOutput } from '../../api/contract.js';
import { BATCH_BYTES, BATCH_MS } from './output-batcher.js';

/** How much output the tail keeps (characters); older chunks are dropped (the journal keeps all). */
export const TAIL_CHARS = 2 * 1024 * 1024;

/** Batches step output into `deploy.output` events and keeps the tail for `deploy.log`. */
export class DeployOutputStream {
  private pending: DeployOutput | null = null;
  private timer: NodeJS.Timeout | null = null;
  private tail: DeployOutput[] = [];
  private tailChars = 0;
  private truncated = false;

  constructor(private readonly send: (chunk: DeployOutput) => void) {}

  /** Output of `key` attempt `attempt` that starts at byte `offset` of its server-side file. */
  push(key: string, attempt: number, offset: number, data: string): void {
    if (!data) return;
    const p = this.pending;
    // Only contiguous text of the same attempt joins a batch; anything else sends the batch first.
    if (p && (p.key !== key || p.attempt !== attempt)) this.flush();
    if (this.pending) this.pending.data += data;
    else this.pending = { key, attempt, offset, data };
    if (this.pending.data.length >= BATCH_BYTES) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  /** Sends the pending batch now (step boundaries call this, so a step's end never overtakes its output). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    this.keep(p);
    this.send(p);
  }

  /** The tail for a screen that opens now. */
  log(): DeployLog {
    this.flush();
    return { chunks: [...this.tail], truncated: this.truncated };
  }

  /** Forget everything (a new install). */
  reset(): void {
    this.flush();
    this.tail = [];
    this.tailChars = 0;
    this.truncated = false;
  }

  private keep(chunk: DeployOutput): void {
    this.tail.push(chunk);
    this.tailChars += chunk.data.length;
    while (this.tailChars > TAIL_CHARS && this.tail.length > 1) {
      this.tailChars -= this.tail.shift()!.data.length;
      this.truncated = true;
    }
  }
}
