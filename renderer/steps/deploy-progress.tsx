// SPDX-License-Identifier: Apache-2.0
// The deploy's overall progress: one bar with the percentage, where the install is now (phase and
// step), the time it has run and about how long is left.
import type { ReactElement, ReactNode } from 'react';
import type { WorkflowView } from '../../electron/api/contract.js';
import { useElapsed } from '../hooks/use-elapsed.js';
import { formatRemaining } from '../lib/eta.js';
import { findStep, stepCounts } from '../lib/deploy-view.js';
import { formatElapsed, toPercent } from '../lib/format.js';

/** The progress block; `label` replaces the "now running" line (e.g. "Progress when it stopped"); `actions` sit beside the times. */
export function DeployProgress({ deploy, label, actions }: { deploy: WorkflowView['deploy']; label?: string; actions?: ReactNode }): ReactElement {
  const pct = toPercent(deploy.progress);
  const running = deploy.status === 'running';
  const at = findStep(deploy, deploy.current);
  const all = stepCounts(deploy.phases.flatMap((p) => p.steps));
  const where = label ?? (at ? `Phase ${at.phaseIndex + 1} of ${deploy.phases.length}: ${at.phase.title} — ${at.step.title}` : running ? 'Starting…' : '');
  return (
    <section className="deploy-progress" aria-labelledby="deploy-progress-label">
      <div className="deploy-progress__head">
        <span className="deploy-progress__pct">{pct}%</span>
        <span className="deploy-progress__label" id="deploy-progress-label">
          {where}
        </span>
      </div>
      <progress className="progress" max={100} value={pct} aria-label={`Deploy progress ${pct}%`} />
      <div className="deploy-progress__times">
        <span>
          {all.finished} of {all.total} steps finished
        </span>
        {deploy.eta && (running ? <RunningFor key={deploy.eta.elapsedS} baseS={deploy.eta.elapsedS} /> : <span>
              Ran for <span className="mono">{formatElapsed(deploy.eta.elapsedS * 1000)}</span>
            </span>)}
        {running && deploy.eta && <span className="deploy-progress__eta">{formatRemaining(deploy.eta.remainingS)}</span>}
        {actions && <span className="deploy-progress__actions">{actions}</span>}
      </div>
    </section>
  );
}

// The view's elapsed time, carried on by the local clock until the next view (a new key restarts it).
function RunningFor({ baseS }: { baseS: number }): ReactElement {
  const since = useElapsed();
  return (
    <span>
      Running for <span className="mono">{formatElapsed(baseS * 1000 + since)}</span>
    </span>
  );
}
