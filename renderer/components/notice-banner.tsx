// SPDX-License-Identifier: Apache-2.0
// Backend notices ("a saved install could not be restored: …", "reconnected after …"), each in a
// banner that stays until the operator dismisses it.
import type { ReactElement } from 'react';
import type { NoticeEntry } from '../hooks/use-installer.js';
import { Icon } from './icons.js';

const LEVEL_WORD = { info: 'Note', warn: 'Warning', error: 'Error' } as const;

/** The stack of undismissed notices under the header. */
export function NoticeBanners({ notices, onDismiss }: { notices: NoticeEntry[]; onDismiss(id: number): void }): ReactElement | null {
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="region" aria-label="Notices">
      {notices.map(({ id, notice }) => (
        <div key={id} className={`notice notice--${notice.level}`} role={notice.level === 'info' ? 'status' : 'alert'}>
          <Icon name={notice.level === 'info' ? 'info' : 'warn'} />
          <p className="notice__text">
            <strong>{LEVEL_WORD[notice.level]}: </strong>
            {notice.message}
          </p>
          <button type="button" className="btn btn--small btn--ghost" onClick={() => onDismiss(id)} aria-label={`Dismiss: ${notice.message}`}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
