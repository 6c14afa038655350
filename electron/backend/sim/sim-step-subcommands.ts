// SPDX-License-Identifier: Apache-2.0
// The ciab-step subcommands of the control channel, answered from the simulated server's memory with the
// exact `@@ciab-step:` lines, arguments checks and exit codes of playbooks/runner/ciab-step.sh.
import type { SimRun, SimStepRuns } from './sim-step-runs.js';

/** One subcommand's answer, as the serve loop frames it. */
export interface SimSubReply {
  code: number;
  out: Buffer;
  err: Buffer;
}

/** What a subcommand runs against: the server's runs, the channel's state directory and request body. */
export interface SimSubContext {
  runs: SimStepRuns;
  stateDir: string;
  stdin: Buffer;
  /** The channel that asked (a `drop` fault ends its connection). */
  dropper: () => void;
  /** Aborted when the channel goes: a long poll stops waiting. */
  signal: AbortSignal;
}

// The script's `fail`: "@@ciab-step:error MESSAGE" on stderr, exit 2, whatever was printed before stays.
class Fail extends Error {}

const NAME_BAD = /[^A-Za-z0-9._-]/;

function checkName(what: string, v: string | undefined): string {
  if (v === undefined || v === '' || v === '.' || v === '..' || NAME_BAD.test(v)) throw new Fail(`bad ${what}: ${v ?? ''}`);
  return v;
}

function checkNum(what: string, v: string | undefined): number {
  if (v === undefined || !/^\d+$/.test(v)) throw new Fail(`bad ${what}: ${v ?? ''}`);
  return Number(v);
}

/** Run one subcommand (ARGS without the state directory, as in a serve request). */
export async function runSimSubcommand(ctx: SimSubContext, sub: string, args: string[]): Promise<SimSubReply> {
  const out: Buffer[] = [];
  const print = (s: string | Buffer) => out.push(Buffer.from(s));
  // Argument counts as the script's functions see them: the state directory is their first argument.
  const need = (n: number, usage: string) => {
    if (args.length + 1 !== n) throw new Fail(`usage: ${usage}`);
  };
  try {
    switch (sub) {
      case 'start':
        need(4, 'start STATE STEP ATTEMPT TIMEOUT_S');
        start(ctx, args, print);
        break;
      case 'start-wait':
        need(7, 'start-wait STATE STEP ATTEMPT TIMEOUT_S OFFSET MAX_BYTES WAIT_MS');
        start(ctx, args.slice(0, 3), print);
        await wait(ctx, [args[0], args[1], args[3], args[4], args[5]], print);
        break;
      case 'status':
        need(3, 'status STATE STEP ATTEMPT');
        print(statusLine(ctx, args[0], args[1]));
        break;
      case 'read':
        need(5, 'read STATE STEP ATTEMPT OFFSET MAX_BYTES');
        read(ctx, args, print);
        break;
      case 'wait':
        need(6, 'wait STATE STEP ATTEMPT OFFSET MAX_BYTES WAIT_MS');
        await wait(ctx, args, print);
        break;
      case 'kill':
        need(3, 'kill STATE STEP ATTEMPT');
        kill(ctx, args, print);
        break;
      case 'checkpoint-add':
        need(3, 'checkpoint-add STATE STEP ATTEMPT');
        print(`@@ciab-step:checkpoint ${ctx.runs.checkpointAdd(ctx.stateDir, checkName('step', args[0]), checkName('attempt', args[1]))}\n`);
        break;
      case 'checkpoint-list':
        need(1, 'checkpoint-list STATE');
        for (const line of ctx.runs.checkpointList(ctx.stateDir)) print(`@@ciab-step:checkpoint ${line}\n`);
        break;
      case 'put':
        need(2, 'put STATE MODE');
        put(ctx, args[0], print);
        break;
      case 'ping':
        break;
      default:
        throw new Fail(`unknown subcommand: ${sub}`);
    }
    return { code: 0, out: Buffer.concat(out), err: Buffer.alloc(0) };
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    return { code: 2, out: Buffer.concat(out), err: Buffer.from(`@@ciab-step:error ${e.message}\n`) };
  }
}

type Print = (s: string | Buffer) => void;

// attempt_dir: the checked step and attempt, and the run if it exists.
function attempt(ctx: SimSubContext, step: string | undefined, att: string | undefined): { step: string; att: string; run: SimRun | undefined } {
  const s = checkName('step', step);
  const a = checkName('attempt', att);
  return { step: s, att: a, run: ctx.runs.get(ctx.stateDir, s, a) };
}

// STATE CODE TIMED as state() sets them; an attempt that was never started is `unknown`.
function stateWords(run: SimRun | undefined): [string, string, string] {
  if (!run) return ['unknown', '-', '0'];
  return [run.state, run.code === null ? '-' : String(run.code), run.timedOut ? '1' : '0'];
}

function statusLine(ctx: SimSubContext, step: string | undefined, att: string | undefined): string {
  const { run } = attempt(ctx, step, att);
  const [st, code, timed] = stateWords(run);
  return `@@ciab-step:status ${st} ${code} ${run?.output.length ?? 0} ${timed}\n`;
}

function start(ctx: SimSubContext, args: string[], print: Print): void {
  const { step, att } = attempt(ctx, args[0], args[1]);
  const timeout = checkNum('timeout', args[2]);
  const { started, run } = ctx.runs.start(ctx.stateDir, step, att, timeout, ctx.stdin.toString('utf8'));
  run.dropper = ctx.dropper;
  print(started ? `@@ciab-step:started ${run.pgid}\n` : statusLine(ctx, step, att));
}

function read(ctx: SimSubContext, args: (string | undefined)[], print: Print): void {
  const { run } = attempt(ctx, args[0], args[1]);
  const offset = checkNum('offset', args[2]);
  const max = checkNum('max', args[3]);
  const [st, code, timed] = stateWords(run);
  const data = run?.output ?? Buffer.alloc(0);
  if (offset > data.length) throw new Fail(`offset ${offset} is past the end of the output (${data.length} bytes)`);
  const len = Math.min(data.length - offset, max);
  print(`@@ciab-step:read ${offset} ${len} ${st} ${code} ${timed}\n`);
  if (len > 0) print(data.subarray(offset, offset + len));
}

// The long poll: returns at once if there is output past OFFSET or the attempt is not running, else at the
// first new output, the end, or after WAIT_MS; then answers like read.
async function wait(ctx: SimSubContext, args: (string | undefined)[], print: Print): Promise<void> {
  const { run } = attempt(ctx, args[0], args[1]);
  const offset = checkNum('offset', args[2]);
  checkNum('max', args[3]);
  const waitMs = checkNum('wait', args[4]);
  if (run) run.dropper = ctx.dropper;
  if (run && run.state === 'running' && run.output.length <= offset && waitMs > 0 && !ctx.signal.aborted) {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        off();
        ctx.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      const off = run.onChange(() => {
        if (run.state !== 'running' || run.output.length > offset) done();
      });
      ctx.signal.addEventListener('abort', done);
    });
  }
  read(ctx, args, print);
}

function kill(ctx: SimSubContext, args: string[], print: Print): void {
  const { step, att, run } = attempt(ctx, args[0], args[1]);
  if (run && ctx.runs.kill(run)) print(`@@ciab-step:killed ${run.pgid}\n`);
  else print(statusLine(ctx, step, att));
}

// put STATE MODE: the path on the first stdin line, the content after it; kept in memory, never on disk.
function put(ctx: SimSubContext, mode: string | undefined, print: Print): void {
  if (mode === undefined || !/^[0-7]{3,4}$/.test(mode)) throw new Fail(`bad mode: ${mode ?? ''}`);
  const nl = ctx.stdin.indexOf(0x0a);
  if (nl < 0) throw new Fail('put: no path line on stdin');
  const p = ctx.stdin.subarray(0, nl).toString('utf8');
  if (!p.startsWith('/')) throw new Fail(`put: not an absolute path: ${p}`);
  if (/\/\.\.?\//.test(`/${p}/`)) throw new Fail(`put: path with . or ..: ${p}`);
  const data = Buffer.from(ctx.stdin.subarray(nl + 1));
  ctx.runs.files.set(p, { mode, data });
  print(`@@ciab-step:put ${data.length} ${p}\n`);
}
