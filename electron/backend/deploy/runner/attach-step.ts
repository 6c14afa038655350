// SPDX-License-Identifier: Apache-2.0
// Runs one step detached on the server and follows its output to the end, re-attaching after every
// dropped connection from the exact byte offset received so far: no byte lost, none twice.
import { StepAgent, type StepExec, type StepRef } from './step-agent.js';
import { FollowInterrupted, StepProtocolError } from './step-protocol.js';

/** A step to run: where its files live on the server, its shell command, and its time limit. */
export interface StepSpec extends StepRef {
  /** Shell code run by `sh` on the server (sent on stdin, never on a command line). */
  command: string;
  /** Kill the step's process group after this many seconds (0: no limit); exit code 124 then. */
  timeoutS: number;
}

/** A session that reconnects by itself (SshSession): execs wait while it reconnects. */
export interface StepSession extends StepExec {
  status?(): { status: 'connected' | 'reconnecting' | 'lost' };
}

/** Callbacks and limits of runStep. */
export interface RunStepOptions {
  /** Every output byte once, in order: `offset` is the position of `bytes[0]` in the server's output file. */
  onOutput?: (bytes: Buffer, offset: number) => void;
  /** Stop following (the step keeps running on the server; use StepAgent.kill to end it). */
  signal?: AbortSignal;
  /** Bytes already delivered in an earlier run of the app (from its journal); default 0. */
  fromOffset?: number;
  /** Told before each re-attach after a drop, with the offset it continues from. */
  onReattach?: (offset: number, drops: number) => void;
  /** Give up after this many drops in one step (default 10 000: in practice the session's `lost` ends it first). */
  maxDrops?: number;
}

/** How a step ended. `lost`: its wrapper vanished on the server without an exit status (reboot, kill -9). */
export interface StepOutcome {
  state: 'exited' | 'lost';
  exitCode: number | null;
  timedOut: boolean;
  /** Output bytes in the server's file, all of them delivered to onOutput. */
  bytes: number;
  /** This call started the attempt (false: it was already running or done, and was re-attached to). */
  startedNow: boolean;
  /** Re-attaches: connection drops survived, or follows killed on the server. */
  drops: number;
}

const isDropped = (e: unknown): boolean => typeof e === 'object' && e !== null && (e as { kind?: unknown }).kind === 'dropped';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Start the step (or re-attach to the attempt if it exists) and follow it to the end across drops.
 * Each try is ONE exec, `ciab-step run` (start + follow); after a drop the session reconnects, and the same
 * exec is sent again with the offset received so far: the attempt is never started twice.
 */
export async function runStep(session: StepSession, step: StepSpec, opts: RunStepOptions = {}): Promise<StepOutcome> {
  const agent = new StepAgent(session);
  const maxDrops = opts.maxDrops ?? 10_000;
  let drops = 0;
  let startedNow = false;
  let offset = opts.fromOffset ?? 0;
  let killedAt = -1;
  let killedInARow = 0;
  for (;;) {
    try {
      const { start, end } = await agent.run(step, step.command, step.timeoutS, offset, (bytes) => {
        const at = offset;
        offset += bytes.length;
        opts.onOutput?.(bytes, at);
      }, { ...(opts.signal ? { signal: opts.signal } : {}), onStarted: () => (startedNow = true) });
      startedNow ||= start.started;
      if (!start.started && start.status.state === 'unknown') {
        throw new StepProtocolError(`step ${step.stepId} attempt ${step.attempt} exists on the server but never started (its start was interrupted): run it as a new attempt`);
      }
      if (end.end !== offset) throw new StepProtocolError(`ciab-step follow sent up to byte ${end.end}, received up to ${offset}`);
      if (end.state === 'unknown' || end.state === 'running') throw new StepProtocolError(`ciab-step follow of ${step.stepId} ended in state ${end.state}`);
      return { state: end.state, exitCode: end.code, timedOut: end.timedOut, bytes: offset, startedNow, drops };
    } catch (err) {
      // A drop while the exec ran: what arrived is counted, the rest comes again from `offset`.
      // A follow killed on the server is tried again too, but not forever without progress.
      if (err instanceof FollowInterrupted) {
        killedInARow = killedAt === offset ? killedInARow + 1 : 1;
        killedAt = offset;
        if (killedInARow > 3 || opts.signal?.aborted) throw err;
      } else if (!isDropped(err) || session.status?.().status === 'lost' || opts.signal?.aborted) {
        throw err;
      }
      if (++drops > maxDrops) throw err;
      opts.onReattach?.(offset, drops);
      // A connection that drops at once again should not make this a busy loop.
      await pause(20);
    }
  }
}
