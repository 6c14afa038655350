// SPDX-License-Identifier: Apache-2.0
// `ciab-step serve` run by a local sh (no SSH) through ControlChannel: steps and their output, a failing
// request that leaves the channel up, a malformed request line that ends it, and a reopen after a kill.
import { spawn, spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelDropped, ControlChannel, type ChannelOpener, type CtlStream } from '../../../../../electron/backend/deploy/runner/control-channel.js';
import { CtlStepAgent, runStepCtl } from '../../../../../electron/backend/deploy/runner/ctl-step.js';
import { stepCommand } from '../../../../../electron/backend/deploy/runner/step-agent.js';
import { StepProtocolError } from '../../../../../electron/backend/deploy/runner/step-protocol.js';

// Like an SSH exec channel: `sh -c COMMAND`, stdin kept open, stdout as data, close when it ends.
const localOpener: ChannelOpener = {
  open(command) {
    const p = spawn('sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'] });
    const s = Object.assign(new EventEmitter(), {
      stderr: p.stderr,
      write: (b: Buffer) => p.stdin.write(b),
      end: () => p.stdin.end(),
      close: () => p.kill('SIGKILL'),
    });
    p.stdin.on('error', () => undefined);
    p.stdout.on('data', (d: Buffer) => s.emit('data', d));
    p.on('close', () => s.emit('close'));
    return Promise.resolve(s as unknown as CtlStream);
  },
};

describe('ciab-step serve with a local shell', () => {
  let dir: string;
  let ctl: ControlChannel;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ciab-serve-'));
    ctl = new ControlChannel(localOpener, join(dir, 'state'));
  });
  afterAll(async () => {
    ctl.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs steps with their output and exit codes over one channel', async () => {
    const stateDir = join(dir, 'state');
    const got: Buffer[] = [];
    const out = await runStepCtl(ctl, { stateDir, stepId: 'a', attempt: 1, timeoutS: 60, command: 'printf "x€\\n"; sleep 0.2; echo y >&2; exit 4' }, { onOutput: (b) => got.push(b) });
    expect(out).toMatchObject({ state: 'exited', exitCode: 4, bytes: 7, startedNow: true });
    expect(Buffer.concat(got).toString()).toBe('x€\ny\n');
    expect(await runStepCtl(ctl, { stateDir, stepId: 'a', attempt: 1, timeoutS: 60, command: 'exit 9' })).toMatchObject({ exitCode: 4, startedNow: false });
    expect(ctl.opens).toBe(1);
  });

  it('answers a failing request with its error and stays up', async () => {
    await expect(ctl.call('status', ['..', 1])).rejects.toBeInstanceOf(StepProtocolError);
    await expect(ctl.call('nonsense', [])).rejects.toThrow(/unknown subcommand: nonsense/);
    expect((await new CtlStepAgent(ctl).status({ stateDir: ctl.stateDir, stepId: 'a', attempt: 1 })).code).toBe(4);
    expect(ctl.opens).toBe(1);
  });

  it('reopens after the serving shell is killed, and ends on a malformed request line', async () => {
    const pending = ctl.call('wait', ['a', 1, 0, 10, 1000]);
    ctl.cut();
    await expect(pending).rejects.toBeInstanceOf(ChannelDropped);
    await ctl.call('ping', []);
    expect(ctl.opens).toBe(2);
    const r = spawnSync('sh', ['-c', stepCommand('serve', [join(dir, 'state')])], { input: 'r1 ping 0\nonly-one-word\nr2 ping 0\n', encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^@@ciab-ctl-ready 1 \d+\n@@ciab-ctl r1 0 0 0\n$/);
    expect(r.stderr).toContain('@@ciab-step:error bad request: only-one-word');
  });
});
