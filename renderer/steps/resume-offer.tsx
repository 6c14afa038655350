// SPDX-License-Identifier: Apache-2.0
// The "unfinished install found" card on the welcome screen: which step, which server, when it was
// saved; resume it or (after confirming) discard it.
import { useState, type ReactElement } from 'react';
import type { ResumeOffer } from '../../electron/api/contract.js';
import { ConfirmDialog } from '../components/dialog.js';
import { Icon, Spinner } from '../components/icons.js';
import { useInstallerContext, useView } from '../hooks/installer-context.js';
import { useNow } from '../hooks/use-elapsed.js';
import { formatAgo, formatDateTime } from '../lib/format.js';
import { stepTitle } from '../lib/view-state.js';

/** The resume card; its Resume button is the welcome screen's primary action. */
export function ResumeOfferCard({ offer }: { offer: ResumeOffer }): ReactElement {
  const view = useView();
  const { request, pending } = useInstallerContext();
  const [confirm, setConfirm] = useState(false);
  const now = useNow();
  const step = stepTitle(view, offer.step);
  const busy = pending !== null;
  return (
    <section className="card card--resume" aria-labelledby="resume-title">
      <div className="card__icon">
        <Icon name="history" />
      </div>
      <div className="card__body">
        <h2 id="resume-title">Unfinished {offer.mode === 'demo' ? 'demo' : 'install'} found</h2>
        <p>
          It stopped at <strong>{step}</strong>
          {offer.target ? (
            <>
              {' '}
              on <strong className="mono">{offer.target}</strong>
            </>
          ) : null}
          . Saved {formatDateTime(offer.savedAt)} ({formatAgo(offer.savedAt, now)}).
        </p>
        {offer.mode === 'demo' && <p className="tag tag--demo">Demo — no real server</p>}
        <div className="card__actions">
          <button type="button" className="btn btn--primary btn--large" disabled={busy} onClick={() => void request('workflow.resume', {}, 'Resuming the saved install')}>
            {pending === 'Resuming the saved install' && <Spinner />}
            Resume at {step}
          </button>
          <button type="button" className="btn btn--secondary" disabled={busy} onClick={() => setConfirm(true)}>
            Discard…
          </button>
        </div>
      </div>
      <ConfirmDialog
        open={confirm}
        title="Discard the unfinished install?"
        confirmLabel="Discard it"
        onCancel={() => setConfirm(false)}
        onConfirm={() => {
          setConfirm(false);
          void request('workflow.discardResume', {}, 'Discarding the saved install');
        }}
      >
        <p>
          The saved progress ({step}
          {offer.target ? ` on ${offer.target}` : ''}) is removed and you start over. Its install journal stays on disk for support.
        </p>
      </ConfirmDialog>
    </section>
  );
}
