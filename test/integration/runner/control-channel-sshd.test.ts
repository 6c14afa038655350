// SPDX-License-Identifier: Apache-2.0
// The control channel (`ciab-step serve`, one long exec per connection) against a real sshd: 50 no-op
// steps, a channel cut and a connection cut mid-run, one attempt started twice, byte-exact output.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelDropped, ControlChannel, sessionOpener } from '../../../electron/backend/deploy/runner/control-channel.js';
import { CtlStepAgent, runStepCtl } from '../../../electron/backend/deploy/runner/ctl-step.js';
import { openSession, type SshSession } from '../../../electron/backend/ssh/ssh-session.js';
import { sshdAvailable, sshdSkipReason, startSshd, type TestSshd } from '../../helpers/sshd.js';
import { tempDir } from '../../helpers/ssh-keys.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Both servers of the same protocol: Python (the default where python3 exists) and POSIX sh (`serve-sh`).
describe.skipIf(!sshdAvailable).each(['auto', 'sh'] as const)(`control channel (serve %s) against a real sshd${sshdSkipReason}`, (serve) => {
  let sshd: TestSshd;
  let tmp: { dir: string; remove: () => Promise<void> };
  let s: SshSession;
  let ctl: ControlChannel;
  let stateDir: string;
  let n = 0;
  const step = (command: string, timeoutS = 60) => ({ stateDir, stepId: `c-${++n}`, attempt: 1, command, timeoutS });

  beforeAll(async () => {
    sshd = await startSshd();
    tmp = await tempDir('ctl');
    stateDir = join(tmp.dir, 'state');
    s = await openSession({
      host: sshd.host, port: sshd.port, username: sshd.username, auth: 'key', keyPath: sshd.clientKeyPath,
      knownHosts: { appFile: join(tmp.dir, 'known_hosts') }, acceptFingerprint: sshd.hostKeyFingerprint, timeoutMs: 5000,
      reconnect: { initialMs: 50, maxMs: 300, maxAttempts: 60 },
    });
    ctl = new ControlChannel(sessionOpener(s), stateDir, undefined, { serve });
  });
  afterAll(async () => {
    ctl?.close();
    await s?.close();
    await sshd?.stop();
    await tmp?.remove();
  });

  it('runs 50 no-op steps over one channel, all exit 0', async () => {
    await new CtlStepAgent(ctl).ctl.call('ping', []); // open the channel outside the timing
    const opensBefore = ctl.opens;
    const t0 = performance.now();
    for (let i = 0; i < 50; i++) {
      const out = await runStepCtl(ctl, step('true'));
      expect(out).toMatchObject({ state: 'exited', exitCode: 0, bytes: 0, startedNow: true, drops: 0 });
    }
    const ms = performance.now() - t0;
    expect(ctl.opens).toBe(opensBefore);
    console.log(`[control channel, serve ${serve}] 50 no-op steps in ${ms.toFixed(0)} ms (${(ms / 50).toFixed(1)} ms per step), one channel`);
  }, 60_000);

  it('streams output byte for byte with exit codes and timeouts', async () => {
    const chunks: Buffer[] = [];
    let expectOffset = 0;
    const st = step(`printf '\\033[1;31mX\\033[0m grüße\\n'; i=0; while [ $i -lt 20 ]; do echo $i; sleep 0.05; i=$((i+1)); done; head -c 3000000 /dev/zero; exit 3`);
    const out = await runStepCtl(ctl, st, { onOutput: (b, off) => { expect(off).toBe(expectOffset); expectOffset += b.length; chunks.push(b); } });
    const got = Buffer.concat(chunks);
    expect(out).toMatchObject({ state: 'exited', exitCode: 3, bytes: got.length });
    expect(got.equals((await s.exec(`cat ${stateDir}/${st.stepId}/1/output`)).stdout)).toBe(true);
    expect(got.subarray(0, 20).toString()).toContain('\x1b[1;31mX');
    const t0 = Date.now();
    expect(await runStepCtl(ctl, step('echo working; sleep 300', 1))).toMatchObject({ exitCode: 124, timedOut: true, bytes: 8 });
    expect(Date.now() - t0).toBeLessThan(5000);
  }, 30_000);

  it('reopens after the channel is cut mid-request, and after the connection is cut mid-run', async () => {
    const opens0 = ctl.opens;
    const slow = step('echo a; sleep 0.6; echo b');
    const running = runStepCtl(ctl, slow, { onReattach: () => undefined });
    await sleep(200); // the step is started and a wait request is in flight
    ctl.cut();
    expect(await running).toMatchObject({ exitCode: 0, bytes: 4, drops: 1 });
    expect(ctl.opens).toBe(opens0 + 1);
    // A request in flight when the channel goes rejects as dropped.
    const inflight = ctl.call('wait', [slow.stepId, 1, 0, 10, 1000]);
    ctl.cut();
    await expect(inflight).rejects.toBeInstanceOf(ChannelDropped);
    // A cut cable in the middle of a series: the session reconnects, the channel reopens, the steps go on.
    const results: number[] = [];
    for (let i = 0; i < 10; i++) {
      if (i === 5) await sshd.dropConnections();
      const out = await runStepCtl(ctl, step(i === 5 ? 'sleep 0.3; echo five' : `echo ${i}`));
      results.push(out.exitCode ?? -1);
    }
    expect(results).toEqual(Array(10).fill(0));
    expect(ctl.opens).toBeGreaterThanOrEqual(opens0 + 3);
    expect(s.status().status).toBe('connected');
  }, 30_000);

  it('runs an attempt once however often it is started, also across a cut', async () => {
    const counter = join(tmp.dir, 'counter');
    const st = { stateDir, stepId: 'once', attempt: 1, timeoutS: 60, command: `echo ran >> ${counter}; sleep 0.3; echo out` };
    const outs = await Promise.all([runStepCtl(ctl, st), runStepCtl(ctl, st), runStepCtl(ctl, st)]);
    expect(outs.filter((o) => o.startedNow)).toHaveLength(1);
    const agent = new CtlStepAgent(ctl);
    expect(await agent.start(st, st.command, 60)).toMatchObject({ started: false, status: { state: 'exited', code: 0 } });
    const again = runStepCtl(ctl, st);
    ctl.cut();
    expect(await again).toMatchObject({ startedNow: false, exitCode: 0, bytes: 4 });
    expect((await s.exec(`cat ${counter}`)).stdout.toString()).toBe('ran\n');
    await agent.checkpointAdd(st);
    expect((await agent.checkpointList()).map((c) => [c.stepId, c.attempt])).toEqual([['once', 1]]);
  }, 30_000);

  it('kills a step with its whole process group, puts files through stdin, and gives the step default signals', async () => {
    const agent = new CtlStepAgent(ctl);
    const st = step(`sleep 30 & echo "group $(ps -o pgid= -p $$ | tr -d ' ')"; sleep 30`);
    const running = runStepCtl(ctl, st);
    let pg = '';
    for (let i = 0; i < 100 && !pg; i++) {
      await sleep(50);
      const r = await agent.status(st);
      if (r.size > 0) pg = (await s.exec(`cat ${stateDir}/${st.stepId}/1/output`)).stdout.toString().match(/group (\d+)/)?.[1] ?? '';
    }
    expect(pg).toMatch(/^\d+$/);
    expect(await agent.kill(st)).toBe(true);
    expect(await running).toMatchObject({ state: 'exited', exitCode: 143, timedOut: false });
    // Nothing of the step's group is left (the background sleep included).
    // Zombies do not count: in a container PID 1 may never reap them.
    const left = async () => (await s.exec(`ps -e -o pgid=,stat=,args= | awk '$1 == ${pg} && $2 !~ /^Z/'`)).stdout.toString().trim();
    for (let i = 0; i < 40 && (await left()) !== ''; i++) await sleep(100);
    expect(await left()).toBe('');
    // SIGPIPE is the default in a step (Python ignores it; an ignored signal would survive exec).
    expect((await runStepCtl(ctl, step('yes | head -c 3 >/dev/null; echo "rc ${PIPESTATUS:-done}"'))).exitCode).toBe(0);
    const target = join(tmp.dir, 'put', 'sub', 'file.conf');
    expect(await agent.put(target, 0o640, 'secret=1\n')).toBe(9);
    expect((await s.exec(`stat -c %a ${target}; cat ${target}`)).stdout.toString()).toBe('640\nsecret=1\n');
    await expect(agent.put('relative/path', 0o600, 'x')).rejects.toThrow(/absolute path/);
    await expect(agent.put(`${tmp.dir}/a/../b`, 0o600, 'x')).rejects.toThrow(/\. or \.\./);
  }, 30_000);
});
