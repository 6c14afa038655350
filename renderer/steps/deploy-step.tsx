// SPDX-License-Identifier: Apache-2.0
// The deploy step: overall progress, the phases with their steps, the live output (terminal or
// structured), and on failure the failure panel with Retry, Skip…, Abort… and a server terminal.
import { useState, type ReactElement } from 'react';
import { ErrorPanel } from '../components/error-panel.js';
import { Icon } from '../components/icons.js';
import { LogPanel } from '../components/log-panel.js';
import { Screen } from '../components/screen.js';
import { StepFooter } from '../components/step-footer.js';
import { TerminalDialog } from '../components/terminal-dialog.js';
import { useInstallerContext, useView } from '../hooks/installer-context.js';
import { useDeployOutputStore } from '../hooks/use-deploy-output.js';
import { attemptId } from '../lib/deploy-output-store.js';
import { findStep } from '../lib/deploy-view.js';
import { formatTarget } from '../lib/format.js';
import { isDemo, stepEyebrow, stepTitle, substate } from '../lib/view-state.js';
import { AbortDialog, SkipDialog, StopDialog } from './deploy-dialogs.js';
import { DeployFailurePanel } from './deploy-failure.js';
import { DeployOutput } from './deploy-output.js';
import { DeployPhases } from './deploy-phases.js';
import { DeployProgress } from './deploy-progress.js';

type Open = null | 'skip' | 'abort' | 'stop' | 'terminal';

/** The deploy step for whatever sub-state the workflow is in. */
export function DeployStep(): ReactElement {
  const view = useView();
  const { send, pending, client, logs, logsDropped } = useInstallerContext();
  const { store, tailError } = useDeployOutputStore(client, view.installId);
  const [picked, setPicked] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Open>(null);
  const sub = substate(view);
  const deploy = view.deploy;
  const failure = sub === 'failed' ? deploy.failure : null;
  const running = findStep(deploy, deploy.current);
  const busy = pending !== null;
  const title = sub === 'failed' ? 'The deploy stopped at a failed step' : sub === 'aborted' ? 'The deploy is paused' : deploy.status === 'succeeded' ? 'The deploy has finished' : isDemo(view) ? 'Deploying (demo)' : 'Deploying';
  const lead = sub === 'running' ? 'You can leave this running: if the connection drops or the laptop sleeps, the installer re-attaches to the step that is still running on the server.' : undefined;
  const terminalButton = view.target && (
    <button type="button" className={`btn btn--secondary${sub === 'running' ? ' btn--small' : ''}`} disabled={busy} onClick={() => setDialog('terminal')}>
      Open terminal
    </button>
  );
  return (
    <>
      <Screen screenKey={view.state} eyebrow={stepEyebrow(view, 'deploy') ?? undefined} title={title} lead={lead}>
        {failure && (
          <DeployFailurePanel
            failure={failure}
            actions={
              <>
                <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void send({ type: 'RETRY' })}>
                  Retry
                </button>
                <button type="button" className="btn btn--secondary" disabled={busy} onClick={() => setDialog('skip')}>
                  Skip…
                </button>
                <button type="button" className="btn btn--ghost btn--danger-text" disabled={busy} onClick={() => setDialog('abort')}>
                  Abort…
                </button>
                {terminalButton}
              </>
            }
          />
        )}
        {sub === 'failed' && !failure && view.error && (
          <ErrorPanel error={view.error} stepTitle={stepTitle(view, 'deploy')}>
            <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void send({ type: 'RETRY' })}>
              Retry
            </button>
          </ErrorPanel>
        )}
        {sub === 'aborted' && (
          <div className="deploy-note deploy-note--paused" role="status">
            <Icon name="info" />
            <div>
              <p>
                <strong>Nothing runs on the server now.</strong> Steps that finished stay done. Resume continues from where the deploy stopped{deploy.failure ? ` (“${deploy.failure.title}”)` : ''}.
              </p>
              <div className="deploy-note__actions">
                <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void send({ type: 'RETRY' })}>
                  Resume the deploy
                </button>
                <button type="button" className="btn btn--secondary" disabled={busy} onClick={() => void send({ type: 'NEW_INSTALL' })}>
                  Start a new install
                </button>
                {terminalButton}
              </div>
            </div>
          </div>
        )}
        {deploy.status === 'succeeded' && (
          <div className="success-panel deploy-note" role="status">
            <Icon name="check" />
            <p>Every step has finished. The output of each step stays available below until you leave this screen.</p>
          </div>
        )}
        <DeployProgress
          deploy={deploy}
          label={sub === 'failed' ? 'Progress when it stopped' : sub === 'aborted' ? 'Progress when it was aborted' : undefined}
          actions={
            sub === 'running' && (
              <>
                {running && (
                  <button type="button" className="btn btn--secondary btn--small" disabled={busy} onClick={() => setDialog('stop')}>
                    Stop step…
                  </button>
                )}
                {terminalButton}
              </>
            )
          }
        />
        <div className="deploy-layout">
          <section className="deploy-layout__plan" aria-labelledby="deploy-plan-title">
            <h2 id="deploy-plan-title" className="deploy-layout__heading">
              Plan
            </h2>
            <DeployPhases phases={deploy.phases} currentSince={deploy.currentSince} onShowOutput={(key, attempt) => setPicked(attemptId(key, attempt))} />
          </section>
          <DeployOutput deploy={deploy} store={store} picked={picked} onPick={setPicked} tailError={tailError} />
        </div>
        <details className="deploy-messages">
          <summary>Installer messages ({logs.length + logsDropped})</summary>
          <LogPanel lines={logs} dropped={logsDropped} label="Installer messages" emptyText="No messages from the installer in this session." />
        </details>
      </Screen>
      <StepFooter showNext={false} cancelWord="cancel" />
      <SkipDialog
        open={dialog === 'skip'}
        stepTitle={failure?.title ?? ''}
        onCancel={() => setDialog(null)}
        onSkip={(reason) => {
          setDialog(null);
          void send({ type: 'SKIP_STEP', reason });
        }}
      />
      <AbortDialog
        open={dialog === 'abort'}
        onCancel={() => setDialog(null)}
        onConfirm={() => {
          setDialog(null);
          void send({ type: 'ABORT_DEPLOY' });
        }}
      />
      <StopDialog
        open={dialog === 'stop'}
        stepTitle={running?.step.title ?? ''}
        onCancel={() => setDialog(null)}
        onConfirm={() => {
          setDialog(null);
          void send({ type: 'STOP_STEP' });
        }}
      />
      {view.target && <TerminalDialog open={dialog === 'terminal'} client={client} target={formatTarget(view.target)} onClose={() => setDialog(null)} />}
    </>
  );
}
