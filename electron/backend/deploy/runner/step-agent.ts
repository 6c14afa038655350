// SPDX-License-Identifier: Apache-2.0
// Runs playbooks/runner/ciab-step.sh subcommands over an existing SSH session, one exec each:
// `sh -c '<script>' ciab-step SUB ARGS…` (script and quoted arguments on the command line, the step's
// command on stdin). `run` (start + follow) is the one exec per step; the others are for tools and checks.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { schemasDir } from '../../../api/schema-files.js';
import type { ExecOptions, ExecResult } from '../../ssh/remote-exec.js';
import { shellJoin, shellQuote } from '../../ssh/shell-quote.js';
import { FollowDecoder, FollowInterrupted, findLines, parseFollowEnd, parseRead, parseStatus, scriptError, StepProtocolError, type FollowEnd, type ReadResult, type StatusLine } from './step-protocol.js';

/** First line of the script: the protocol version the parsers expect. */
export const STEP_SCRIPT_VERSION_LINE = '# ciab-step v1';

/** Anything that runs commands on the target over one connection: an SshSession, or a test double. */
export interface StepExec {
  exec(command: string, opts?: ExecOptions): Promise<ExecResult>;
}

/** One attempt of one step on the server: `<stateDir>/<stepId>/<attempt>/`. */
export interface StepRef {
  stateDir: string;
  stepId: string;
  attempt: number;
}

/** What `start` found: it started the attempt now, or the attempt existed already (not started twice). */
export type StartReply = { started: true; pgid: number } | { started: false; status: StatusLine };

/** What `run` (start + follow in one exec) found and how the follow ended. */
export interface RunReply {
  start: StartReply;
  end: FollowEnd;
}

/** A completed step in the server's checkpoint file. */
export interface Checkpoint {
  stepId: string;
  attempt: number;
  /** Unix time (s) it was recorded. */
  at: number;
}

const NAME = /^[A-Za-z0-9._-]+$/;

/** Path of playbooks/runner/ciab-step.sh, found next to schemas/ (source tree and packaged app alike). */
export function stepScriptPath(): string {
  return path.join(path.dirname(schemasDir()), 'playbooks', 'runner', 'ciab-step.sh');
}

let cached: string | null = null;

/** The script text; throws if the file is missing or not a v1 script (a packaging bug). */
export function stepScript(): string {
  if (cached !== null) return cached;
  const text = readFileSync(stepScriptPath(), 'utf8');
  if (!text.startsWith(`${STEP_SCRIPT_VERSION_LINE}\n`)) throw new Error(`${stepScriptPath()} does not start with "${STEP_SCRIPT_VERSION_LINE}"`);
  cached = text;
  return text;
}

/** The exact exec command for one subcommand: `sh -c '<script>' ciab-step SUB ARGS…`. */
export function stepCommand(sub: string, args: readonly (string | number)[], script: string = stepScript()): string {
  return `sh -c ${shellQuote(script)} ciab-step ${shellJoin([sub, ...args.map(String)])}`;
}

function refArgs(ref: StepRef): string[] {
  if (!ref.stateDir) throw new Error('a step needs a state directory');
  if (!NAME.test(ref.stepId) || ref.stepId === '.' || ref.stepId === '..') throw new Error(`bad step id: ${ref.stepId}`);
  if (!Number.isInteger(ref.attempt) || ref.attempt < 1) throw new Error(`bad attempt: ${ref.attempt}`);
  return [ref.stateDir, ref.stepId, String(ref.attempt)];
}

/** The ciab-step subcommands over one connection (no new SSH connection per step). */
export class StepAgent {
  constructor(private readonly runner: StepExec, private readonly script: string = stepScript()) {}

  /** Start the attempt detached with `command` (sent on stdin), or report it if it exists already. */
  async start(ref: StepRef, command: string, timeoutS: number): Promise<StartReply> {
    if (!Number.isInteger(timeoutS) || timeoutS < 0) throw new Error(`bad timeout: ${timeoutS}`);
    const r = await this.exec('start', [...refArgs(ref), timeoutS], { stdin: command.endsWith('\n') ? command : `${command}\n` });
    const out = r.stdout.toString('utf8');
    const started = findLines(out, 'started').at(-1);
    if (started) return { started: true, pgid: Number(started[0]) };
    return { started: false, status: parseStatus(out) };
  }

  /** State and output size of an attempt. */
  async status(ref: StepRef): Promise<StatusLine> {
    return parseStatus((await this.exec('status', refArgs(ref))).stdout.toString('utf8'));
  }

  /** Up to `maxBytes` of output from `offset`, byte-exact. */
  async read(ref: StepRef, offset: number, maxBytes: number): Promise<ReadResult> {
    return parseRead((await this.exec('read', [...refArgs(ref), offset, maxBytes])).stdout);
  }

  /**
   * One long exec streaming the output from `offset` until the step has ended; `onBytes` gets only output
   * bytes (never the preamble). Resolves with the trailer; rejects like exec (kind `dropped` after a drop).
   */
  async follow(ref: StepRef, offset: number, onBytes: (bytes: Buffer) => void, signal?: AbortSignal): Promise<FollowEnd> {
    const decoder = new FollowDecoder(onBytes);
    const r = await this.exec('follow', [...refArgs(ref), offset], {
      onData: (stream, chunk) => {
        if (stream === 'stdout') decoder.push(chunk);
      },
      ...(signal ? { signal } : {}),
    });
    return this.checkEnd(r, decoder, offset);
  }

  // The trailer of a follow, after checking the server started where we asked.
  private checkEnd(r: ExecResult, decoder: FollowDecoder, offset: number): FollowEnd {
    const end = parseFollowEnd(r.stderr.toString('utf8'));
    if (!end && r.code === null) throw new FollowInterrupted(`ciab-step follow was killed (${r.signal ?? 'no exit status'}) before its end`);
    if (!end) throw new StepProtocolError(`ciab-step follow ended without a trailer (exit ${r.code ?? r.signal ?? 'none'}): ${r.stderr.toString('utf8').slice(-300)}`);
    if (decoder.startOffset !== offset) throw new StepProtocolError(`ciab-step follow started at ${String(decoder.startOffset)}, asked for ${offset}`);
    return end;
  }

  /**
   * `start` and `follow` in ONE exec (the cheap path, one channel per step): starts the attempt unless it
   * exists, then streams from `offset`. Safe to repeat after a drop: the attempt is never started twice.
   */
  async run(ref: StepRef, command: string, timeoutS: number, offset: number, onBytes: (bytes: Buffer) => void,
    opts: { signal?: AbortSignal; onStarted?: (pgid: number) => void } = {}): Promise<RunReply> {
    if (!Number.isInteger(timeoutS) || timeoutS < 0) throw new Error(`bad timeout: ${timeoutS}`);
    const decoder = new FollowDecoder(onBytes);
    const { signal, onStarted } = opts;
    // The start reply comes on stderr before any output: told at once, even if the exec drops later.
    let errText = '';
    let told = false;
    const r = await this.exec('run', [...refArgs(ref), timeoutS, offset], {
      stdin: command.endsWith('\n') ? command : `${command}\n`,
      onData: (stream, chunk) => {
        if (stream === 'stdout') return decoder.push(chunk);
        if (told || !onStarted) return;
        errText += chunk.toString('latin1');
        const started = findLines(errText.slice(0, errText.lastIndexOf('\n') + 1), 'started').at(0);
        if (started) {
          told = true;
          onStarted(Number(started[0]));
        }
      },
      ...(signal ? { signal } : {}),
    });
    const stderr = r.stderr.toString('utf8');
    const started = findLines(stderr, 'started').at(-1);
    const start: StartReply = started ? { started: true, pgid: Number(started[0]) } : { started: false, status: parseStatus(stderr) };
    return { start, end: this.checkEnd(r, decoder, offset) };
  }

  /** TERM the attempt's process group (KILL 5 s later); true if it was running. */
  async kill(ref: StepRef): Promise<boolean> {
    const out = (await this.exec('kill', refArgs(ref))).stdout.toString('utf8');
    return findLines(out, 'killed').length > 0;
  }

  /** Record a completed step in `<stateDir>/checkpoints` (one atomic append). */
  async checkpointAdd(ref: StepRef): Promise<void> {
    await this.exec('checkpoint-add', refArgs(ref));
  }

  /** The completed steps recorded on the server, oldest first. */
  async checkpointList(stateDir: string): Promise<Checkpoint[]> {
    const out = (await this.exec('checkpoint-list', [stateDir])).stdout.toString('utf8');
    return findLines(out, 'checkpoint').map(([stepId, attempt, at]) => ({ stepId: stepId ?? '', attempt: Number(attempt), at: Number(at) }));
  }

  private async exec(sub: string, args: readonly (string | number)[], opts: ExecOptions = {}): Promise<ExecResult> {
    const r = await this.runner.exec(stepCommand(sub, args, this.script), opts);
    const err = scriptError(r.stderr.toString('utf8'));
    if (err !== null || (r.code !== 0 && r.code !== null)) {
      throw new StepProtocolError(`ciab-step ${sub} failed (exit ${r.code ?? 'none'}): ${err ?? r.stderr.toString('utf8').slice(-300)}`);
    }
    return r;
  }
}
