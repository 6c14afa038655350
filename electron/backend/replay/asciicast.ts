// SPDX-License-Identifier: Apache-2.0
// An install journal as an asciicast v2 recording (https://docs.asciinema.org/manual/asciicast/v2/):
// every step's output at its journal time, with a banner line when a step starts, playable in
// asciinema. Newlines become CRLF, as a terminal with onlcr would have shown them.
import type { JournalContents } from '../journal/journal-reader.js';

/** Terminal size of the recording (Ansible's banners are 80 columns; long lines wrap). */
export interface CastOptions {
  width?: number;
  height?: number;
  title?: string;
}

/** The recording as newline-delimited JSON: the header line, then `[seconds, "o", text]` events. */
export function journalToAsciicast(j: JournalContents, opts: CastOptions = {}): string {
  const started = Date.parse(j.header.startedAt);
  const header = {
    version: 2,
    width: opts.width ?? 120,
    height: opts.height ?? 40,
    ...(Number.isFinite(started) ? { timestamp: Math.floor(started / 1000) } : {}),
    title: opts.title ?? `CiaB ${j.header.mode} ${j.header.installId}`,
    env: { TERM: 'xterm-256color' },
  };
  const lines = [JSON.stringify(header)];
  const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
  const sec = (t: number) => Math.round(t) / 1000;
  for (const ev of j.events) {
    if (ev.type === 'step' && ev.status === 'running') {
      lines.push(JSON.stringify([sec(ev.t), 'o', `\r\n\x1b[1;36m── ${ev.key}${ev.attempt > 1 ? ` (attempt ${ev.attempt})` : ''} ──\x1b[0m\r\n`]));
    } else if (ev.type === 'output' && ev.data) {
      lines.push(JSON.stringify([sec(ev.t), 'o', crlf(ev.data)]));
    } else if (ev.type === 'step' && ev.status === 'failed') {
      lines.push(JSON.stringify([sec(ev.t), 'o', `\x1b[1;31m✗ ${ev.key} failed${ev.exitCode != null ? ` (exit ${ev.exitCode})` : ''}\x1b[0m\r\n`]));
    }
  }
  return `${lines.join('\n')}\n`;
}
