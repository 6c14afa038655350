// SPDX-License-Identifier: Apache-2.0
// Runs the probe over an established ssh2 connection: one exec, one channel, capped output, a time
// limit, and always a report (transport problems become errors in it).
import type { Client } from 'ssh2';
import type { HardwareReport } from '../../../api/generated/hardware-report-types.js';
import { buildReport } from './build-report.js';
import { probeCommand } from './probe-script.js';
import { PROBE_OUTPUT_LIMIT } from './sanitize-output.js';

/** Limits for one probe run. */
export interface ProbeRunOptions {
  /** Whole-probe time limit; every command inside also has its own 5 s limit. Default 30 s. */
  timeoutMs?: number;
  /** Stop reading stdout after this many bytes. Default 8 MiB. */
  maxBytes?: number;
}

/** What came back from the one exec. */
export interface ProbeExecResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  /** Output beyond maxBytes was discarded. */
  truncated: boolean;
  timedOut: boolean;
  /** The channel could not be opened or failed (message), else null. */
  channelError: string | null;
}

const STDERR_LIMIT = 64 * 1024;

/** Exec the probe command on one channel and collect its output; never rejects. */
export function execProbe(client: Client, opts: ProbeRunOptions = {}): Promise<ProbeExecResult> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxBytes = opts.maxBytes ?? PROBE_OUTPUT_LIMIT;
  const started = performance.now();
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    const result: ProbeExecResult = { stdout: '', stderr: '', exitCode: null, signal: null, durationMs: 0, truncated: false, timedOut: false, channelError: null };
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      result.stdout = Buffer.concat(out).toString('utf8');
      result.stderr = Buffer.concat(err).toString('utf8');
      result.durationMs = Math.round(performance.now() - started);
      resolve(result);
    };
    let command: string;
    try {
      command = probeCommand();
    } catch (e) {
      result.channelError = `the probe script could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
      return finish();
    }
    client.exec(command, (e, stream) => {
      if (e) {
        result.channelError = e.message;
        return finish();
      }
      timer = setTimeout(() => {
        result.timedOut = true;
        stream.close();
        finish();
      }, timeoutMs);
      stream.on('data', (d: Buffer) => {
        if (outBytes >= maxBytes) {
          result.truncated = true;
          return;
        }
        const room = maxBytes - outBytes;
        if (d.length > room) result.truncated = true;
        out.push(d.length > room ? d.subarray(0, room) : d);
        outBytes += Math.min(d.length, room);
      });
      stream.stderr.on('data', (d: Buffer) => {
        if (errBytes < STDERR_LIMIT) err.push(d.subarray(0, STDERR_LIMIT - errBytes));
        errBytes += d.length;
      });
      stream.on('exit', (code: number | null, signal?: string) => {
        result.exitCode = code;
        result.signal = signal ?? null;
      });
      stream.on('error', (se: Error) => {
        result.channelError = se.message;
      });
      stream.on('close', finish);
    });
  });
}

/** Probe the server behind `client` and build the report; transport trouble is reported, not thrown. */
export async function probeHardware(client: Client, opts: ProbeRunOptions = {}): Promise<HardwareReport> {
  const probedAt = new Date().toISOString();
  const r = await execProbe(client, opts);
  const report = buildReport(r.stdout, { probedAt, durationMs: r.durationMs });
  if (r.channelError) report.errors.push({ section: 'probe', message: `the probe could not run: ${r.channelError}`, exitCode: null });
  if (r.timedOut) report.errors.push({ section: 'probe', message: `the probe did not finish within ${Math.round((opts.timeoutMs ?? 30_000) / 1000)} s and was stopped`, exitCode: null });
  if (r.truncated) report.errors.push({ section: 'probe', message: `the probe printed more than ${opts.maxBytes ?? PROBE_OUTPUT_LIMIT} bytes; the rest was not read`, exitCode: null });
  if (r.exitCode !== null && r.exitCode !== 0 && !r.timedOut) {
    const detail = r.stderr.trim() ? `: ${r.stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 300)}` : '';
    report.errors.push({ section: 'probe', message: `the probe script exited with ${r.exitCode}${detail}`, exitCode: r.exitCode });
  }
  return report;
}
