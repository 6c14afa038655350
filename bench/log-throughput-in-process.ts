// SPDX-License-Identifier: Apache-2.0
// In-process part of bench/log-throughput.bench.mjs: one step printing a big file, followed over the
// control channel to a byte counter, and through the app's own path (UTF-8 decoding, the renderer's
// 16 ms / 64 KB batches, the redacting journal on disk); and ssh2's own `cat` on the same session as a floor.
import { DeployOutputStream } from '../electron/backend/deploy/deploy-output.js';
import { ControlChannel, sessionOpener } from '../electron/backend/deploy/runner/control-channel.js';
import { runStepCtl } from '../electron/backend/deploy/runner/ctl-step.js';
import { JournalWriter } from '../electron/backend/journal/journal-writer.js';
import { Redactor } from '../electron/backend/journal/redactor.js';
import { benchSession, type SshTarget } from './bench-session.js';

/** Where to connect, the file the step prints, and where the steps keep their files on the target. */
export interface LogTarget extends SshTarget {
  stateDir: string;
  file: string;
  journal: string;
}

/** One timed run: milliseconds and bytes received. */
export interface LogRun {
  ms: number;
  bytes: number;
  batches: number;
}

/** Follows `cat FILE` as a deploy step; `app` adds decoding, batching and the journal as the deploy does. */
export async function followStep(t: LogTarget, run: number, app: boolean): Promise<LogRun> {
  const session = await benchSession(t);
  const ctl = new ControlChannel(sessionOpener(session), t.stateDir);
  const redactor = new Redactor();
  redactor.add('ciab-canary-not-in-the-data');
  const journal = app ? JournalWriter.create(t.journal, { appVersion: 'bench', installId: 'bench', startedAt: new Date().toISOString(), mode: 'install', profile: null, target: null }, { redactor }) : null;
  let batches = 0;
  const stream = new DeployOutputStream(() => batches++);
  const decoder = new TextDecoder('utf-8');
  let bytes = 0;
  try {
    // Warm-up: the channel is open and the server's state directory exists before the clock starts.
    await runStepCtl(ctl, { stateDir: t.stateDir, stepId: `warm-${run}-${app ? 'app' : 'raw'}`, attempt: 1, command: 'true', timeoutS: 60 });
    const t0 = performance.now();
    const out = await runStepCtl(ctl, { stateDir: t.stateDir, stepId: `print-${run}-${app ? 'app' : 'raw'}`, attempt: 1, command: `cat '${t.file}'`, timeoutS: 3600 }, {
      onOutput: (chunk, offset) => {
        bytes += chunk.length;
        if (!journal) return;
        const data = decoder.decode(chunk, { stream: true });
        stream.push('bench/print', 1, offset, data);
        journal.append({ type: 'output', key: 'bench/print', attempt: 1, offset, data });
      },
    });
    stream.flush();
    journal?.close();
    const ms = performance.now() - t0;
    if (out.exitCode !== 0) throw new Error(`cat exited ${String(out.exitCode)}`);
    await session.exec(`rm -rf '${t.stateDir}'`);
    return { ms, bytes, batches };
  } finally {
    ctl.close();
    await session.close();
  }
}

/** `cat FILE` on its own channel of an open ssh2 session, counting bytes: what SSH itself gives Node. */
export async function plainCat(t: LogTarget): Promise<LogRun> {
  const session = await benchSession(t);
  try {
    let bytes = 0;
    const t0 = performance.now();
    const ch = await session.openChannel(`cat '${t.file}'`);
    await new Promise<void>((resolve, reject) => {
      ch.on('data', (d: Buffer) => (bytes += d.length));
      ch.stderr.resume();
      ch.on('error', reject);
      ch.on('close', () => resolve());
      ch.end();
    });
    return { ms: performance.now() - t0, bytes, batches: 0 };
  } finally {
    await session.close();
  }
}
