// SPDX-License-Identifier: Apache-2.0
// Steps over the control channel: start + long-poll reads (`start-wait`, then `wait`) as framed replies on
// the one `ciab-step serve` channel, so a step costs round trips on an open channel, not new SSH sessions.
import type { RunStepOptions, StepOutcome, StepSpec } from './attach-step.js';
import { ChannelDropped, type ControlChannel } from './control-channel.js';
import type { Checkpoint, StartReply, StepRef } from './step-agent.js';
import { findLines, parseRead, parseStatus, StepProtocolError, type StatusLine } from './step-protocol.js';

/** Bytes per read reply, and how long one `wait` request may wait on the server for output (ms). */
export const CTL_MAX_BYTES = 4 << 20;
export const CTL_WAIT_MS = 1000;

const isDropped = (e: unknown): boolean => e instanceof ChannelDropped || (typeof e === 'object' && e !== null && (e as { kind?: unknown }).kind === 'dropped');
const body = (command: string) => (command.endsWith('\n') ? command : `${command}\n`);

function checkRef(ctl: ControlChannel, ref: StepRef): [string, number] {
  if (ref.stateDir !== ctl.stateDir) throw new Error(`this control channel serves ${ctl.stateDir}, not ${ref.stateDir}`);
  return [ref.stepId, ref.attempt];
}

/** An attempt whose start was cut short before its step ran (the sh server only): run the next attempt. */
export class StepNeverStarted extends StepProtocolError {}

function startReply(text: string): StartReply {
  const started = findLines(text, 'started').at(-1);
  return started ? { started: true, pgid: Number(started[0]) } : { started: false, status: parseStatus(text) };
}

/** The StepAgent subcommands over a control channel (the state directory is the channel's). */
export class CtlStepAgent {
  constructor(readonly ctl: ControlChannel) {}

  /** Start the attempt detached, or report it if it exists already (never started twice). */
  async start(ref: StepRef, command: string, timeoutS: number): Promise<StartReply> {
    return startReply((await this.ctl.call('start', [...checkRef(this.ctl, ref), timeoutS], body(command))).toString('utf8'));
  }

  /** State and output size of an attempt. */
  async status(ref: StepRef): Promise<StatusLine> {
    return parseStatus((await this.ctl.call('status', checkRef(this.ctl, ref))).toString('utf8'));
  }

  /** TERM the attempt's process group (KILL 5 s later); true if it was running. */
  async kill(ref: StepRef): Promise<boolean> {
    return findLines((await this.ctl.call('kill', checkRef(this.ctl, ref))).toString('utf8'), 'killed').length > 0;
  }

  /** Record a completed step in the server's checkpoint file. */
  async checkpointAdd(ref: StepRef): Promise<void> {
    await this.ctl.call('checkpoint-add', checkRef(this.ctl, ref));
  }

  /** Install one file as the channel's user: path and content go on stdin, never on a command line. */
  async put(target: string, mode: number, content: string | Buffer): Promise<number> {
    if (!target.startsWith('/') || /[\n\r]/.test(target)) throw new Error(`put needs an absolute path on one line: ${JSON.stringify(target)}`);
    const out = (await this.ctl.call('put', [mode.toString(8).padStart(3, '0')], Buffer.concat([Buffer.from(`${target}\n`), Buffer.from(content)]))).toString('utf8');
    const line = findLines(out, 'put').at(-1);
    if (!line) throw new StepProtocolError(`ciab-step put ${target}: no confirmation in: ${out.slice(0, 300)}`);
    return Number(line[0]);
  }

  /** The completed steps recorded on the server, oldest first. */
  async checkpointList(): Promise<Checkpoint[]> {
    const out = (await this.ctl.call('checkpoint-list', [])).toString('utf8');
    return findLines(out, 'checkpoint').map(([stepId, attempt, at]) => ({ stepId: stepId ?? '', attempt: Number(attempt), at: Number(at) }));
  }
}

/**
 * runStep over the control channel: `start-wait` (start unless the attempt exists, then the first output),
 * then `wait` long polls from the offset received so far until the step has ended. After a dropped channel
 * the next request reopens it and `start-wait` is sent again from the same offset: never started twice.
 */
export async function runStepCtl(ctl: ControlChannel, step: StepSpec, opts: RunStepOptions = {}): Promise<StepOutcome> {
  if (!Number.isInteger(step.timeoutS) || step.timeoutS < 0) throw new Error(`bad timeout: ${step.timeoutS}`);
  const ids = checkRef(ctl, step);
  const maxDrops = opts.maxDrops ?? 10_000;
  let offset = opts.fromOffset ?? 0;
  let drops = 0;
  let startedNow = false;
  let starting = true;
  for (;;) {
    if (opts.signal?.aborted) throw new StepProtocolError(`following ${step.stepId} was cancelled (it keeps running on the server)`);
    try {
      const out = starting
        ? await ctl.call('start-wait', [...ids, step.timeoutS, offset, CTL_MAX_BYTES, CTL_WAIT_MS], body(step.command))
        : await ctl.call('wait', [...ids, offset, CTL_MAX_BYTES, CTL_WAIT_MS]);
      if (starting) {
        const start = startReply(out.subarray(0, out.indexOf('@@ciab-step:read ')).toString('utf8'));
        startedNow ||= start.started;
        if (!start.started && start.status.state === 'unknown') {
          throw new StepNeverStarted(`step ${step.stepId} attempt ${step.attempt} exists on the server but never started (its start was interrupted): run it as a new attempt`);
        }
        starting = false;
      }
      const r = parseRead(out);
      if (r.offset !== offset) throw new StepProtocolError(`ciab-step read started at ${r.offset}, asked for ${offset}`);
      if (r.data.length) {
        const at = offset;
        offset += r.data.length;
        opts.onOutput?.(r.data, at);
      }
      if (r.state === 'unknown') throw new StepProtocolError(`ciab-step: ${step.stepId} attempt ${step.attempt} is unknown on the server`);
      // Once exited or lost the output file is final: a short read was its end.
      if (r.state !== 'running' && r.data.length < CTL_MAX_BYTES) {
        return { state: r.state, exitCode: r.code, timedOut: r.timedOut, bytes: offset, startedNow, drops };
      }
    } catch (err) {
      if (!isDropped(err) || opts.signal?.aborted || ++drops > maxDrops) throw err;
      opts.onReattach?.(offset, drops);
      starting = true;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
