// SPDX-License-Identifier: Apache-2.0
// The operator's terminal against a real sshd: a PTY shell whose output arrives batched, that takes
// keystrokes and a new size, and reports when the shell ends.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type SshSession } from '../../../electron/backend/ssh/ssh-session.js';
import { TerminalService } from '../../../electron/backend/terminal/terminal-service.js';
import { sshdAvailable, sshdSkipReason, startSshd, type TestSshd } from '../../helpers/sshd.js';
import { tempDir } from '../../helpers/ssh-keys.js';

describe.skipIf(!sshdAvailable)(`operator terminal over a real sshd${sshdSkipReason}`, () => {
  let sshd: TestSshd;
  let tmp: { dir: string; remove: () => Promise<void> };
  let session: SshSession;

  beforeAll(async () => {
    sshd = await startSshd();
    tmp = await tempDir('terminal');
    session = await openSession({
      host: sshd.host, port: sshd.port, username: sshd.username, auth: 'key', keyPath: sshd.clientKeyPath,
      knownHosts: { appFile: join(tmp.dir, 'known_hosts') }, acceptFingerprint: sshd.hostKeyFingerprint, timeoutMs: 5000,
    });
  });
  afterAll(async () => {
    await session?.close();
    await sshd?.stop();
    await tmp?.remove();
  });

  it('runs an interactive shell with a PTY: typed input, the window size, output, and the end', async () => {
    const events: { id: string; data: string; closed: boolean }[] = [];
    const terminals = new TerminalService({ session: async () => session, emit: (e) => events.push(e) });
    const id = await terminals.start(100, 30);
    expect(id).toMatch(/^t\d+$/);
    const text = () => events.filter((e) => e.id === id).map((e) => e.data).join('');
    const waitFor = async (pred: () => boolean, what: string) => {
      for (let i = 0; i < 200 && !pred(); i++) await new Promise((r) => setTimeout(r, 25));
      if (!pred()) throw new Error(`no ${what} in: ${text().slice(-500)}`);
    };
    terminals.input(id, 'stty size; tty; echo "ciab-$((6*7))"\n');
    await waitFor(() => text().includes('ciab-42'), 'echo output');
    expect(text()).toContain('30 100');
    expect(text()).toMatch(/\/dev\/pts\/\d+/);
    terminals.resize(id, 120, 40);
    terminals.input(id, 'sleep 0.2; stty size\n');
    await waitFor(() => text().includes('40 120'), 'new size');
    // Output comes in batches (~16 ms), not one event per byte the shell wrote.
    expect(events.length).toBeLessThan(text().length / 4);
    terminals.input(id, 'exit\n');
    await waitFor(() => events.some((e) => e.id === id && e.closed), 'close event');
    expect(() => terminals.input(id, 'echo late\n')).toThrow(/not open/);
  });

  it('refuses more than four open terminals and closes them all on request', async () => {
    const events: { id: string; closed: boolean }[] = [];
    const terminals = new TerminalService({ session: async () => session, emit: (e) => events.push(e) });
    const ids = await Promise.all([1, 2, 3, 4].map(() => terminals.start(80, 24)));
    await expect(terminals.start(80, 24)).rejects.toThrow(/4 terminals are open/);
    terminals.closeAll();
    for (let i = 0; i < 200 && events.filter((e) => e.closed).length < 4; i++) await new Promise((r) => setTimeout(r, 25));
    expect(new Set(events.filter((e) => e.closed).map((e) => e.id))).toEqual(new Set(ids));
  });
});
