// SPDX-License-Identifier: Apache-2.0
// One rendered file beside the tree: its content with line numbers (secrets already masked by the
// backend; a leak's line highlighted), or its unified diff against the previous render with added
// lines green and removed ones red, numbered in the old and the new file.
import { useEffect, useRef, type ReactElement } from 'react';
import type { ReviewFile } from '../../electron/api/contract.js';
import { formatBytes, formatDateTime } from '../lib/format.js';
import { diffStat, parseDiff } from '../lib/review-tree.js';
import { scrollWithin } from '../lib/scroll-within.js';
import { ChangeBadge, SecretLock } from './review-files.js';

/** Content or diff. */
export type ViewMode = 'content' | 'diff';

function ContentLines({ file, line }: { file: ReviewFile; line: number | null }): ReactElement {
  const target = useRef<HTMLLIElement>(null);
  useEffect(() => {
    const el = target.current;
    if (el) scrollWithin(el.closest('.review-viewer__body'), el, 'center');
  }, [file.path, line]);
  if (file.change === 'removed') return <p className="review-viewer__empty">This file was in the previous render and is gone from this one. Switch to Diff to see what it held.</p>;
  const lines = file.content.replace(/\n$/, '').split('\n');
  return (
    <ol className="code-lines">
      {lines.map((text, i) => (
        <li key={i} ref={line === i + 1 ? target : undefined} className={line === i + 1 ? 'code-line code-line--target' : 'code-line'}>
          <span className="code-line__no" aria-hidden="true">
            {i + 1}
          </span>
          <span className="code-line__text">{text === '' ? ' ' : text}</span>
        </li>
      ))}
    </ol>
  );
}

function DiffLines({ file, previousAt }: { file: ReviewFile; previousAt: string | null }): ReactElement {
  if (previousAt === null) return <p className="review-viewer__empty">First render of this site: there is no earlier render to compare with.</p>;
  if (!file.diff) return <p className="review-viewer__empty">Unchanged since the previous render ({formatDateTime(previousAt)}).</p>;
  const lines = parseDiff(file.diff);
  const stat = diffStat(lines);
  return (
    <>
      <p className="review-viewer__stat">
        <span className="review-viewer__plus">+{stat.added}</span> <span className="review-viewer__minus">−{stat.removed}</span> lines against the render of {formatDateTime(previousAt)}
      </p>
      <ol className="code-lines code-lines--diff">
        {lines.map((l, i) => (
          <li key={i} className={`code-line code-line--${l.kind}`}>
            <span className="code-line__no" aria-hidden="true">
              {l.oldNo ?? ''}
            </span>
            <span className="code-line__no" aria-hidden="true">
              {l.newNo ?? ''}
            </span>
            <span className="code-line__sign" aria-hidden="true">
              {l.kind === 'add' ? '+' : l.kind === 'del' ? '−' : ''}
            </span>
            <span className="code-line__text">
              {l.kind === 'add' && <span className="visually-hidden">added: </span>}
              {l.kind === 'del' && <span className="visually-hidden">removed: </span>}
              {l.text === '' ? ' ' : l.text}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}

/** The selected file with the Content / Diff switch. */
export function ReviewViewer({ file, showChange, mode, line, previousAt, onMode }: { file: ReviewFile | null; showChange: boolean; mode: ViewMode; line: number | null; previousAt: string | null; onMode(mode: ViewMode): void }): ReactElement {
  if (!file) return <div className="review-viewer review-viewer--none">Choose a file on the left.</div>;
  return (
    <section className="review-viewer" aria-label={`Rendered file ${file.path}`}>
      <header className="review-viewer__header">
        <div className="review-viewer__title">
          <span className="mono review-viewer__path">{file.path}</span>
          {file.secret && <SecretLock />}
          {showChange && <ChangeBadge change={file.change} />}
        </div>
        <div className="segmented" role="group" aria-label="Show">
          <button type="button" className="segmented__item" aria-pressed={mode === 'content'} onClick={() => onMode('content')}>
            Content
          </button>
          <button type="button" className="segmented__item" aria-pressed={mode === 'diff'} onClick={() => onMode('diff')}>
            Diff
          </button>
        </div>
      </header>
      <p className="review-viewer__meta">
        {file.target && (
          <>
            Installed as <span className="mono">{file.target}</span> ·{' '}
          </>
        )}
        {file.change !== 'removed' && `${formatBytes(file.size)} · `}
        {file.secret ? 'vault-encrypted on disk; secret values are masked here' : file.change === 'removed' ? 'removed by this render' : `sha256 ${file.sha256.slice(0, 12)}…`}
      </p>
      <div className="review-viewer__body" tabIndex={0} role="region" aria-label={mode === 'diff' ? `Changes to ${file.path}` : `Content of ${file.path}`}>
        {mode === 'diff' ? <DiffLines file={file} previousAt={previousAt} /> : <ContentLines file={file} line={line} />}
      </div>
    </section>
  );
}
