// SPDX-License-Identifier: Apache-2.0
// Turns an ErrorInfo into what the error panel shows and what "Copy details" puts on the
// clipboard, so support receives the same facts the operator saw.
import type { ErrorInfo } from '../../electron/api/contract.js';
import { formatDateTime } from './format.js';

/** The rows of facts under an error's title, omitting what the backend did not report. */
export function errorFacts(error: ErrorInfo, stepTitle: string): { label: string; value: string; mono: boolean }[] {
  const rows: { label: string; value: string; mono: boolean }[] = [{ label: 'Step', value: stepTitle, mono: false }];
  if (error.command !== undefined && error.command !== '') rows.push({ label: 'Command', value: error.command, mono: true });
  if (error.exitCode !== undefined) rows.push({ label: 'Exit code', value: error.exitCode === null ? 'none (killed or timed out)' : String(error.exitCode), mono: true });
  rows.push({ label: 'When', value: formatDateTime(error.at), mono: false });
  return rows;
}

/** Plain-text report of an error, for the clipboard and support tickets. */
export function formatErrorReport(error: ErrorInfo, stepTitle: string): string {
  const lines = [`${error.title}`, '', error.message, ''];
  for (const f of errorFacts(error, stepTitle)) lines.push(`${f.label}: ${f.value}`);
  lines.push(`What to do next: ${error.nextAction}`);
  if (error.lastLines.length > 0) {
    lines.push('', `Last ${error.lastLines.length} line${error.lastLines.length === 1 ? '' : 's'} of output:`);
    for (const l of error.lastLines) lines.push(`  ${l}`);
  }
  return lines.join('\n');
}
