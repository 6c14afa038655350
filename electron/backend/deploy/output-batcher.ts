// SPDX-License-Identifier: Apache-2.0
// Batches streamed text for the renderer: one event per ~16 ms (a frame) or 64 KiB, whichever comes
// first, so a step that prints fast costs a few events per frame instead of one per chunk (Hyper's way).

/** Default window and size of one batch. */
export const BATCH_MS = 16;
export const BATCH_BYTES = 64 * 1024;

/** Collects text and hands it on in batches. */
export class OutputBatcher {
  private parts: string[] = [];
  private size = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly send: (text: string) => void,
    private readonly windowMs = BATCH_MS,
    private readonly maxBytes = BATCH_BYTES,
  ) {}

  /** Adds text; sends at once when the batch is full, else within the window. */
  push(text: string): void {
    if (!text) return;
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.maxBytes) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  /** Sends what is collected now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.send(text);
  }
}
