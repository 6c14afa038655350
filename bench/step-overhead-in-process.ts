// SPDX-License-Identifier: Apache-2.0
// In-process part of bench/step-overhead.bench.mjs: no-op steps over one open SSH session, through the
// control channel (one long `ciab-step serve` exec) and through one `ciab-step run` exec per step.
import { runStep } from '../electron/backend/deploy/runner/attach-step.js';
import { ControlChannel, sessionOpener } from '../electron/backend/deploy/runner/control-channel.js';
import { runStepCtl } from '../electron/backend/deploy/runner/ctl-step.js';
import { DeployEngine } from '../electron/backend/deploy/deploy-engine.js';
import type { DeployPlan } from '../electron/backend/deploy/resolve-plan.js';
import { benchSession, type SshTarget } from './bench-session.js';

/** Where to connect and where the steps keep their files on the target. */
export interface BenchTarget extends SshTarget {
  stateDir: string;
}

/** Milliseconds per no-op step (`true`) for each path, `steps` of each after a warm-up, one session. */
export async function timeSteps(t: BenchTarget, steps: number): Promise<{ ctl: number[]; exec: number[]; bareExec: number[] }> {
  const session = await benchSession(t);
  const ctl = new ControlChannel(sessionOpener(session), t.stateDir);
  const res = { ctl: [] as number[], exec: [] as number[], bareExec: [] as number[] };
  let n = 0;
  const check = (o: { exitCode: number | null }) => {
    if (o.exitCode !== 0) throw new Error(`a no-op step exited ${String(o.exitCode)}`);
  };
  try {
    // Warm-up: opens the channel, creates the state directory, JIT.
    for (let i = 0; i < 3; i++) {
      check(await runStepCtl(ctl, { stateDir: t.stateDir, stepId: `warm-${++n}`, attempt: 1, command: 'true', timeoutS: 60 }));
      check(await runStep(session, { stateDir: t.stateDir, stepId: `warm-${++n}`, attempt: 1, command: 'true', timeoutS: 60 }));
    }
    for (let i = 0; i < steps; i++) {
      let t0 = performance.now();
      check(await runStepCtl(ctl, { stateDir: t.stateDir, stepId: `ctl-${++n}`, attempt: 1, command: 'true', timeoutS: 60 }));
      res.ctl.push(performance.now() - t0);
      t0 = performance.now();
      check(await runStep(session, { stateDir: t.stateDir, stepId: `exec-${++n}`, attempt: 1, command: 'true', timeoutS: 60 }));
      res.exec.push(performance.now() - t0);
      t0 = performance.now();
      const r = await session.exec('true');
      if (r.code !== 0) throw new Error(`true exited ${String(r.code)}`);
      res.bareExec.push(performance.now() - t0);
    }
    await session.exec(`rm -rf '${t.stateDir.replace(/'/g, '')}'`);
  } finally {
    ctl.close();
    await session.close();
  }
  return res;
}

/** Wall time (ms) of a whole plan of `steps` no-op steps through the deploy engine (checkpoint per step), one session. */
export async function timeEngine(t: BenchTarget, steps: number): Promise<number> {
  const session = await benchSession(t);
  const plan: DeployPlan = {
    site: 'bench', type: 'sandbox', playbooks: ['bench'], steps, duration: steps,
    phases: [{ playbook: 'bench', id: 'noop', title: 'No-op steps', duration: steps, skipped: [],
      steps: Array.from({ length: steps }, (_, i) => ({ key: `bench/noop-${i}`, id: `noop-${i}`, title: `noop ${i}`, command: 'true', sudo: false, timeout: 60, retries: 0, duration: 1, hints: [] })) }],
  };
  const ctl = new ControlChannel(sessionOpener(session), `${t.stateDir}-engine`);
  const listener = { step: () => undefined, output: () => undefined, reattach: () => undefined };
  try {
    const t0 = performance.now();
    const r = await new DeployEngine({ plan, ctl, hints: [], known: {}, listener }).run();
    const ms = performance.now() - t0;
    if (!r.ok) throw new Error(`the no-op plan failed: ${r.failure.message}`);
    await session.exec(`rm -rf '${t.stateDir.replace(/'/g, '')}-engine'`);
    return ms;
  } finally {
    ctl.close();
    await session.close();
  }
}
