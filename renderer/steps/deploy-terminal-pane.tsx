// SPDX-License-Identifier: Apache-2.0
// A step attempt's output in xterm.js, with write-callback flow control: while more than HIGH bytes
// are written but not yet processed, new output waits in the store and resumes below LOW.
import type { Terminal } from '@xterm/xterm';
import { useEffect, useRef, type ReactElement } from 'react';
import { XtermView, type XtermParts } from '../components/xterm-view.js';
import type { DeployOutputStore } from '../lib/deploy-output-store.js';

/** Flow-control watermarks (characters handed to term.write and not yet processed). */
export const HIGH_WATERMARK = 512 * 1024;
export const LOW_WATERMARK = 128 * 1024;

/** Shows the output of attempt `id` (null: nothing yet), following new output as it arrives. */
export function DeployTerminalPane({ store, id, emptyText }: { store: DeployOutputStore; id: string | null; emptyText: string }): ReactElement {
  const feed = useRef<OutputFeed | null>(null);
  useEffect(() => {
    feed.current?.show(id);
  }, [id]);
  const ready = ({ term }: XtermParts): (() => void) => {
    const f = new OutputFeed(term, store, emptyText);
    feed.current = f;
    f.show(id);
    const off = store.subscribe(() => f.pump());
    return () => {
      off();
      f.stop();
      feed.current = null;
    };
  };
  return <XtermView label="Step output" className="deploy-terminal" options={{ disableStdin: true, convertEol: true, cursorBlink: false, cursorInactiveStyle: 'none' }} onReady={ready} />;
}

// Moves chunks from the store into the terminal, never more than HIGH_WATERMARK ahead of xterm's parser.
class OutputFeed {
  private id: string | null = null;
  private next = 0;
  private generation = 0;
  private pending = 0;
  private paused = false;
  private stopped = false;
  private placeholder = false;
  // Counted on the element for tests and support: how often the feed had to wait for xterm.
  private pauses = 0;

  constructor(
    private readonly term: Terminal,
    private readonly store: DeployOutputStore,
    private readonly emptyText: string,
  ) {}

  show(id: string | null): void {
    if (id === this.id && id !== null) return;
    this.id = id;
    this.next = 0;
    this.generation = id === null ? 0 : (this.store.get(id)?.generation ?? 0);
    this.write('\x1bc'); // RIS, in order behind writes still queued
    this.placeholder = id === null || !this.store.get(id);
    if (this.placeholder) this.write(`\x1b[2m${this.emptyText}\x1b[0m\r\n`);
    this.pump();
  }

  pump(): void {
    if (this.stopped || this.paused || this.id === null) return;
    const a = this.store.get(this.id);
    if (!a) return;
    if (a.generation !== this.generation) {
      // Older output arrived after newer (the tail after live events): write it all again.
      this.generation = a.generation;
      this.next = 0;
      this.write('\x1bc'); // RIS, in order behind writes still queued
    } else if (this.placeholder) {
      this.placeholder = false;
      this.write('\x1bc'); // RIS, in order behind writes still queued
    }
    if (this.next < a.base) {
      const note = this.next === 0 ? 'Earlier output of this step is not held here (the install journal has all of it).' : 'Some output was dropped here to keep memory bounded (the install journal has all of it).';
      this.write(`\x1b[2m… ${note}\x1b[0m\r\n`);
      this.next = a.base;
    }
    while (this.pending < HIGH_WATERMARK) {
      const chunk = a.chunks[this.next - a.base];
      if (!chunk) break;
      this.next++;
      this.write(chunk.data);
    }
    if (this.pending >= HIGH_WATERMARK) {
      this.paused = true;
      this.pauses++;
      this.term.element?.parentElement?.setAttribute('data-flow-pauses', String(this.pauses));
    }
  }

  stop(): void {
    this.stopped = true;
  }

  private write(data: string): void {
    const size = data.length;
    this.pending += size;
    this.term.write(data, () => {
      this.pending -= size;
      if (this.paused && this.pending < LOW_WATERMARK) {
        this.paused = false;
        this.pump();
      }
    });
  }
}
