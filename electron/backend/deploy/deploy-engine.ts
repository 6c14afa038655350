// SPDX-License-Identifier: Apache-2.0
// Runs a deploy plan over one control channel: skips what the server's checkpoints or the workflow say
// is done, runs a step's `check` before its first attempt, runs the step detached (re-attaching after
// drops), retries it as the playbook allows, and stops at the first failure with what the operator needs.
import type { DeployFailure } from '../../api/contract.js';
import type { DeployPhaseOutline, DeployStepState } from '../workflow/installer-types.js';
import type { Hint } from './load-playbook.js';
import type { DeployPlan, PlanStep } from './resolve-plan.js';
import { ChannelDropped, type ControlChannel } from './runner/control-channel.js';
import { CtlStepAgent, runStepCtl, StepNeverStarted } from './runner/ctl-step.js';
import { OutputTail, stepFailure } from './step-failure.js';
import { shellQuote } from '../ssh/shell-quote.js';

/** A step the app does itself rather than a shell command (uploads), in a phase before the playbooks. */
export interface TransferStep {
  key: string;
  title: string;
  expectedS: number;
  /** Done when it resolves; throws an Error whose message the operator reads. `print` adds to its output. */
  run(agent: CtlStepAgent, signal: AbortSignal, print: (text: string) => void): Promise<void>;
}

/** Everything the engine reports; the actor turns these into workflow events and journal lines. */
export interface EngineListener {
  step(key: string, state: DeployStepState): void;
  /** Output bytes of `key` attempt `attempt` starting at byte `offset` of the server's file (each byte once). */
  output(key: string, attempt: number, offset: number, bytes: Buffer): void;
  reattach(key: string, attempt: number, offset: number, drops: number): void;
}

export interface EngineOptions {
  plan: DeployPlan;
  ctl: ControlChannel;
  hints: Hint[];
  /** What the workflow knows from earlier runs (done, skipped, attempts). */
  known: Record<string, DeployStepState>;
  listener: EngineListener;
  /** Run steps without `sudo: true` as this user (the channel runs as root and the login user is not root). */
  runAsUser?: string | null;
  transfers?: TransferStep[];
  signal?: AbortSignal;
}

/** How a run of the engine ended. */
export type EngineResult = { ok: true } | { ok: false; failure: DeployFailure };

// Settled states: nothing to run again in this plan.
const SETTLED = new Set(['done', 'already-done', 'skipped']);

/** The step's name on the server (plan keys hold a slash; server names may not). */
export function serverStepId(key: string): string {
  return key.replace(/\//g, '.');
}

/** The phases and steps as the workflow tracks them (no commands). */
export function planOutline(plan: DeployPlan, transfers: readonly TransferStep[] = []): DeployPhaseOutline[] {
  const head: DeployPhaseOutline[] = transfers.length ? [{ id: 'transfer', playbook: 'ciab', title: 'Copy to the server', steps: transfers.map((t) => ({ key: t.key, title: t.title, expectedS: t.expectedS })) }] : [];
  return [...head, ...plan.phases.map((p) => ({ id: p.id, playbook: p.playbook, title: p.title, steps: p.steps.map((s) => ({ key: s.key, title: s.title, expectedS: s.duration })) }))];
}

/** Runs a plan to its end or its first failure; `stop()` kills the running step on the server. */
export class DeployEngine {
  private readonly agent: CtlStepAgent;
  private running: { key: string; attempt: number; stopped: boolean } | null = null;
  // Checkpoints in flight: sent without waiting for the reply, so the next step's request follows on the
  // channel at once (the server handles requests in order); every one is awaited before the run ends.
  private checkpoints: Promise<void>[] = [];

  constructor(private readonly o: EngineOptions) {
    this.agent = new CtlStepAgent(o.ctl);
  }

  /** Kills the running step's process group (TERM, KILL 5 s later); it then fails as "stopped". */
  async stop(): Promise<boolean> {
    const r = this.running;
    if (!r) return false;
    r.stopped = true;
    return this.untilSent(() => this.agent.kill({ stateDir: this.o.ctl.stateDir, stepId: serverStepId(r.key), attempt: r.attempt }));
  }

  /** Runs every step not settled yet, in plan order. */
  async run(): Promise<EngineResult> {
    const done = new Set((await this.untilSent(() => this.agent.checkpointList())).map((c) => c.stepId));
    for (const t of this.o.transfers ?? []) {
      const r = await this.transfer(t, done);
      if (r) return this.settled(r);
    }
    for (const phase of this.o.plan.phases) {
      for (const step of phase.steps) {
        this.o.signal?.throwIfAborted();
        const known = this.o.known[step.key];
        if (known && SETTLED.has(known.status)) continue;
        if (done.has(serverStepId(step.key))) {
          this.o.listener.step(step.key, { status: 'already-done', attempt: known?.attempt ?? 0, durationMs: null });
          continue;
        }
        const failure = await this.runStep(step, known);
        if (failure) return this.settled({ ok: false, failure });
      }
    }
    return this.settled({ ok: true });
  }

  // Records a completed step on the server; a reply lost to a dropped channel is sent again (a set: twice is harmless).
  private checkpoint(stepId: string, attempt: number): void {
    const ref = { stateDir: this.o.ctl.stateDir, stepId, attempt };
    const add = () => this.untilSent(() => this.agent.checkpointAdd(ref));
    const p = add();
    p.catch(() => undefined); // awaited in settled()
    this.checkpoints.push(p);
  }

  // Runs a request (or an idempotent transfer) again after the channel dropped, while the session reconnects.
  private async untilSent<T>(fn: () => Promise<T>): Promise<T> {
    for (let tries = 0; ; tries++) {
      try {
        return await fn();
      } catch (err) {
        const dropped = err instanceof ChannelDropped || (err as { kind?: string }).kind === 'dropped';
        if (!dropped || tries >= 100 || this.o.signal?.aborted) throw err;
        await new Promise((r) => setTimeout(r, Math.min(1000, 25 * (tries + 1))));
      }
    }
  }

  private async settled(r: EngineResult): Promise<EngineResult> {
    await Promise.all(this.checkpoints);
    return r;
  }

  private async transfer(t: TransferStep, done: Set<string>): Promise<EngineResult | null> {
    const known = this.o.known[t.key];
    if (known && SETTLED.has(known.status)) return null;
    if (done.has(serverStepId(t.key))) {
      this.o.listener.step(t.key, { status: 'already-done', attempt: known?.attempt ?? 0, durationMs: null });
      return null;
    }
    const attempt = (known?.attempt ?? 0) + 1;
    const started = Date.now();
    this.o.listener.step(t.key, { status: 'running', attempt, durationMs: null });
    let offset = 0;
    const print = (text: string) => {
      const bytes = Buffer.from(text);
      this.o.listener.output(t.key, attempt, offset, bytes);
      offset += bytes.length;
    };
    try {
      // Transfers are idempotent (put renames into place, the upload resumes): a drop means run it again.
      await this.untilSent(() => t.run(this.agent, this.o.signal ?? new AbortController().signal, print));
    } catch (err) {
      if (this.o.signal?.aborted) throw err;
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, failure: { key: t.key, title: t.title, command: '', attempt, exitCode: null, timedOut: false, message, lastLines: message.split('\n').slice(-50), hints: [] } };
    }
    this.checkpoint(serverStepId(t.key), attempt);
    this.o.listener.step(t.key, { status: 'done', attempt, durationMs: Date.now() - started });
    return null;
  }

  // One step: check, then attempts up to its retries. Returns the failure, or null when it is done.
  private async runStep(step: PlanStep, known: DeployStepState | undefined): Promise<DeployFailure | null> {
    // A step the workflow saw running is re-attached (same attempt); after a failure the next attempt runs.
    let attempt = known?.status === 'running' ? Math.max(1, known.attempt) : (known?.attempt ?? 0) + 1;
    let first = attempt;
    if (step.check && known?.status !== 'running' && (await this.checkPasses(step, attempt))) {
      this.checkpoint(serverStepId(step.key), 0);
      this.o.listener.step(step.key, { status: 'already-done', attempt: known?.attempt ?? 0, durationMs: null });
      return null;
    }
    for (;;) {
      const started = Date.now();
      this.o.listener.step(step.key, { status: 'running', attempt, durationMs: null });
      const tail = new OutputTail();
      const decoder = new TextDecoder('utf-8');
      this.running = { key: step.key, attempt, stopped: false };
      const outcome = await runStepCtl(
        this.o.ctl,
        { stateDir: this.o.ctl.stateDir, stepId: serverStepId(step.key), attempt, command: this.body(step), timeoutS: step.timeout },
        {
          onOutput: (bytes, offset) => {
            tail.push(decoder.decode(bytes, { stream: true }));
            this.o.listener.output(step.key, attempt, offset, bytes);
          },
          onReattach: (offset, drops) => this.o.listener.reattach(step.key, attempt, offset, drops),
          ...(this.o.signal ? { signal: this.o.signal } : {}),
        },
      ).catch((err: unknown) => {
        // Nothing of that attempt ran (its start was cut short on a server without python3): the next one runs.
        if (err instanceof StepNeverStarted) return null;
        throw err;
      });
      if (!outcome) {
        this.running = null;
        attempt++;
        first++; // not the step's failure: no retry used up
        continue;
      }
      const stopped = this.running?.stopped === true;
      this.running = null;
      if (outcome.state === 'exited' && outcome.exitCode === 0) {
        this.checkpoint(serverStepId(step.key), attempt);
        this.o.listener.step(step.key, { status: 'done', attempt, durationMs: Date.now() - started });
        return null;
      }
      // Automatic retries are the playbook's (flaky pulls); a stop by the operator is never retried.
      if (!stopped && attempt - first < step.retries) {
        attempt++;
        continue;
      }
      return stepFailure(step, attempt, outcome, tail, this.o.hints, stopped);
    }
  }

  // The check runs like a step (detached, re-attachable) under its own server name.
  private async checkPasses(step: PlanStep, attempt: number): Promise<boolean> {
    const outcome = await runStepCtl(
      this.o.ctl,
      { stateDir: this.o.ctl.stateDir, stepId: `${serverStepId(step.key)}.check`, attempt, command: this.wrap(step.check as string, step.sudo), timeoutS: Math.min(step.timeout, 300) },
      this.o.signal ? { signal: this.o.signal } : {},
    );
    return outcome.state === 'exited' && outcome.exitCode === 0;
  }

  private body(step: PlanStep): string {
    return this.wrap(step.command, step.sudo);
  }

  // The channel runs as root when any step needs it; the others drop to the login user.
  private wrap(command: string, sudo: boolean): string {
    const user = this.o.runAsUser;
    if (sudo || !user || user === 'root') return command;
    return `exec runuser -u ${shellQuote(user)} -- sh -c ${shellQuote(command)}\n`;
  }
}
