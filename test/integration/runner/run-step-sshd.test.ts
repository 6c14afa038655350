// SPDX-License-Identifier: Apache-2.0
// The detached step runner against a real sshd: byte-exact output (ANSI, split UTF-8, 2 MB), exit codes,
// timeouts that kill the process group, and per-step overhead over one connection.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStep } from '../../../electron/backend/deploy/runner/attach-step.js';
import { StepAgent } from '../../../electron/backend/deploy/runner/step-agent.js';
import { openSession, type SshSession } from '../../../electron/backend/ssh/ssh-session.js';
import { sshdAvailable, sshdSkipReason, startSshd, type TestSshd } from '../../helpers/sshd.js';
import { tempDir } from '../../helpers/ssh-keys.js';

const toFixed = (ms: number) => ms.toFixed(1);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.skipIf(!sshdAvailable)(`runStep against a real sshd${sshdSkipReason}`, () => {
  let sshd: TestSshd;
  let tmp: { dir: string; remove: () => Promise<void> };
  let s: SshSession;
  let stateDir: string;
  let n = 0;
  const step = (command: string, timeoutS = 60) => ({ stateDir, stepId: `step-${++n}`, attempt: 1, command, timeoutS });
  const serverSha = async (id: string) => (await s.exec(`sha256sum ${stateDir}/${id}/1/output`)).stdout.toString().split(' ')[0];

  beforeAll(async () => {
    sshd = await startSshd();
    tmp = await tempDir('runner');
    stateDir = join(tmp.dir, 'state');
    s = await openSession({
      host: sshd.host, port: sshd.port, username: sshd.username, auth: 'key', keyPath: sshd.clientKeyPath,
      knownHosts: { appFile: join(tmp.dir, 'known_hosts') }, acceptFingerprint: sshd.hostKeyFingerprint, timeoutMs: 5000,
    });
  });
  afterAll(async () => {
    await s?.close();
    await sshd?.stop();
    await tmp?.remove();
  });

  it('delivers ANSI, UTF-8 and 2 MB of binary byte for byte, and read() at odd sizes agrees', async () => {
    const st = step(`printf '\\033[1;31mFAILED\\033[0m \\033[32mok\\033[0m\\n'
      i=0; while [ $i -lt 2000 ]; do printf 'grüße € 😀 %d\\n' $i; i=$((i+1)); done
      head -c 2097152 /dev/urandom; echo; echo tail >&2`);
    const chunks: Buffer[] = [];
    let expectOffset = 0;
    const out = await runStep(s, st, { onOutput: (b, off) => { expect(off).toBe(expectOffset); expectOffset += b.length; chunks.push(b); } });
    const got = Buffer.concat(chunks);
    expect(out).toMatchObject({ state: 'exited', exitCode: 0, timedOut: false, bytes: got.length, startedNow: true });
    expect(got.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(sha(got)).toBe(await serverSha(st.stepId));
    expect(got.subarray(0, 30).toString()).toContain('\x1b[1;31mFAILED');
    // read() in odd slices: the first ones split the multi-byte characters, the rest go fast.
    const agent = new StepAgent(s);
    const parts: Buffer[] = [];
    let off = 0;
    for (const size of [1, 2, 3, 5, 7, 11, 13]) {
      const r = await agent.read(st, off, size);
      parts.push(r.data);
      off += r.data.length;
    }
    while (off < got.length) {
      const r = await agent.read(st, off, 262_147);
      expect(r).toMatchObject({ state: 'exited', code: 0, offset: off });
      parts.push(r.data);
      off += r.data.length;
    }
    expect(Buffer.concat(parts).equals(got)).toBe(true);
  });

  it('reports exit code 3', async () => {
    const out = await runStep(s, step('echo about to fail; exit 3'));
    expect(out).toMatchObject({ state: 'exited', exitCode: 3, timedOut: false, bytes: 14 });
  });

  it('a timeout kills the whole process group and reports timed out', async () => {
    const pidFile = join(tmp.dir, 'child.pid');
    const t0 = Date.now();
    const out = await runStep(s, step(`sleep 300 & echo $! > ${pidFile}; echo working; sleep 300`, 1));
    expect(out).toMatchObject({ state: 'exited', exitCode: 124, timedOut: true, bytes: 8 });
    expect(Date.now() - t0).toBeLessThan(5000);
    // Through the session, as the app would check: the child sleep is gone (or a zombie awaiting init).
    const r = await s.exec(`p=$(cat ${pidFile}); if [ -d /proc/$p ] && ! grep -q '^[0-9]* ([^)]*) Z' /proc/$p/stat; then echo alive; else echo gone; fi`);
    expect(r.stdout.toString().trim()).toBe('gone');
  });

  it('measures the per-step overhead over one connection', async () => {
    const before = sshd.log().length;
    const t0 = performance.now();
    let first = 0;
    await runStep(s, step('echo hi'), { onOutput: () => (first ||= performance.now()) });
    const toFirstByte = first - t0;
    const N = 20;
    const t1 = performance.now();
    for (let i = 0; i < N; i++) await runStep(s, step('true'));
    const perStep = (performance.now() - t1) / N;
    // The floor: one bare exec (a new channel + the login shell) on the same connection.
    const t2 = performance.now();
    for (let i = 0; i < N; i++) await s.exec('true');
    const perExec = (performance.now() - t2) / N;
    console.log(`[runner overhead] start→first byte ${toFixed(toFirstByte)} ms; no-op step ${toFixed(perStep)} ms each (${N} steps, one ciab-step run exec each); bare exec ${toFixed(perExec)} ms`);
    // No new SSH connection per step: only channels on the one that exists.
    expect(sshd.log().slice(before)).not.toMatch(/Accepted publickey/);
  });
});
