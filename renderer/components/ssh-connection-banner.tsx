// SPDX-License-Identifier: Apache-2.0
// The SSH connection to the target server, as the backend keeps it: a calm, persistent banner
// while it reconnects by itself, an error panel with the next action when it gave up, and a brief
// "Reconnected after 12 s" when it is back. (The page ↔ backend socket has its own overlay.)
import type { ReactElement } from 'react';
import { useInstallerContext } from '../hooks/installer-context.js';
import { formatClock, formatTarget } from '../lib/format.js';
import { LOST_NEXT_ACTION, lostTitle, reconnectedText, reconnectingText } from '../lib/ssh-connection.js';
import { Icon, Spinner } from './icons.js';

/** The banner under the header for the SSH connection; nothing while it is fine. */
export function SshConnectionBanner(): ReactElement | null {
  const { view, sshRecovered, request, pending } = useInstallerContext();
  if (!view) return null;
  const c = view.connection;
  const where = view.target ? formatTarget(view.target) : 'the server';

  if (c.status === 'reconnecting') {
    return (
      <div className="ssh-banner ssh-banner--reconnecting" role="status" aria-live="polite">
        <Spinner className="ssh-banner__icon" />
        <div className="ssh-banner__text">
          <p className="ssh-banner__title">{reconnectingText(c, where)}</p>
          <p className="ssh-banner__detail">
            {c.message ? `${c.message} ` : ''}The installer keeps trying by itself; the current step carries on once the server answers again.
          </p>
        </div>
      </div>
    );
  }

  if (c.status === 'lost') {
    return (
      <section className="ssh-banner ssh-banner--lost" role="alert" aria-labelledby="ssh-lost-title">
        <Icon name="fail" className="ssh-banner__icon" />
        <div className="ssh-banner__text">
          <h2 id="ssh-lost-title" className="ssh-banner__title">
            {lostTitle(where)}
          </h2>
          <p className="ssh-banner__detail">
            {c.message ?? 'The server stopped answering and the installer gave up reconnecting.'}
            {c.since ? ` Lost since ${formatClock(c.since)}${c.attempt > 0 && !/attempt/i.test(c.message ?? '') ? ` after ${c.attempt} attempts` : ''}.` : ''}
          </p>
          <p className="ssh-banner__next">
            <strong>What to do next: </strong>
            {LOST_NEXT_ACTION}
          </p>
        </div>
        <button type="button" className="btn btn--secondary" disabled={pending !== null} onClick={() => void request('connection.reconnect', {}, 'Reconnecting')}>
          {pending === 'Reconnecting' && <Spinner />}
          Reconnect
        </button>
      </section>
    );
  }

  if (c.status === 'connected' && sshRecovered) {
    return (
      <div className="ssh-banner ssh-banner--back" role="status" aria-live="polite">
        <Icon name="check" className="ssh-banner__icon" />
        <p className="ssh-banner__title">{reconnectedText(where, sshRecovered.afterMs)}</p>
      </div>
    );
  }
  return null;
}
