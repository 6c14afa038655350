// SPDX-License-Identifier: Apache-2.0
// Re-attaching to detached steps against a real sshd: connection cuts mid-output (no byte lost or twice),
// a step that finished while disconnected, one attempt started twice, checkpoints.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStep } from '../../../electron/backend/deploy/runner/attach-step.js';
import { StepAgent } from '../../../electron/backend/deploy/runner/step-agent.js';
import { openSession, type SshSession } from '../../../electron/backend/ssh/ssh-session.js';
import { sshdAvailable, sshdSkipReason, startSshd, type TestSshd } from '../../helpers/sshd.js';
import { tempDir } from '../../helpers/ssh-keys.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe.skipIf(!sshdAvailable)(`runStep re-attach against a real sshd${sshdSkipReason}`, () => {
  let sshd: TestSshd;
  let tmp: { dir: string; remove: () => Promise<void> };
  let s: SshSession;
  let stateDir: string;
  const serverFile = async (id: string) => (await s.exec(`cat ${stateDir}/${id}/1/output`)).stdout;

  beforeAll(async () => {
    sshd = await startSshd();
    tmp = await tempDir('reattach');
    stateDir = join(tmp.dir, 'state');
    s = await openSession({
      host: sshd.host, port: sshd.port, username: sshd.username, auth: 'key', keyPath: sshd.clientKeyPath,
      knownHosts: { appFile: join(tmp.dir, 'known_hosts') }, acceptFingerprint: sshd.hostKeyFingerprint, timeoutMs: 5000,
      reconnect: { initialMs: 50, maxMs: 300, maxAttempts: 60 },
    });
  });
  afterAll(async () => {
    await s?.close();
    await sshd?.stop();
    await tmp?.remove();
  });

  it('survives 5 cuts at random moments: the bytes equal the server file, every line once', async () => {
    const step = { stateDir, stepId: 'numbered', attempt: 1, timeoutS: 60,
      command: 'i=1; while [ $i -le 150 ]; do printf "line %04d \\033[36m€\\033[0m\\n" $i; i=$((i+1)); sleep 0.02; done' };
    const chunks: Buffer[] = [];
    let received = 0;
    const offsets: number[] = [];
    const running = runStep(s, step, {
      onOutput: (b, off) => { expect(off).toBe(received); received += b.length; chunks.push(b); },
      onReattach: (off) => offsets.push(off),
    });
    let done = false;
    void running.finally(() => (done = true)).catch(() => undefined);
    let cuts = 0;
    while (cuts < 5 && !done) {
      // Wait until output flows on the current connection, then cut after a random moment.
      const at = received;
      await until(() => done || (s.status().status === 'connected' && received > at));
      await sleep(Math.random() * 300);
      if (done) break;
      if ((await sshd.dropConnections()) > 0) cuts++;
    }
    const out = await running;
    const got = Buffer.concat(chunks);
    expect(cuts).toBe(5);
    expect(out.drops).toBeGreaterThanOrEqual(5);
    expect(out).toMatchObject({ state: 'exited', exitCode: 0, bytes: got.length, startedNow: true });
    expect(got.equals(await serverFile('numbered'))).toBe(true);
    const lines = got.toString('utf8').trimEnd().split('\n');
    expect(lines).toEqual(Array.from({ length: 150 }, (_, i) => `line ${String(i + 1).padStart(4, '0')} \x1b[36m€\x1b[0m`));
    console.log(`[runner reattach] ${cuts} cuts, ${out.drops} re-attaches at offsets ${offsets.join(', ')} of ${got.length}`);
  }, 60_000);

  it('picks up a step that finished while the connection was down from its exit file', async () => {
    // Its own session, slow to retry: the listener is paused before the first reconnect attempt.
    const slow = await openSession({
      host: sshd.host, port: sshd.port, username: sshd.username, auth: 'key', keyPath: sshd.clientKeyPath,
      knownHosts: { appFile: join(tmp.dir, 'known_hosts') }, timeoutMs: 5000,
      reconnect: { initialMs: 800, maxMs: 800, maxAttempts: 20 },
    });
    try {
      const step = { stateDir, stepId: 'finished-away', attempt: 1, timeoutS: 60, command: 'echo begin; sleep 1; echo done; exit 7' };
      const chunks: Buffer[] = [];
      const running = runStep(slow, step, { onOutput: (b) => chunks.push(b) });
      await until(() => chunks.length > 0);
      expect(await sshd.dropConnections()).toBeGreaterThan(0);
      await sshd.pause();
      await sleep(1800);
      expect(slow.status().status).toBe('reconnecting');
      // The server is this machine: the step ended meanwhile, and its exit file is there.
      expect(await readFile(join(stateDir, 'finished-away/1/exit'), 'utf8')).toBe('7\n');
      await sshd.resume();
      const out = await running;
      expect(out).toMatchObject({ state: 'exited', exitCode: 7, timedOut: false, startedNow: true });
      expect(out.drops).toBeGreaterThanOrEqual(1);
      expect(Buffer.concat(chunks).toString()).toBe('begin\ndone\n');
    } finally {
      await slow.close();
    }
  }, 30_000);

  it('never runs one attempt twice, however often it is started', async () => {
    const counter = join(tmp.dir, 'counter');
    const step = { stateDir, stepId: 'once', attempt: 1, timeoutS: 60, command: `echo ran >> ${counter}; sleep 0.3; echo out` };
    const outs = await Promise.all([runStep(s, step), runStep(s, step), runStep(s, step)]);
    const again = await runStep(s, step);
    expect(outs.filter((o) => o.startedNow)).toHaveLength(1);
    expect(again).toMatchObject({ startedNow: false, exitCode: 0, bytes: 4 });
    expect(await new StepAgent(s).start(step, step.command, 60)).toMatchObject({ started: false, status: { state: 'exited', code: 0 } });
    expect((await s.exec(`cat ${counter}`)).stdout.toString()).toBe('ran\n');
    // A second attempt is a new run.
    expect(await runStep(s, { ...step, attempt: 2 })).toMatchObject({ startedNow: true });
    expect((await s.exec(`cat ${counter}`)).stdout.toString()).toBe('ran\nran\n');
  });

  it('keeps checkpoints on the server for a resume from another laptop', async () => {
    const agent = new StepAgent(s);
    await agent.checkpointAdd({ stateDir, stepId: 'numbered', attempt: 1 });
    await agent.checkpointAdd({ stateDir, stepId: 'once', attempt: 2 });
    const list = await agent.checkpointList(stateDir);
    expect(list.map((c) => [c.stepId, c.attempt])).toEqual([['numbered', 1], ['once', 2]]);
    expect(list.every((c) => Math.abs(c.at - Date.now() / 1000) < 60)).toBe(true);
  });
});
