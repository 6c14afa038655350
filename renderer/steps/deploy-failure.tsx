// SPDX-License-Identifier: Apache-2.0
// The failed deploy step: what failed, the command and how it ended, the known hints for this
// failure (prominent), the last lines of output, and the ways on: Retry, Skip…, Abort…, a terminal.
import { useId, type ReactElement, type ReactNode } from 'react';
import type { DeployFailure } from '../../electron/api/contract.js';
import { CodeBlock, CopyButton } from '../components/copy-button.js';
import { Icon } from '../components/icons.js';
import { withCode } from '../components/inline-code.js';

/** The failure panel; `actions` are the buttons (the step owns the dialogs they open). */
export function DeployFailurePanel({ failure, actions }: { failure: DeployFailure; actions: ReactNode }): ReactElement {
  const titleId = useId();
  const ended = failure.timedOut ? 'Timed out' : failure.exitCode === null ? 'Ended without an exit code (killed or connection lost)' : `Exit code ${failure.exitCode}`;
  return (
    <section className="error-panel deploy-failure" role="alert" aria-labelledby={titleId}>
      <header className="error-panel__header">
        <Icon name="fail" className="error-panel__icon" />
        <div>
          <h2 id={titleId} className="error-panel__title">
            “{failure.title}” failed{failure.attempt > 1 ? ` (attempt ${failure.attempt})` : ''}
          </h2>
          <p className="error-panel__message">{failure.message}</p>
        </div>
      </header>
      <dl className="facts deploy-failure__facts">
        <div className="facts__row">
          <dt>Ended</dt>
          <dd className={failure.timedOut ? 'deploy-failure__timeout' : undefined}>{ended}</dd>
        </div>
        <div className="facts__row">
          <dt>Command</dt>
          <dd>
            <CodeBlock code={failure.command} label="the failed command" className="deploy-failure__command" />
          </dd>
        </div>
      </dl>
      {failure.hints.length > 0 && (
        <div className="deploy-hints" aria-label="What usually causes this">
          <h3 className="deploy-hints__title">What usually causes this</h3>
          <ul className="deploy-hints__list">
            {failure.hints.map((h) => (
              <li key={h.id} className="deploy-hint">
                <strong className="deploy-hint__title">{h.title}</strong>
                <p className="deploy-hint__advice">{withCode(h.advice)}</p>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="error-panel__actions deploy-failure__actions">{actions}</div>
      {failure.lastLines.length > 0 && (
        <details className="deploy-failure__output" open>
          <summary className="deploy-failure__output-title">
            Last {failure.lastLines.length} line{failure.lastLines.length === 1 ? '' : 's'} of output
          </summary>
          <pre className="log-lines" tabIndex={0} aria-label="Last lines of output">
            {failure.lastLines.join('\n')}
          </pre>
          <CopyButton text={failure.lastLines.join('\n')} label="the last lines of output">
            Copy lines
          </CopyButton>
        </details>
      )}
    </section>
  );
}
