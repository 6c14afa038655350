// SPDX-License-Identifier: Apache-2.0
// The review step: everything the deploy will use on one page — server, hardware results with
// every waiver and its reason, site, bundle — each with a way back to change it; then the
// rendered configuration with its leak check, which must be clean before the deploy can start.
import { FactRow as Row } from '../components/fact-row.js';
import type { ReactElement, ReactNode } from 'react';
import type { StepId } from '../../electron/api/contract.js';
import { Icon } from '../components/icons.js';
import { Screen } from '../components/screen.js';
import { StepFooter } from '../components/step-footer.js';
import { useInstallerContext, useView } from '../hooks/installer-context.js';
import { summarizeChecks } from '../lib/checks.js';
import { formatTarget } from '../lib/format.js';
import { revealInScreen } from '../lib/scroll-within.js';
import { isDemo, stepEyebrow, substate } from '../lib/view-state.js';
import { CheckStateBadge } from './check-state.js';
import { RenderedConfig } from './review-render.js';
import { SiteFacts } from './review-site-facts.js';

// Brings the leak findings into view and puts the focus on them.
function showLeaks(): void {
  const el = document.getElementById('leak-findings');
  revealInScreen(el, 'start');
  el?.focus({ preventScroll: true });
}

/** The review screen. */
export function ReviewStep(): ReactElement {
  const view = useView();
  const { send, pending } = useInstallerContext();
  const waived = view.checks.filter((c) => c.state === 'waived');
  const warnings = view.checks.filter((c) => c.state === 'warn');
  const failed = substate(view) === 'failed';

  const section = (step: StepId, title: string, body: ReactNode): ReactElement => (
    <section className="review-card" aria-labelledby={`review-${step}`}>
      <header className="review-card__header">
        <h2 id={`review-${step}`}>{title}</h2>
        <button type="button" className="btn btn--ghost btn--small" disabled={pending !== null} onClick={() => void send({ type: 'GOTO', step })}>
          Change<span className="visually-hidden"> {title}</span>
        </button>
      </header>
      {body}
    </section>
  );

  return (
    <>
      <Screen
        screenKey={view.state}
        eyebrow={stepEyebrow(view, 'review') ?? undefined}
        title="Review and start the deploy"
        lead={isDemo(view) ? 'The demo deploy runs against the simulated server; nothing real is installed.' : 'Nothing has changed on the server yet. Starting the deploy uploads the bundle and runs the install, phase by phase.'}
      >
        {view.render.status === 'ready' && view.render.leaks > 0 && (
          <p className="leak-banner" role="note">
            <Icon name="shield-alert" />
            <span>
              The leak check found {view.render.leaks === 1 ? 'a public endpoint' : `${view.render.leaks} public endpoints`} in the rendered configuration; the deploy cannot start until {view.render.leaks === 1 ? 'it is' : 'they are'} fixed or allowed.{' '}
              <button type="button" className="link-button" onClick={() => showLeaks()}>
                Show {view.render.leaks === 1 ? 'it' : 'them'}
              </button>
            </span>
          </p>
        )}
        <div className="review-grid">
          {section(
            'target',
            'Target server',
            <dl className="facts">
              <Row label="Login">{view.target ? <span className="mono">{formatTarget(view.target)}</span> : '—'}</Row>
              <Row label="Host name">{view.server?.hostname ?? '—'}</Row>
              <Row label="System">{view.server ? `${view.server.os}, kernel ${view.server.kernel}` : '—'}</Row>
              <Row label="Host key">{view.hostKey ? <span className="mono">{view.hostKey.fingerprint}</span> : '—'}</Row>
            </dl>,
          )}
          {section(
            'hardware',
            'Hardware',
            <>
              <p>{summarizeChecks(view.checks)}</p>
              {waived.length > 0 && (
                <>
                  <h3>Waived checks</h3>
                  <ul className="review-list">
                    {waived.map((c) => (
                      <li key={c.id}>
                        <CheckStateBadge state="waived" /> <strong>{c.title}</strong> — required {c.required}, found {c.found}. Reason: “{c.waiver}”
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {warnings.length > 0 && (
                <ul className="review-list">
                  {warnings.map((c) => (
                    <li key={c.id}>
                      <CheckStateBadge state="warn" /> {c.title}: found {c.found}
                    </li>
                  ))}
                </ul>
              )}
            </>,
          )}
          {section('site', 'Site', <SiteFacts site={view.site.config ?? {}} />)}
          {section(
            'bundle',
            'Air-gap bundle',
            <dl className="facts">
              <Row label="Path">{view.bundle.path ? <span className="mono">{view.bundle.path}</span> : '—'}</Row>
              <Row label="Verified">{view.bundle.verified ? 'Yes' : 'No'}</Row>
            </dl>,
          )}
        </div>
        <RenderedConfig />
      </Screen>
      <StepFooter
        showNext={false}
        primary={
          failed
            ? { label: 'Render again', onClick: () => void send({ type: 'RETRY' }), pendingKey: 'RETRY' }
            : { label: 'Start the deploy', onClick: () => void send({ type: 'START_DEPLOY' }), pendingKey: 'START_DEPLOY', blockedReason: view.can.next ? undefined : (view.can.nextBlockedReason ?? 'The configuration is not ready yet.') }
        }
      />
    </>
  );
}

