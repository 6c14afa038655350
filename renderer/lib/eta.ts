// SPDX-License-Identifier: Apache-2.0
// Words for deploy times: the remaining time as a person says it ("about 25 min left") and a
// step's time beside it in the phases list.
import { formatElapsed, formatSeconds } from './format.js';

/** The remaining time, rounded the way people estimate ("about 25 min left", "about 1 h 10 min left"). */
export function formatRemaining(seconds: number): string {
  const s = Math.max(0, Number.isFinite(seconds) ? seconds : 0);
  if (s < 60) return 'less than a minute left';
  const min = Math.round(s / 60);
  if (min < 90) return `about ${min} min left`;
  const h = Math.floor(min / 60);
  const rest = Math.round((min % 60) / 5) * 5;
  return rest === 0 || rest === 60 ? `about ${rest === 60 ? h + 1 : h} h left` : `about ${h} h ${rest} min left`;
}

/** An expected duration in words ("~40 s", "~5 min"). */
export function formatExpected(seconds: number): string {
  if (seconds < 60) return `~${Math.max(1, Math.round(seconds))} s`;
  return `~${Math.round(seconds / 60)} min`;
}

/** A running step's clock against what it usually takes ("1:23 of ~5 min"), flagged when well over. */
export function runningTime(elapsedMs: number, expectedS: number): { text: string; over: boolean } {
  const text = `${formatElapsed(elapsedMs)} of ${formatExpected(expectedS)}`;
  // Twice the usual time is worth a glance, not an alarm.
  return { text, over: expectedS > 0 && elapsedMs > 2 * expectedS * 1000 };
}

/** A finished step's duration, or nothing when unknown. */
export function formatDuration(ms: number | null): string {
  return ms === null ? '' : formatSeconds(ms);
}
