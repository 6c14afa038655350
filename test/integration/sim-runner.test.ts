// SPDX-License-Identifier: Apache-2.0
// Deploy steps on the simulated server over the real control channel (SshSession → ssh2 → sim): Ansible-like
// output, exit codes, faults (fail-once, hang, drop), kill, timeout, checkpoints, sudo, unknown commands.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlChannel, sessionOpener } from '../../electron/backend/deploy/runner/control-channel.js';
import { CtlStepAgent, runStepCtl } from '../../electron/backend/deploy/runner/ctl-step.js';
import { stepCommand, stepScript } from '../../electron/backend/deploy/runner/step-agent.js';
import { parseRead, StepProtocolError } from '../../electron/backend/deploy/runner/step-protocol.js';
import { loadPlaybook } from '../../electron/backend/deploy/load-playbook.js';
import { startSimServer, type SimServer, type SimServerOptions } from '../../electron/backend/sim/sim-server.js';
import { openSession, type SshSession } from '../../electron/backend/ssh/ssh-session.js';
import { tempDir } from '../helpers/ssh-keys.js';

const STATE = '/var/lib/ciab-installer/runner/demo';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('deploy steps on the simulated server', () => {
  let tmp: { dir: string; remove: () => Promise<void> };
  const servers: SimServer[] = [];
  const sessions: SshSession[] = [];
  const channels: ControlChannel[] = [];
  let sim: SimServer;
  let s: SshSession;
  let ctl: ControlChannel;

  const start = async (opts: Partial<SimServerOptions> = {}) => {
    const server = await startSimServer({ hostKeyPath: join(tmp.dir, 'host-key'), ...opts });
    servers.push(server);
    return server;
  };
  const connect = async (server: SimServer) => {
    const session = await openSession({
      host: server.host, port: server.port, username: server.username, auth: 'password', password: 'demo',
      knownHosts: { appFile: join(tmp.dir, `known_hosts-${server.port}`) }, acceptFingerprint: server.hostKeyFingerprint, timeoutMs: 5000,
      reconnect: { initialMs: 50, maxMs: 200, maxAttempts: 40 },
    });
    sessions.push(session);
    return session;
  };
  const channel = (session: SshSession, opts?: ConstructorParameters<typeof ControlChannel>[3]) => {
    const c = new ControlChannel(sessionOpener(session), STATE, stepScript(), opts);
    channels.push(c);
    return c;
  };
  const step = (stepId: string, command: string, attempt = 1, timeoutS = 3600) => ({ stateDir: STATE, stepId, attempt, command, timeoutS });
  // Runs a step, checking that every byte arrives once and in order; returns the outcome and the bytes.
  const run = async (c: ControlChannel, st: ReturnType<typeof step>, onReattach?: () => void) => {
    const chunks: Buffer[] = [];
    let at = 0;
    const outcome = await runStepCtl(c, st, {
      onOutput: (b, off) => { expect(off).toBe(at); at += b.length; chunks.push(b); },
      ...(onReattach ? { onReattach } : {}),
    });
    return { outcome, out: Buffer.concat(chunks) };
  };
  const readAll = async (c: ControlChannel, stepId: string, attempt = 1) => parseRead(await c.call('read', [stepId, attempt, 0, 1 << 24]));

  beforeAll(async () => {
    tmp = await tempDir('sim-runner');
    sim = await start({
      deploy: {
        speed: 5000,
        faults: {
          'osism-ciab.apply-mariadb': 'fail-once', 'osism-ciab.apply-rabbitmq': 'fail-always', 'osism-ciab.apply-nova': 'hang',
          'osism-ciab.apply-glance': 'hang', 'osism-ciab.apply-neutron': 'drop',
        },
      },
    });
    s = await connect(sim);
    ctl = channel(s);
  });
  afterAll(async () => {
    for (const c of channels) c.close();
    for (const x of sessions) await x.close();
    for (const x of servers) await x.close();
    await tmp?.remove();
  });

  it('runs osism apply keystone: Ansible output with colours and a PLAY RECAP, exit 0, byte for byte', async () => {
    const t0 = Date.now();
    const { outcome, out } = await run(ctl, step('osism-ciab.apply-keystone', 'osism apply keystone\n'));
    expect(outcome).toMatchObject({ state: 'exited', exitCode: 0, timedOut: false, startedNow: true, drops: 0, bytes: out.length });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250); // at least ~0.3 s, however fast
    const text = out.toString('utf8');
    expect(text).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \| INFO {5}\| Task \S+ \(keystone\) was prepared for execution\.\n/);
    expect(text).toContain('TASK [keystone : Copying over keystone.conf] ***');
    expect(text).toContain('\x1b[0;32mok: [ciab-demo-01]\x1b[0m');
    expect(text).toMatch(/PLAY RECAP \*+\n.*ok=\d+.*changed=\d+.*unreachable=0 +failed=0 +.*skipped=\d+.*rescued=0 +ignored=0/);
    const all = await readAll(ctl, 'osism-ciab.apply-keystone');
    expect(all).toMatchObject({ state: 'exited', code: 0, timedOut: false });
    expect(all.data.equals(out)).toBe(true);
    // Starting the same attempt again starts nothing: it reports the attempt as it is.
    expect(await new CtlStepAgent(ctl).start(step('osism-ciab.apply-keystone', 'x'), 'x', 60)).toEqual({ started: false, status: { state: 'exited', code: 0, timedOut: false, size: out.length } });
  }, 20_000);

  it('fail-once fails attempt 1 like Ansible (exit 2) and passes attempt 2; fail-always fails every attempt', async () => {
    const first = await run(ctl, step('osism-ciab.apply-mariadb', 'osism apply mariadb', 1));
    expect(first.outcome.exitCode).toBe(2);
    expect(first.out.toString()).toMatch(/fatal: \[ciab-demo-01\]: FAILED! => \{"changed": false, "msg": /);
    expect(first.out.toString()).toMatch(/failed=1/);
    const second = await run(ctl, step('osism-ciab.apply-mariadb', 'osism apply mariadb', 2));
    expect(second.outcome.exitCode).toBe(0);
    expect(second.out.toString()).toMatch(/failed=0/);
    for (const attempt of [1, 2]) expect((await run(ctl, step('osism-ciab.apply-rabbitmq', 'osism apply rabbitmq', attempt))).outcome.exitCode).toBe(2);
  }, 20_000);

  it('hang: prints a little, then nothing until CtlStepAgent.kill (143) or its timeout (124)', async () => {
    const agent = new CtlStepAgent(ctl);
    // No time limit here: a limit is simulated time too (3600 s at speed 5000 would be 0.7 s).
    const hang = step('osism-ciab.apply-nova', 'osism apply nova', 1, 0);
    let bytes = 0;
    const running = runStepCtl(ctl, hang, { onOutput: (b) => (bytes += b.length) });
    while (bytes === 0) await sleep(20);
    await sleep(600);
    expect((await agent.status(hang)).state).toBe('running');
    expect(await agent.kill(hang)).toBe(true);
    expect(await running).toMatchObject({ state: 'exited', exitCode: 143, timedOut: false });
    expect(await agent.kill(hang)).toBe(false);
    const t0 = Date.now();
    const timed = await run(ctl, step('osism-ciab.apply-glance', 'osism apply glance', 1, 60));
    expect(timed.outcome).toMatchObject({ state: 'exited', exitCode: 124, timedOut: true });
    expect(timed.out.length).toBeGreaterThan(0);
    expect(Date.now() - t0).toBeLessThan(5000);
    // A second attempt of a hung step goes through.
    expect((await run(ctl, step('osism-ciab.apply-glance', 'osism apply glance', 2))).outcome.exitCode).toBe(0);
  }, 20_000);

  it('drop: the connection goes midway; the channel reopens and the bytes equal the output exactly once', async () => {
    const opens = ctl.opens;
    let reattached = 0;
    const { outcome, out } = await run(ctl, step('osism-ciab.apply-neutron', 'osism apply neutron'), () => reattached++);
    expect(outcome).toMatchObject({ state: 'exited', exitCode: 0, startedNow: true });
    expect(outcome.drops).toBeGreaterThanOrEqual(1);
    expect(reattached).toBe(outcome.drops);
    expect(ctl.opens).toBeGreaterThan(opens);
    const all = await readAll(ctl, 'osism-ciab.apply-neutron');
    expect(all.data.equals(out)).toBe(true);
    expect(out.toString().match(/PLAY RECAP/g)).toHaveLength(1);
  }, 20_000);

  it('keeps checkpoints; a .check step exits 1 at once unless its step has one', async () => {
    const agent = new CtlStepAgent(ctl);
    const check = (attempt: number) => run(ctl, step('osism-ciab.apply-horizon.check', 'docker ps | grep horizon', attempt, 300));
    const before = await check(1);
    expect(before.outcome).toMatchObject({ exitCode: 1, bytes: 0 });
    await agent.checkpointAdd(step('osism-ciab.apply-horizon', ''));
    const list = await agent.checkpointList();
    expect(list.map((c) => c.stepId)).toContain('osism-ciab.apply-horizon');
    expect(list.at(-1)).toMatchObject({ stepId: 'osism-ciab.apply-horizon', attempt: 1 });
    expect(Math.abs(list.at(-1)!.at - Date.now() / 1000)).toBeLessThan(5);
    expect((await check(2)).outcome).toMatchObject({ exitCode: 0, bytes: 0 });
  });

  it('answers like the script: ping, status of an unknown attempt, bad names, unknown subcommands, put', async () => {
    expect(await ctl.request('ping', [])).toEqual({ code: 0, out: Buffer.alloc(0), err: Buffer.alloc(0) });
    expect((await ctl.call('status', ['nothing-here', 1])).toString()).toBe('@@ciab-step:status unknown - 0 0\n');
    const bad = await ctl.request('status', ['..', 1]);
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.err.toString()).toBe('@@ciab-step:error bad step: ..\n');
    expect((await ctl.request('frobnicate', [])).err.toString()).toBe('@@ciab-step:error unknown subcommand: frobnicate\n');
    expect((await ctl.request('read', ['osism-ciab.apply-keystone', 1, 99999999, 10])).err.toString()).toMatch(/^@@ciab-step:error offset 99999999 is past the end of the output \(\d+ bytes\)\n$/);
    expect(await new CtlStepAgent(ctl).put('/opt/ciab/site.yaml', 0o600, 'name: demo\n')).toBe(11);
  });

  it('runs whole playbooks (airgap-prepare, k3s-edge) in seconds at speed 5000, checks included', async () => {
    const t0 = Date.now();
    let steps = 0;
    for (const id of ['airgap-prepare', 'k3s-edge']) {
      for (const st of loadPlaybook(id).phases.flatMap((p) => p.steps)) {
        const stepId = `${id}.${st.id}`;
        if (st.check) expect((await run(ctl, step(`${stepId}.check`, st.check, 1, 300))).outcome.exitCode).toBe(1);
        const { outcome, out } = await run(ctl, step(stepId, st.command, 1, st.timeout));
        expect(outcome).toMatchObject({ state: 'exited', exitCode: 0 });
        expect(out.length).toBeGreaterThan(0);
        steps++;
      }
    }
    expect(steps).toBeGreaterThan(15);
    expect(Date.now() - t0).toBeLessThan(steps * 1000);
    // With a lower floor the whole osism-ciab playbook (57 steps, hours on a real server) takes a few seconds.
    const quick = await start({ deploy: { speed: 1e6, minStepMs: 10 } });
    const qc = channel(await connect(quick));
    const t1 = Date.now();
    for (const st of loadPlaybook('osism-ciab').phases.flatMap((p) => p.steps)) {
      const { outcome, out } = await run(qc, step(`osism-ciab.${st.id}`, st.command, 1, st.timeout));
      expect(outcome.exitCode).toBe(0);
      expect(out.toString()).toContain('PLAY RECAP');
    }
    expect(Date.now() - t1).toBeLessThan(15_000);
  }, 60_000);

  it('follows a change of speed at run time', async () => {
    const slow = await start({ deploy: { speed: 1 } });
    const c = channel(await connect(slow));
    const st = step('osism-ciab.apply-bootstrap', 'osism apply bootstrap');
    const running = run(c, st);
    await sleep(300);
    expect((await new CtlStepAgent(c).status(st)).state).toBe('running');
    slow.setDeploySpeed(100_000);
    const { outcome, out } = await running;
    expect(outcome.exitCode).toBe(0);
    expect(out.toString()).toContain('PLAY RECAP');
  }, 20_000);

  it('answers 127 for exec commands outside the scenario, near misses of the serve command included', async () => {
    for (const cmd of ['rm -rf /', stepCommand('status', [STATE, 'x', 1]), `${stepCommand('serve', [STATE])} extra`, stepCommand('serve', [STATE], '# not ciab-step\n')]) {
      const r = await s.exec(cmd);
      expect(r.code).toBe(127);
      expect(r.stderr.toString()).toMatch(/is not part of this demo scenario; nothing was run/);
    }
    expect((await s.exec(stepCommand('status', [STATE, 'x', 1]))).stderr.toString()).toBe(
      `ciab-sim: 'ciab-step status ${STATE} x 1' is not part of this demo scenario; nothing was run.\n` +
      'ciab-sim: deploy steps run over the control channel only (ciab-step serve STATE).\n');
  });

  it('sudo: the password-wrapped serve command works with the right password; a wrong one and none are refused', async () => {
    const dirty = await start({ hardware: 'small-dirty', sudoPassword: 'right-pw', deploy: { speed: 5000 } });
    const session = await connect(dirty);
    const root = channel(session, { sudo: { password: 'right-pw' } });
    const { outcome, out } = await run(root, step('osism-ciab.apply-common', 'osism apply common'));
    expect(outcome.exitCode).toBe(0);
    expect(out.toString()).toContain('PLAY RECAP');
    const wrong = channel(session, { sudo: { password: 'wrong-pw' }, readyTimeoutMs: 1000 });
    const refused = await wrong.call('ping', []).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StepProtocolError);
    expect((refused as Error).message).toMatch(/sudo refused.*Sorry, try again/);
    const none = channel(session, { sudo: {} });
    await expect(none.call('ping', [])).rejects.toThrow(/sudo refused.*a password is required/);
    // With passwordless sudo the wrapper's first line is eaten by the shell, whatever it is.
    const good = await start({ deploy: { speed: 5000 } });
    expect(await channel(await connect(good), { sudo: { password: 'anything' } }).request('ping', [])).toMatchObject({ code: 0 });
  }, 20_000);
});
