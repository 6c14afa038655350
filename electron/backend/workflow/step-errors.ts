// SPDX-License-Identifier: Apache-2.0
// Turns whatever an invoked actor threw into the ErrorInfo the operator sees: what failed,
// where, the last lines of output and what to do next.
import type { ErrorInfo, StepId } from '../../api/contract.js';

/** Shape of errors thrown by backend services that know more than a message. */
export interface DetailedError {
  message: string;
  title?: string;
  command?: string;
  exitCode?: number | null;
  lastLines?: string[];
  nextAction?: string;
}

const DEFAULT_NEXT: Record<StepId, string> = {
  welcome: 'Start again from the welcome screen.',
  replay: 'Pick another file.',
  target: 'Check the address, port and user name, then press Retry.',
  hardware: 'Press Retry to probe again; if it keeps failing, check that the server is reachable.',
  site: 'Correct the fields marked in red.',
  bundle: 'Check the bundle path and press Verify again.',
  review: 'Go back and correct the configuration.',
  deploy: 'Read the last lines of output, fix the cause on the server, then press Retry.',
  done: 'Export a support bundle and contact support.',
};

/** Builds the ErrorInfo for a failure in `step`, from any thrown value. */
export function toErrorInfo(step: StepId, title: string, err: unknown, now: Date = new Date()): ErrorInfo {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as Partial<DetailedError>;
  const info: ErrorInfo = {
    step,
    title: e.title ?? title,
    message: typeof e.message === 'string' && e.message ? e.message : String(err),
    lastLines: Array.isArray(e.lastLines) ? e.lastLines.slice(-50).map(String) : [],
    nextAction: e.nextAction ?? DEFAULT_NEXT[step],
    at: now.toISOString(),
  };
  if (e.command !== undefined) info.command = e.command;
  if (e.exitCode !== undefined) info.exitCode = e.exitCode;
  return info;
}
