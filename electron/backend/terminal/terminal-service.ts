// SPDX-License-Identifier: Apache-2.0
// The operator's terminal: interactive shells (SSH PTY) on the connected server, output batched to the
// renderer like deploy output. Nothing typed or printed here is journaled: it may hold anything.
import type { ClientChannel } from 'ssh2';
import type { SshSession } from '../ssh/ssh-session.js';
import { OutputBatcher } from '../deploy/output-batcher.js';

/** How terminals reach the server and the renderer. */
export interface TerminalDeps {
  /** The session of the install's target; throws with an operator-facing message if there is none. */
  session(): Promise<Pick<SshSession, 'openShell'>>;
  emit(payload: { id: string; data: string; closed: boolean }): void;
}

// More than a few open shells is a leak in the renderer, not a use case.
const MAX_OPEN = 4;

/** Opens, feeds, resizes and closes operator terminals. */
export class TerminalService {
  private readonly open = new Map<string, { channel: ClientChannel; batch: OutputBatcher }>();
  private seq = 0;

  constructor(private readonly deps: TerminalDeps) {}

  /** Opens a shell of `cols`×`rows`; returns its id. */
  async start(cols: number, rows: number): Promise<string> {
    if (this.open.size >= MAX_OPEN) throw new Error(`${MAX_OPEN} terminals are open already: close one first`);
    const session = await this.deps.session();
    const channel = await session.openShell({ cols, rows });
    const id = `t${++this.seq}`;
    const decoder = new TextDecoder('utf-8');
    const batch = new OutputBatcher((text) => this.deps.emit({ id, data: text, closed: false }));
    this.open.set(id, { channel, batch });
    const onData = (d: Buffer) => batch.push(decoder.decode(d, { stream: true }));
    channel.on('data', onData);
    channel.stderr.on('data', onData);
    channel.on('close', () => {
      batch.flush();
      this.open.delete(id);
      this.deps.emit({ id, data: '', closed: true });
    });
    return id;
  }

  /** Keystrokes for terminal `id`. */
  input(id: string, data: string): void {
    this.get(id).channel.write(data);
  }

  /** New window size for terminal `id`. */
  resize(id: string, cols: number, rows: number): void {
    this.get(id).channel.setWindow(rows, cols, 0, 0);
  }

  /** Closes terminal `id` (its shell gets a hangup). */
  close(id: string): void {
    const t = this.open.get(id);
    if (!t) return;
    t.channel.close();
  }

  /** Closes every terminal (the install ended or the target changed). */
  closeAll(): void {
    for (const id of [...this.open.keys()]) this.close(id);
  }

  private get(id: string) {
    const t = this.open.get(id);
    if (!t) throw new Error(`terminal ${id} is not open (it was closed, or the app restarted)`);
    return t;
  }
}
