// SPDX-License-Identifier: Apache-2.0
// The deploy plan as phases with their steps: an icon and a word per status, the running step's
// clock against its usual time, skip reasons inline, and retries counted. Phases fold.
import { useState, type ReactElement } from 'react';
import type { DeployPhaseView, DeployStepView } from '../../electron/api/contract.js';
import { Icon, Spinner } from '../components/icons.js';
import { useElapsed, useNow } from '../hooks/use-elapsed.js';
import { stepCounts } from '../lib/deploy-view.js';
import { formatDuration, formatExpected, runningTime } from '../lib/eta.js';

const STATUS_WORD: Record<DeployStepView['status'], string> = {
  pending: 'To do',
  running: 'Running',
  done: 'Done',
  'already-done': 'Already done',
  skipped: 'Skipped',
  failed: 'Failed',
};

/** The phases list; a running or failed phase is open unless the operator folded it. */
export function DeployPhases({ phases, onShowOutput, currentSince = null }: { phases: readonly DeployPhaseView[]; onShowOutput?: (key: string, attempt: number) => void; currentSince?: string | null }): ReactElement {
  // The operator's fold choice holds while the phase keeps its status; a new status shows the default.
  const [choice, setChoice] = useState<Record<string, { status: string; open: boolean }>>({});
  if (phases.length === 0) return <p className="deploy-phases__empty">The plan appears here once the deploy has started.</p>;
  return (
    <ol className="deploy-phases" aria-label="Deploy phases">
      {phases.map((p, i) => {
        const counts = stepCounts(p.steps);
        const chosen = choice[p.id];
        const isOpen = chosen && chosen.status === p.status ? chosen.open : p.status === 'running' || p.status === 'failed';
        return (
          <li key={p.id} className={`deploy-phase deploy-phase--${p.status}`}>
            <details
              open={isOpen}
              onToggle={(e) => {
                const now = (e.currentTarget as HTMLDetailsElement).open;
                if (now !== isOpen) setChoice((c) => ({ ...c, [p.id]: { status: p.status, open: now } }));
              }}
            >
              <summary className="deploy-phase__summary">
                <PhaseIcon status={p.status} />
                <span className="deploy-phase__title">
                  <span className="deploy-phase__num">{i + 1}.</span> {p.title}
                </span>
                <span className="deploy-phase__count">
                  {counts.finished}/{counts.total}
                </span>
              </summary>
              <ul className="deploy-steps">
                {p.steps.map((s) => (
                  <StepRow key={s.key} step={s} onShowOutput={onShowOutput} currentSince={currentSince} />
                ))}
              </ul>
            </details>
          </li>
        );
      })}
    </ol>
  );
}

function PhaseIcon({ status }: { status: DeployPhaseView['status'] }): ReactElement {
  if (status === 'running') return <Spinner className="deploy-icon deploy-icon--running" />;
  if (status === 'done') return <Icon name="check" className="deploy-icon deploy-icon--done" />;
  if (status === 'failed') return <Icon name="fail" className="deploy-icon deploy-icon--failed" />;
  return <span className="deploy-icon deploy-icon--pending" aria-hidden="true" />;
}

function StepIcon({ status }: { status: DeployStepView['status'] }): ReactElement {
  if (status === 'pending') return <span className="deploy-icon deploy-icon--pending" aria-hidden="true" />;
  if (status === 'running') return <Spinner className="deploy-icon deploy-icon--running" />;
  if (status === 'failed') return <Icon name="fail" className="deploy-icon deploy-icon--failed" />;
  if (status === 'skipped') return <Icon name="waived" className="deploy-icon deploy-icon--skipped" />;
  return <Icon name="check" className={`deploy-icon deploy-icon--${status}`} />;
}

function StepRow({ step, onShowOutput, currentSince }: { step: DeployStepView; onShowOutput?: (key: string, attempt: number) => void; currentSince: string | null }): ReactElement {
  const time = step.status === 'done' || step.status === 'failed' ? formatDuration(step.durationMs) : step.status === 'pending' ? formatExpected(step.expectedS) : '';
  const hasOutput = step.status !== 'pending' && step.status !== 'already-done' && onShowOutput;
  return (
    <li className={`deploy-step deploy-step--${step.status}`} aria-current={step.status === 'running' ? 'step' : undefined}>
      <StepIcon status={step.status} />
      <div className="deploy-step__main">
        <span className="deploy-step__title">
          {hasOutput ? (
            <button type="button" className="link-button" title="Show this step’s output" onClick={() => onShowOutput(step.key, Math.max(1, step.attempt))}>
              {step.title}
            </button>
          ) : (
            step.title
          )}
        </span>
        {step.status === 'skipped' && step.reason && <span className="deploy-step__reason">Skipped: {step.reason}</span>}
        <span className="deploy-step__meta">
          <span className="deploy-step__status">{STATUS_WORD[step.status]}</span>
          {step.attempt > 1 && <span className="deploy-step__attempt">attempt {step.attempt}</span>}
          {step.status === 'running' ? (
            <RunningClock key={`${step.key}#${step.attempt}`} durationMs={step.durationMs} expectedS={step.expectedS} since={currentSince} />
          ) : (
            time && (
              <span className="deploy-step__time" title={step.status === 'pending' ? 'Usual duration' : undefined}>
                {time}
              </span>
            )
          )}
        </span>
      </div>
    </li>
  );
}

// Counts from the step's start as the backend recorded it (survives a reload); without one, from when it showed.
function RunningClock({ durationMs, expectedS, since }: { durationMs: number | null; expectedS: number; since: string | null }): ReactElement {
  const shown = useElapsed();
  const now = useNow(1000);
  const started = since ? Date.parse(since) : NaN;
  const clock = runningTime(durationMs ?? (Number.isFinite(started) ? Math.max(0, now - started) : shown), expectedS);
  return <span className={`deploy-step__time${clock.over ? ' deploy-step__time--over' : ''}`}>{clock.text}</span>;
}
