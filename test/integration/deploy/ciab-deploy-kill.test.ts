// SPDX-License-Identifier: Apache-2.0
// The installer itself dies: the built `ciab deploy` runs the whole sandbox plan against a real sshd (each
// step's command replaced by the stand-in tool through --playbooks) and is SIGKILLed at seeded random
// moments while steps run; `ciab deploy --resume` continues each time until it exits 0, and no step ran twice.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverStepId } from '../../../electron/backend/deploy/deploy-engine.js';
import { fakePlaybooks, rng } from '../../helpers/fake-playbooks.js';
import { tempDir } from '../../helpers/ssh-keys.js';
import { sshdAvailable, sshdSkipReason, startSshd, type TestSshd } from '../../helpers/sshd.js';

const KILLS = 6;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

describe.skipIf(!sshdAvailable)(`ciab deploy killed at random moments, then --resume${sshdSkipReason}`, () => {
  let sshd: TestSshd;
  let tmp: { dir: string; remove: () => Promise<void> };

  beforeAll(async () => {
    sshd = await startSshd({ logLevel: 'INFO' });
    tmp = await tempDir('deploy-kill');
  });
  afterAll(async () => {
    await sshd?.stop();
    await tmp?.remove();
  });

  it(`completes after ${KILLS} kills of the installer, every step once`, async () => {
    const seed = Number(process.env.CIAB_KILL_SEED ?? Date.now() % 100_000);
    const random = rng(seed);
    const work = path.join(tmp.dir, `run-${seed}`);
    await mkdir(work, { recursive: true });
    await fakePlaybooks(path.join(work, 'playbooks'), work);
    const stateDir = path.join(work, 'state');
    const args = ['deploy', 'examples/site-sandbox.yaml', '--target', `${sshd.username}@${sshd.host}:${sshd.port}`, '-i', sshd.clientKeyPath,
      '--known-hosts', path.join(work, 'known_hosts'), '--accept-new', '--data-dir', path.join(work, 'data'), '--playbooks', path.join(work, 'playbooks'),
      '--config-dir', path.join(work, 'config'), '--bundle-dir', path.join(work, 'bundle'), '--state-dir', stateDir, '--json'];

    // One run of the CLI; with `killAfterSteps` it is SIGKILLed a random 0–400 ms after its n-th step started.
    const runOnce = (resume: boolean, killAfterSteps: number | null): Promise<Run> => new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.resolve('bin/ciab.mjs'), ...args, ...(resume ? ['--resume'] : [])], { env: { ...process.env, NO_COLOR: '1' } });
      let stdout = '';
      let stderr = '';
      let started = 0;
      child.stdout.setEncoding('utf8').on('data', (c: string) => {
        stdout += c;
        started += c.split('\n').filter((l) => l.includes('"event":"step"') && l.includes('"status":"running"')).length;
        if (killAfterSteps !== null && started >= killAfterSteps && !child.killed) {
          killAfterSteps = null;
          setTimeout(() => child.kill('SIGKILL'), random() * 400);
        }
      });
      child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    });

    const runs: Run[] = [];
    for (let k = 0; k < KILLS; k++) runs.push(await runOnce(k > 0, 1 + Math.floor(random() * 5)));
    let last = await runOnce(true, null);
    const context = `seed ${seed} (repeat with CIAB_KILL_SEED=${seed}); runs: ${runs.map((r) => r.signal ?? r.code).join(', ')}; last stderr: ${last.stderr.slice(-600)}`;
    console.log(`[kill run] ${context.slice(0, 200)}`);
    // A kill may land after the plan finished (the last run then only finds everything done).
    expect(runs.filter((r) => r.signal === 'SIGKILL').length, context).toBeGreaterThanOrEqual(KILLS - 1);
    expect(last.code, context).toBe(0);
    expect(last.stdout).toContain('"event":"done"');

    const planned = last.stdout.split('\n').filter((l) => l.includes('"event":"plan"')).map((l) => JSON.parse(l) as { phases: { steps: { key: string }[] }[] })[0]!
      .phases.flatMap((p) => p.steps.map((s) => s.key));
    // The app's own transfer steps (ciab/copy-config) install files with `put`: no command, no attempt.
    const steps = planned.filter((k) => !k.startsWith('ciab/'));
    expect(steps.length).toBeGreaterThan(20);
    // Every step ran exactly once across all the runs: one invocation each, one attempt on the server.
    const invocations = readFileSync(path.join(work, 'invocations.log'), 'utf8').trim().split('\n').map((l) => l.split(' ')[0]);
    expect(invocations.sort(), context).toEqual(steps.map(serverStepId).sort());
    for (const key of steps) expect(readdirSync(path.join(stateDir, serverStepId(key))), `${context}: ${key}`).toEqual(['1']);
    // A second --resume has nothing left to run.
    last = await runOnce(true, null);
    expect(last.code).toBe(0);
    expect(readFileSync(path.join(work, 'invocations.log'), 'utf8').trim().split('\n').length).toBe(steps.length);
  }, 240_000);
});
