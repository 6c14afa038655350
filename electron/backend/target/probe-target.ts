// SPDX-License-Identifier: Apache-2.0
// Probes the target's hardware over the kept SSH session: one exec on one channel, and always a
// report — a transport problem becomes an error inside it, never a failed step.
import type { HardwareReport } from '../../api/generated/hardware-report-types.js';
import { buildReport } from '../hardware/probe/build-report.js';
import { probeCommand } from '../hardware/probe/probe-script.js';
import type { ExecResult } from '../ssh/ssh-session.js';

/** Anything that can run a command on the target (a session, or a test double of one). */
export type RunCommand = (command: string, opts: { timeoutMs: number }) => Promise<ExecResult>;

const TIMEOUT_MS = 30_000;

/** Runs the probe script and builds the report. Throws only when the connection itself fails. */
export async function probeTarget(run: RunCommand): Promise<HardwareReport> {
  const probedAt = new Date().toISOString();
  const started = performance.now();
  const r = await run(probeCommand(), { timeoutMs: TIMEOUT_MS });
  const durationMs = Math.round(performance.now() - started);
  const report = buildReport(r.stdout.toString('utf8'), { probedAt, durationMs });
  if (r.code !== 0) {
    const tail = r.stderr.toString('utf8').trim().split('\n').slice(-3).join(' | ').slice(0, 300);
    report.errors.push({ section: 'probe', message: `the probe script exited with ${r.code ?? r.signal ?? 'no status'}${tail ? `: ${tail}` : ''}`, exitCode: r.code ?? null });
  }
  return report;
}
