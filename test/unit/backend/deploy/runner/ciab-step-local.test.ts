// SPDX-License-Identifier: Apache-2.0
// playbooks/runner/ciab-step.sh run by a local sh through StepAgent (no SSH): start, idempotency, read,
// follow, kill, timeout, checkpoints, and the fallback without setsid.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StepAgent, type StepExec } from '../../../../../electron/backend/deploy/runner/step-agent.js';
import { runStep } from '../../../../../electron/backend/deploy/runner/attach-step.js';
import type { ExecOptions, ExecResult } from '../../../../../electron/backend/ssh/remote-exec.js';

// Like an SSH exec: `sh -c COMMAND` with stdin, streamed stdout/stderr, exit code.
function localExec(env: NodeJS.ProcessEnv = {}): StepExec {
  return {
    exec: (command: string, opts: ExecOptions = {}) => new Promise<ExecResult>((resolve, reject) => {
      const p = spawn('sh', ['-c', command], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      p.stdout.on('data', (d: Buffer) => { out.push(d); opts.onData?.('stdout', d); });
      p.stderr.on('data', (d: Buffer) => { err.push(d); opts.onData?.('stderr', d); });
      p.on('error', reject);
      p.on('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
      p.stdin.end(opts.stdin ?? undefined);
    }),
  };
}

// Alive and not a zombie (this machine's init is slow to reap orphans).
async function running(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat !== '' && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

describe('ciab-step.sh with a local shell', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ciab-step-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts once, reads byte-exact, follows to the exit code', async () => {
    const agent = new StepAgent(localExec());
    const ref = { stateDir: join(dir, 'st'), stepId: 'hello', attempt: 1 };
    const counter = join(dir, 'count');
    const cmd = `echo run >> ${counter}; printf '\\033[32mgrün\\033[0m\\n'; echo to-stderr >&2; exit 3`;
    expect(await agent.start(ref, cmd, 10)).toMatchObject({ started: true });
    expect(await agent.start(ref, cmd, 10)).toMatchObject({ started: false });
    const got: Buffer[] = [];
    const end = await agent.follow(ref, 0, (b) => got.push(b));
    expect(end).toMatchObject({ state: 'exited', code: 3, timedOut: false });
    const file = await readFile(join(dir, 'st/hello/1/output'));
    expect(Buffer.concat(got).equals(file)).toBe(true);
    expect(file.toString()).toBe('\x1b[32mgrün\x1b[0m\nto-stderr\n');
    const parts: Buffer[] = [];
    for (let off = 0; off < file.length; off += 3) parts.push((await agent.read(ref, off, 3)).data);
    expect(Buffer.concat(parts).equals(file)).toBe(true);
    expect(await agent.status(ref)).toEqual({ state: 'exited', code: 3, size: file.length, timedOut: false });
    expect((await readFile(counter, 'utf8')).split('\n').filter(Boolean)).toHaveLength(1);
    await expect(agent.read(ref, file.length + 1, 1)).rejects.toThrow(/past the end/);
  });

  it('rejects names that would leave the state directory', async () => {
    const agent = new StepAgent(localExec());
    await expect(agent.status({ stateDir: dir, stepId: '..', attempt: 1 })).rejects.toThrow(/bad step id/);
    expect(await agent.status({ stateDir: dir, stepId: 'nope', attempt: 1 })).toMatchObject({ state: 'unknown', size: 0 });
  });

  it('reports lost when the wrapper is gone without an exit file (server reboot, kill -9)', async () => {
    const agent = new StepAgent(localExec());
    const d = join(dir, 'st/rebooted/1');
    await mkdir(d, { recursive: true });
    await writeFile(join(d, 'pid'), '999999999 999999999\n');
    await writeFile(join(d, 'started'), `1 ${await readFile('/proc/sys/kernel/random/boot_id', 'utf8')}`);
    await writeFile(join(d, 'output'), 'half');
    const ref = { stateDir: join(dir, 'st'), stepId: 'rebooted', attempt: 1 };
    expect(await agent.status(ref)).toEqual({ state: 'lost', code: null, size: 4, timedOut: false });
    expect(await runStep(localExec(), { ...ref, command: 'echo never', timeoutS: 0 })).toMatchObject({ state: 'lost', exitCode: null, bytes: 4, startedNow: false });
  });

  it('kills the process group on timeout, also without setsid (bash set -m fallback)', async () => {
    for (const env of [{}, { CIAB_STEP_NO_SETSID: '1' }]) {
      const exec = localExec(env);
      const pidFile = join(dir, `child-${Object.keys(env).length}`);
      const t0 = Date.now();
      const out = await runStep(exec, { stateDir: join(dir, 'st'), stepId: `slow-${Object.keys(env).length}`, attempt: 1, timeoutS: 1,
        command: `sleep 60 & echo $! > ${pidFile}; echo started; sleep 60` });
      expect(out).toMatchObject({ state: 'exited', exitCode: 124, timedOut: true, bytes: 8 });
      expect(Date.now() - t0).toBeLessThan(4000);
      const child = Number(await readFile(pidFile, 'utf8'));
      expect(await running(child)).toBe(false);
    }
  });

  it('kill ends a running step; checkpoints append and list', async () => {
    const exec = localExec();
    const agent = new StepAgent(exec);
    const ref = { stateDir: join(dir, 'st'), stepId: 'killme', attempt: 2 };
    await agent.start(ref, 'sleep 60', 0);
    expect(await agent.kill(ref)).toBe(true);
    const end = await agent.follow(ref, 0, () => undefined);
    expect(end).toMatchObject({ state: 'exited', code: 143 });
    expect(await agent.kill(ref)).toBe(false);
    await Promise.all(['a', 'b', 'c', 'd'].map((id, i) => agent.checkpointAdd({ stateDir: ref.stateDir, stepId: id, attempt: i + 1 })));
    const list = await agent.checkpointList(ref.stateDir);
    expect(list.map((c) => `${c.stepId}/${c.attempt}`).sort()).toEqual(['a/1', 'b/2', 'c/3', 'd/4']);
    expect(await agent.checkpointList(join(dir, 'none'))).toEqual([]);
  });
});
