// SPDX-License-Identifier: Apache-2.0
// Full-screen message when the page cannot talk to the backend: what happened, what to do, and
// that it keeps retrying. The install itself is safe: the backend saves it after every step.
import { useEffect, useRef, useState, type ReactElement } from 'react';
import type { Connection } from '../api.js';
import { describeConnectionProblem } from '../lib/connection.js';
import { formatElapsed } from '../lib/format.js';
import { CodeBlock } from './copy-button.js';
import { Icon, Spinner } from './icons.js';
import { withCode } from './inline-code.js';

/** The overlay for an offline connection (or a first connect that takes more than a moment). */
export function ConnectionOverlay({ connection, onRetry }: { connection: Connection; onRetry(): void }): ReactElement | null {
  const [now, setNow] = useState(() => Date.now());
  const heading = useRef<HTMLHeadingElement>(null);
  const offline = connection.status === 'offline';

  useEffect(() => {
    if (!offline) return;
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(id);
  }, [offline]);

  useEffect(() => {
    if (offline) heading.current?.focus();
  }, [offline]);

  if (connection.status === 'connected') return null;
  if (connection.status === 'connecting') {
    return (
      <div className="overlay overlay--quiet" role="status">
        <Spinner /> Connecting to the installer backend…
      </div>
    );
  }

  const text = describeConnectionProblem(connection.problem);
  const waitMs = connection.nextRetryAt === null ? null : Math.max(0, connection.nextRetryAt - now);
  return (
    <div className="overlay" role="alertdialog" aria-modal="true" aria-labelledby="connection-title" aria-describedby="connection-advice">
      <div className="overlay__card">
        <Icon name="server" className="overlay__icon" />
        <h1 id="connection-title" ref={heading} tabIndex={-1}>
          {text.title}
        </h1>
        <p id="connection-advice">{withCode(text.advice)}</p>
        <CodeBlock code={text.command} label="the command that starts the installer backend" />
        <p className="overlay__status">
          {waitMs === null ? (
            'Not retrying: this page has no access token.'
          ) : (
            <>
              <Spinner /> Next attempt (#{connection.attempt}) in {Math.ceil(waitMs / 1000)} s · offline for {formatElapsed(now - connection.since)}
            </>
          )}
        </p>
        {waitMs !== null && (
          <button type="button" className="btn btn--primary" onClick={onRetry}>
            Retry now
          </button>
        )}
      </div>
    </div>
  );
}
