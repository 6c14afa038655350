// SPDX-License-Identifier: Apache-2.0
// The persistent error panel: what failed, where, the command and exit code, the last lines of
// output and the next action. It stays until the workflow leaves the failed state — never a toast.
import { useId, type ReactElement, type ReactNode } from 'react';
import type { ErrorInfo } from '../../electron/api/contract.js';
import { errorFacts, formatErrorReport } from '../lib/error-report.js';
import { CopyButton } from './copy-button.js';
import { Icon } from './icons.js';

/** Shows `error` in full; `children` holds the recovery buttons when the screen has them there. */
export function ErrorPanel({ error, stepTitle, children }: { error: ErrorInfo; stepTitle: string; children?: ReactNode }): ReactElement {
  const titleId = useId();
  const facts = errorFacts(error, stepTitle);
  return (
    <section className="error-panel" role="alert" aria-labelledby={titleId}>
      <header className="error-panel__header">
        <Icon name="fail" className="error-panel__icon" />
        <div>
          <h2 id={titleId} className="error-panel__title">
            {error.title}
          </h2>
          <p className="error-panel__message">{error.message}</p>
        </div>
      </header>
      <dl className="facts error-panel__facts">
        {facts.map((f) => (
          <div key={f.label} className="facts__row">
            <dt>{f.label}</dt>
            <dd className={f.mono ? 'mono' : undefined}>{f.value}</dd>
          </div>
        ))}
      </dl>
      <div className="error-panel__next">
        <strong>What to do next: </strong>
        {error.nextAction}
      </div>
      {error.lastLines.length > 0 && (
        <div className="error-panel__output">
          <h3 className="error-panel__output-title">
            Last {error.lastLines.length} line{error.lastLines.length === 1 ? '' : 's'} of output
          </h3>
          <pre className="log-lines" tabIndex={0} aria-label="Last lines of output">
            {error.lastLines.join('\n')}
          </pre>
        </div>
      )}
      <div className="error-panel__actions">
        {children}
        <CopyButton text={formatErrorReport(error, stepTitle)} label="error details for support">
          Copy details
        </CopyButton>
      </div>
    </section>
  );
}

/** A smaller panel for a request that failed or an action the workflow refused. */
export function ProblemNote({ action, message }: { action: string; message: string }): ReactElement {
  return (
    <div className="problem-note" role="alert">
      <Icon name="warn" />
      <p>
        <strong>{action} did not work: </strong>
        {message}
      </p>
    </div>
  );
}
