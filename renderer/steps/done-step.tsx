// SPDX-License-Identifier: Apache-2.0
// The last screen: what was installed where, what was waived, and the way to a new install.
import type { ReactElement } from 'react';
import { Icon } from '../components/icons.js';
import { Screen } from '../components/screen.js';
import { StepFooter } from '../components/step-footer.js';
import { useInstallerContext, useView } from '../hooks/installer-context.js';
import { formatTarget } from '../lib/format.js';
import { isDemo, stepEyebrow } from '../lib/view-state.js';

/** The done screen. */
export function DoneStep(): ReactElement {
  const view = useView();
  const { send } = useInstallerContext();
  const site = view.site.config ?? {};
  const waived = view.checks.filter((c) => c.state === 'waived');
  const demo = isDemo(view);
  return (
    <>
      <Screen screenKey={view.state} eyebrow={stepEyebrow(view, 'done') ?? undefined} title={demo ? 'Demo install finished' : 'The site is installed'}>
        <div className="success-panel">
          <Icon name="check" className="success-panel__icon" />
          <div>
            <p>
              <strong>
                {typeof site.name === 'string' ? site.name : 'The site'} ({typeof site.type === 'string' ? site.type : 'CiaB'})
              </strong>{' '}
              {demo ? 'was deployed to the simulated server' : 'is deployed on'} {view.target && <span className="mono">{formatTarget(view.target)}</span>}
              {view.server && <> ({view.server.hostname})</>}.
            </p>
            {demo && <p>Nothing real was installed: this was the demo.</p>}
          </div>
        </div>
        <section className="panel">
          <h2>What was done</h2>
          <ul className="review-list">
            <li>Connected over SSH and pinned the server’s host key.</li>
            <li>
              Checked the hardware: {view.checks.length} checks{waived.length > 0 ? `, ${waived.length} waived with a recorded reason` : ''}.
            </li>
            <li>Verified the air-gap bundle{view.bundle.path && <> <span className="mono">{view.bundle.path}</span></>}.</li>
            <li>Ran the deploy; every step is in the install journal{view.installId ? <> (install <span className="mono">{view.installId}</span>)</> : null}.</li>
          </ul>
        </section>
      </Screen>
      <StepFooter showNext={false} hideBack primary={{ label: 'Start a new install', onClick: () => void send({ type: 'NEW_INSTALL' }), pendingKey: 'NEW_INSTALL' }} />
    </>
  );
}
