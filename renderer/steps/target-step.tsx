// SPDX-License-Identifier: Apache-2.0
// The target step: one screen per sub-state — the form, connecting, confirming a new host key,
// the host-key mismatch stop, connected (who the server is), and a failed connection.
import type { ReactElement } from 'react';
import { BusyPanel } from '../components/busy-panel.js';
import { ErrorPanel } from '../components/error-panel.js';
import { Icon } from '../components/icons.js';
import { Screen } from '../components/screen.js';
import { StepFooter } from '../components/step-footer.js';
import { useInstallerContext, useView } from '../hooks/installer-context.js';
import { formatTarget } from '../lib/format.js';
import { algorithmLabel } from '../lib/host-key.js';
import { targetInputOf } from '../lib/target-draft.js';
import { stepEyebrow, stepTitle, substate } from '../lib/view-state.js';
import { HostKeyConfirm } from './host-key-confirm.js';
import { HostKeyMismatch } from './host-key-mismatch.js';
import { TARGET_FORM_ID, TargetForm } from './target-form.js';

/** The target step for whatever sub-state the workflow is in. */
export function TargetStep(): ReactElement {
  const view = useView();
  const { send } = useInstallerContext();
  const sub = substate(view);
  const eyebrow = stepEyebrow(view, 'target') ?? undefined;
  const target = view.target;
  const where = target ? formatTarget(target) : 'the server';

  if (sub === 'confirmHostKey') return <HostKeyConfirm />;
  if (sub === 'hostKeyMismatch') return <HostKeyMismatch />;

  if (sub === 'connecting') {
    return (
      <>
        <Screen screenKey={view.state} eyebrow={eyebrow} title={`Connecting to ${where}`}>
          <BusyPanel label={view.busy ?? 'Connecting…'} detail="Logging in over SSH and checking the server’s host key against the pinned keys." />
        </Screen>
        <StepFooter showNext={false} />
      </>
    );
  }

  if (sub === 'connected') {
    const s = view.server;
    return (
      <>
        <Screen screenKey={view.state} eyebrow={eyebrow} title="Connected" lead={<>The installer is logged in to <strong className="mono">{where}</strong> and the host key is verified.</>}>
          <div className="success-panel">
            <Icon name="check" className="success-panel__icon" />
            <dl className="facts">
              <div className="facts__row">
                <dt>Host name</dt>
                <dd className="mono">{s?.hostname ?? '—'}</dd>
              </div>
              <div className="facts__row">
                <dt>Operating system</dt>
                <dd>{s?.os ?? '—'}</dd>
              </div>
              <div className="facts__row">
                <dt>Kernel</dt>
                <dd className="mono">{s?.kernel ?? '—'}</dd>
              </div>
              {view.hostKey && (
                <div className="facts__row">
                  <dt>Host key</dt>
                  <dd className="mono">
                    {algorithmLabel(view.hostKey.algorithm)} {view.hostKey.fingerprint}
                  </dd>
                </div>
              )}
            </dl>
          </div>
          <p className="muted">Next, the installer checks this server’s hardware against the requirements of a Cloud-in-a-Box site.</p>
        </Screen>
        <StepFooter secondary={target ? [{ label: 'Change target', onClick: () => void send({ type: 'SET_TARGET', target: targetInputOf(target) }) }] : []} />
      </>
    );
  }

  if (sub === 'failed') {
    return (
      <>
        <Screen screenKey={view.state} eyebrow={eyebrow} title="The connection failed">
          {view.error && <ErrorPanel error={view.error} stepTitle={stepTitle(view, 'target')} />}
        </Screen>
        <StepFooter
          showNext={false}
          secondary={[{ label: 'Edit connection settings', onClick: () => void send({ type: 'DISMISS_ERROR' }), pendingKey: 'DISMISS_ERROR' }]}
          primary={{ label: 'Retry', onClick: () => void send({ type: 'RETRY' }), pendingKey: 'RETRY' }}
        />
      </>
    );
  }

  return (
    <>
      <Screen screenKey={view.state} eyebrow={eyebrow} title="Connect to the target server" lead="The freshly installed Ubuntu 24.04 server this site runs on. The installer logs in over SSH; you verify the server’s host key before anything runs.">
        {view.error && <ErrorPanel error={view.error} stepTitle={stepTitle(view, 'target')} />}
        <TargetForm />
      </Screen>
      <StepFooter primary={{ label: 'Connect', form: TARGET_FORM_ID, pendingKey: 'CONNECT' }} />
    </>
  );
}
