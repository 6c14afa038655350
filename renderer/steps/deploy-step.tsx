// SPDX-License-Identifier: Apache-2.0
// The deploy step: progress, elapsed time and the live log while it runs; on failure the error
// panel with the last output, Retry and Cancel (cancelling a deploy needs the word typed).
import type { ReactElement } from 'react';
import { ErrorPanel } from '../components/error-panel.js';
import { LogPanel } from '../components/log-panel.js';
import { Screen } from '../components/screen.js';
import { StepFooter } from '../components/step-footer.js';
import { useInstallerContext, useView } from '../hooks/installer-context.js';
import { useElapsed } from '../hooks/use-elapsed.js';
import { formatElapsed, toPercent } from '../lib/format.js';
import { isDemo, stepEyebrow, stepTitle, substate } from '../lib/view-state.js';

/** The deploy step for whatever sub-state the workflow is in. */
export function DeployStep(): ReactElement {
  const view = useView();
  const { send, logs, logsDropped } = useInstallerContext();
  const failed = substate(view) === 'failed';
  const pct = toPercent(view.deploy.progress);
  return (
    <>
      <Screen
        screenKey={view.state}
        eyebrow={stepEyebrow(view, 'deploy') ?? undefined}
        title={failed ? 'The deploy stopped' : isDemo(view) ? 'Deploying (demo)' : 'Deploying'}
        lead={failed ? undefined : 'You can leave this running: if the connection drops or the laptop sleeps, the installer re-attaches to the step that is still running on the server.'}
      >
        {failed && view.error && <ErrorPanel error={view.error} stepTitle={stepTitle(view, 'deploy')} />}
        <div className="progress-block">
          <div className="progress-block__head">
            <span className="progress-block__label" id="deploy-progress-label">
              {failed ? 'Progress when it stopped' : (view.busy ?? 'Deploying…')}
            </span>
            <span className="progress-block__pct">{pct}%</span>
            {!failed && <DeployElapsed />}
          </div>
          <progress className="progress" max={100} value={pct} aria-labelledby="deploy-progress-label" />
        </div>
        <section aria-labelledby="deploy-log-title">
          <h2 id="deploy-log-title">Live log</h2>
          <LogPanel lines={logs} dropped={logsDropped} label="Deploy log" emptyText={failed ? 'No output was received in this session; the install journal has the full log.' : 'Waiting for output…'} />
        </section>
      </Screen>
      {failed ? (
        <StepFooter showNext={false} cancelWord="cancel" primary={{ label: 'Retry', onClick: () => void send({ type: 'RETRY' }), pendingKey: 'RETRY' }} />
      ) : (
        <StepFooter showNext={false} cancelWord="cancel" />
      )}
    </>
  );
}

// The elapsed time restarts when the screen mounts (the backend does not report a start time yet).
function DeployElapsed(): ReactElement {
  const elapsed = useElapsed();
  return (
    <span className="progress-block__elapsed">
      Elapsed <span className="mono">{formatElapsed(elapsed)}</span>
    </span>
  );
}
