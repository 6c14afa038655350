// SPDX-License-Identifier: Apache-2.0
// Progress and ETA of a deploy from the plan's expected durations, refined by what already ran:
// the ratio of real to expected time of finished steps scales what is left (clamped, so one odd
// step cannot make the estimate absurd).
import type { DeployPhaseView, WorkflowView } from '../../api/contract.js';
import type { DeployContext } from '../workflow/installer-types.js';

type DeployView = WorkflowView['deploy'];

// Steps that count as finished for progress (their time is spent or will never be).
const FINISHED = new Set(['done', 'already-done', 'skipped']);

/** The renderer's view of the deploy at `now` (ms since epoch). */
export function deployView(d: DeployContext, now: number = Date.now()): DeployView {
  let expectedAll = 0;
  let expectedDone = 0;
  let expectedRan = 0;
  let realRan = 0;
  let expectedLeft = 0;
  const phases: DeployPhaseView[] = d.phases.map((p) => {
    const steps = p.steps.map((s) => {
      const st = d.steps[s.key];
      const status = st?.status ?? 'pending';
      expectedAll += s.expectedS;
      if (FINISHED.has(status)) expectedDone += s.expectedS;
      else if (status !== 'running') expectedLeft += s.expectedS;
      if (status === 'done' && st?.durationMs != null && s.expectedS > 0) {
        expectedRan += s.expectedS;
        realRan += st.durationMs / 1000;
      }
      return {
        key: s.key,
        title: s.title,
        status,
        attempt: st?.attempt ?? 0,
        durationMs: st?.durationMs ?? null,
        expectedS: s.expectedS,
        ...(st?.reason ? { reason: st.reason } : {}),
      };
    });
    return { id: p.id, playbook: p.playbook, title: p.title, status: phaseStatus(steps.map((s) => s.status)), steps };
  });
  const pace = expectedRan > 30 ? Math.min(4, Math.max(0.25, realRan / expectedRan)) : 1;
  let runningPart = 0;
  let currentLeft = 0;
  if (d.current) {
    const expected = d.phases.flatMap((p) => p.steps).find((s) => s.key === d.current?.key)?.expectedS ?? 0;
    const ranS = Math.max(0, (now - Date.parse(d.current.since)) / 1000);
    // A running step counts at most 95 % done, however long it overruns.
    runningPart = expected > 0 ? Math.min(0.95, ranS / (expected * pace)) * expected : 0;
    currentLeft = Math.max(0, expected * pace - ranS);
  }
  const progress = d.status === 'succeeded' ? 1 : expectedAll > 0 ? Math.min(1, (expectedDone + runningPart) / expectedAll) : 0;
  const elapsedS = d.startedAt ? Math.max(0, (now - Date.parse(d.startedAt)) / 1000) : 0;
  const eta = d.startedAt && d.status !== 'succeeded' && d.phases.length > 0 ? { elapsedS: Math.round(elapsedS), remainingS: Math.round(expectedLeft * pace + currentLeft) } : null;
  return {
    status: d.status,
    progress: Math.round(progress * 1000) / 1000,
    phases,
    current: d.current?.key ?? null,
    currentSince: d.current?.since ?? null,
    eta,
    failure: d.failure,
    startedAt: d.startedAt,
  };
}

function phaseStatus(steps: string[]): DeployPhaseView['status'] {
  if (steps.includes('failed')) return 'failed';
  if (steps.includes('running')) return 'running';
  if (steps.length > 0 && steps.every((s) => FINISHED.has(s))) return 'done';
  return steps.some((s) => FINISHED.has(s)) ? 'running' : 'pending';
}
