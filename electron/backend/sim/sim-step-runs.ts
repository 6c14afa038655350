// SPDX-License-Identifier: Apache-2.0
// The simulated server's detached steps: attempts kept in memory per server (not per connection), their
// output appended on a compressed clock (speed × real time), faults, kills, timeouts and checkpoints.
import { simStepOutput, type SimStepMode } from './sim-deploy-output.js';
import { simStepInfo } from './sim-step-catalog.js';

/** A fault injected into a step by its server step id. */
export type SimFault = 'fail-once' | 'hang' | 'drop' | 'fail-always';

/** SimServerOptions.deploy: how fast simulated steps run, and which ones misbehave. */
export interface SimDeployOptions {
  /** Simulated seconds per real second (default 60): a step takes its playbook `duration` ÷ speed. */
  speed?: number;
  faults?: Record<string, SimFault>;
  /** Shortest real run time of a step in ms (default 300), so progress stays visible; lower it for quick tests. */
  minStepMs?: number;
}

/** Default time compression: a 10-minute step takes 10 s. */
export const SIM_DEFAULT_SPEED = 60;
// No step is quicker than this (real time) unless told, so progress stays visible; `.check` probes answer at once.
const MIN_RUN_MS = 300;
const CHECK_RUN_MS = 30;

interface TimedEvent { simAt: number; text: string }

/** One attempt of one step, alive until the server stops. */
export class SimRun {
  output: Buffer = Buffer.alloc(0);
  state: 'running' | 'exited' = 'running';
  code: number | null = null;
  timedOut = false;
  /** Ends the SSH connection of the channel that last asked about this run (the `drop` fault). */
  dropper: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();
  /** @internal clock and schedule, driven by SimStepRuns */
  simPos = 0;
  wallAt = Date.now();
  idx = 0;
  timer: NodeJS.Timeout | null = null;

  constructor(
    readonly pgid: number,
    readonly events: TimedEvent[],
    /** Simulated second of the exit, or null: it never ends by itself. */
    readonly endSim: number | null,
    readonly exitCode: number,
    readonly timeoutSim: number,
    readonly dropAt: number,
  ) {}

  /** Call `cb` on new output or the end; returns the unsubscribe function. */
  onChange(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** @internal */
  notify(): void {
    for (const cb of [...this.listeners]) cb();
  }
}

/** Every step attempt and checkpoint of one simulated server. */
export class SimStepRuns {
  private readonly runs = new Map<string, SimRun>();
  private readonly checkpoints = new Map<string, string[]>();
  /** Files installed with `put`: path → mode and content (nothing touches the real disk). */
  readonly files = new Map<string, { mode: string; data: Buffer }>();
  private speed: number;
  private nextPid = 24_117;

  constructor(private readonly opts: SimDeployOptions = {}) {
    this.speed = SimStepRuns.checkSpeed(opts.speed ?? SIM_DEFAULT_SPEED);
  }

  private static checkSpeed(n: number): number {
    if (!Number.isFinite(n) || n <= 0) throw new Error(`the simulated deploy speed must be a positive number, not ${n}`);
    return n;
  }

  /** A fresh process id for a serve channel's ready line or a step's process group. */
  pid(): number {
    return this.nextPid++;
  }

  /** Change the time compression now; running steps keep their progress and go on at the new pace. */
  setSpeed(n: number): void {
    const speed = SimStepRuns.checkSpeed(n);
    for (const r of this.runs.values()) {
      r.simPos = this.simNow(r);
      r.wallAt = Date.now();
    }
    this.speed = speed;
    for (const r of this.runs.values()) this.schedule(r);
  }

  /** The attempt, if it was started. */
  get(stateDir: string, step: string, attempt: string): SimRun | undefined {
    return this.runs.get(key(stateDir, step, attempt));
  }

  /** Start the attempt unless it exists (then it is returned as it is: never started twice). */
  start(stateDir: string, step: string, attempt: string, timeoutS: number, command: string): { started: boolean; run: SimRun } {
    const k = key(stateDir, step, attempt);
    const existing = this.runs.get(k);
    if (existing) return { started: false, run: existing };
    const run = step.endsWith('.check') ? this.checkRun(stateDir, step) : this.stepRun(step, attempt, timeoutS, command);
    this.runs.set(k, run);
    this.schedule(run);
    return { started: true, run };
  }

  /** TERM the run's group: it ends at once with 143 (128 + SIGTERM). False if it was not running. */
  kill(run: SimRun): boolean {
    if (run.state !== 'running') return false;
    this.end(run, 143);
    return true;
  }

  /** Append "STEP ATTEMPT EPOCH" to the state directory's checkpoint list; returns the line. */
  checkpointAdd(stateDir: string, step: string, attempt: string): string {
    const line = `${step} ${attempt} ${Math.floor(Date.now() / 1000)}`;
    this.checkpoints.set(stateDir, [...(this.checkpoints.get(stateDir) ?? []), line]);
    return line;
  }

  /** The checkpoint lines of a state directory, oldest first. */
  checkpointList(stateDir: string): string[] {
    return this.checkpoints.get(stateDir) ?? [];
  }

  /** Stop every timer (the server is closing); runs stay as they are. */
  dispose(): void {
    for (const r of this.runs.values()) if (r.timer) clearTimeout(r.timer);
  }

  // "Is it done already?": exits 0 only if the step it checks has a checkpoint, quickly and silently.
  private checkRun(stateDir: string, step: string): SimRun {
    const done = this.checkpointList(stateDir).some((l) => l.split(' ')[0] === step.slice(0, -'.check'.length));
    return new SimRun(this.pid(), [], (Math.min(CHECK_RUN_MS, this.opts.minStepMs ?? CHECK_RUN_MS) / 1000) * this.speed, done ? 0 : 1, 0, -1);
  }

  private stepRun(step: string, attempt: string, timeoutS: number, command: string): SimRun {
    const fault = this.opts.faults?.[step];
    const first = attempt === '1';
    // fail-once, hang and drop hit the first attempt only, so a retry (or the operator's) goes through.
    const mode: SimStepMode = fault === 'fail-always' || (fault === 'fail-once' && first) ? 'fail' : fault === 'hang' && first ? 'hang' : 'ok';
    const info = simStepInfo(step);
    const totalSim = Math.max(info.durationS, ((this.opts.minStepMs ?? MIN_RUN_MS) / 1000) * this.speed);
    const script = simStepOutput({ stepId: step, attempt, command, title: info.title, mode, startedAtMs: Date.now(), durationS: totalSim });
    const events = script.events.map((e) => ({ simAt: e.at * totalSim, text: e.text }));
    const last = events.at(-1)?.simAt ?? 0;
    const endSim = script.exitCode === null ? null : mode === 'ok' ? totalSim : last;
    // The time limit stretches with the run time when the floor lengthened it: what fits in time still does.
    const timeoutSim = timeoutS > 0 ? timeoutS * (totalSim / Math.max(info.durationS, 1e-3)) : 0;
    const dropAt = fault === 'drop' && first ? Math.max(1, Math.floor(events.length / 2)) : -1;
    return new SimRun(this.pid(), events, endSim, script.exitCode ?? 0, timeoutSim, dropAt);
  }

  private simNow(r: SimRun): number {
    return r.simPos + ((Date.now() - r.wallAt) / 1000) * this.speed;
  }

  // One timer per running attempt, for its next output, its end or its timeout, whichever comes first.
  private schedule(r: SimRun): void {
    if (r.timer) clearTimeout(r.timer);
    r.timer = null;
    if (r.state !== 'running') return;
    const next = Math.min(r.events[r.idx]?.simAt ?? Infinity, r.endSim ?? Infinity, r.timeoutSim > 0 ? r.timeoutSim : Infinity);
    if (next === Infinity) return;
    r.timer = setTimeout(() => this.tick(r), Math.max(0, ((next - this.simNow(r)) / this.speed) * 1000));
  }

  private tick(r: SimRun): void {
    r.timer = null;
    if (r.state !== 'running') return;
    const now = this.simNow(r) + 1e-6;
    const until = r.timeoutSim > 0 ? Math.min(now, r.timeoutSim) : now;
    let drop = false;
    const parts: Buffer[] = [r.output];
    while (r.idx < r.events.length && (r.events[r.idx] as TimedEvent).simAt <= until) {
      parts.push(Buffer.from((r.events[r.idx] as TimedEvent).text));
      if (++r.idx === r.dropAt) drop = true;
    }
    r.output = parts.length > 1 ? Buffer.concat(parts) : r.output;
    // A step that ends exactly at its limit made it (the timeout only ends what is still running).
    if (r.endSim !== null && r.idx >= r.events.length && now >= r.endSim && (r.timeoutSim <= 0 || r.endSim <= r.timeoutSim)) {
      this.end(r, r.exitCode);
    } else if (r.timeoutSim > 0 && now >= r.timeoutSim) {
      r.timedOut = true;
      this.end(r, 124);
    } else {
      r.notify();
      this.schedule(r);
    }
    // After the output went out to a waiting request: the connection goes mid-run, the step goes on.
    if (drop && r.dropper) setImmediate(r.dropper);
  }

  private end(r: SimRun, code: number): void {
    if (r.timer) clearTimeout(r.timer);
    r.timer = null;
    r.state = 'exited';
    r.code = code;
    r.notify();
  }
}

function key(stateDir: string, step: string, attempt: string): string {
  return `${stateDir}\0${step}\0${attempt}`;
}
