// SPDX-License-Identifier: Apache-2.0
// "Rendered configuration" on the review screen: rendering in progress, its failure, or the
// result — how many files changed, the digest and output folder, the leak check (green, or every
// public endpoint with a link to its line), and the file tree beside the selected file.
import { useEffect, useMemo, useState, type ReactElement } from 'react';
import type { LeakFinding, SiteReview } from '../../electron/api/contract.js';
import { CopyButton } from '../components/copy-button.js';
import { ErrorPanel } from '../components/error-panel.js';
import { Icon, Spinner } from '../components/icons.js';
import { useInstallerContext, useView } from '../hooks/installer-context.js';
import { formatDateTime } from '../lib/format.js';
import { stepTitle } from '../lib/view-state.js';
import { ReviewViewer, type ViewMode } from './review-diff.js';
import { ReviewFiles } from './review-files.js';

function LeakPanel({ leaks, onOpen, onChangeSite }: { leaks: readonly LeakFinding[]; onOpen(leak: LeakFinding): void; onChangeSite(): void }): ReactElement {
  if (leaks.length === 0) {
    return (
      <div className="leak-panel leak-panel--clean" role="status">
        <Icon name="shield" />
        <p>
          <strong>No public endpoints found.</strong> Every rendered file was checked for public host names, URLs and addresses.
        </p>
      </div>
    );
  }
  return (
    <div className="leak-panel leak-panel--found" role="alert" id="leak-findings" tabIndex={-1}>
      <div className="leak-panel__head">
        <Icon name="shield-alert" />
        <p>
          <strong>
            {leaks.length === 1 ? '1 public endpoint' : `${leaks.length} public endpoints`} in the rendered configuration — the deploy cannot start.
          </strong>{' '}
          An air-gapped site must not reach out. Replace it with a site-local source, or add it to the air-gap allow list if it is in fact site-local.
        </p>
      </div>
      <ul className="leak-panel__list">
        {leaks.map((l) => (
          <li key={`${l.file}:${l.line}:${l.column}`}>
            <button type="button" className="link-button mono" onClick={() => onOpen(l)}>
              {l.file}:{l.line}:{l.column}
            </button>
            <code className="leak-panel__match">{l.match}</code>
            <span className="leak-panel__reason">{l.reason}</span>
          </li>
        ))}
      </ul>
      <button type="button" className="btn btn--secondary btn--small" onClick={onChangeSite}>
        Change the site
      </button>
    </div>
  );
}

/** The rendered configuration section of the review screen. */
export function RenderedConfig(): ReactElement {
  const view = useView();
  const { request, send } = useInstallerContext();
  const render = view.render;
  const [review, setReview] = useState<SiteReview | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [mode, setMode] = useState<ViewMode>('content');
  const [line, setLine] = useState<number | null>(null);

  useEffect(() => {
    if (render.status !== 'ready') return;
    void request('site.review', {}, 'Reading the rendered configuration').then((r) => {
      if (!r) return;
      setReview(r);
      // Start where the operator's attention belongs: the first leak, else the first change.
      const leak = r.leaks[0];
      const changed = r.previousAt !== null ? r.files.find((f) => f.change !== 'unchanged')?.path : undefined;
      const first = leak?.file ?? changed ?? r.files.find((f) => f.path === 'ciab/site.yaml')?.path ?? r.files[0]?.path ?? null;
      setSelected((s) => (s !== null && r.files.some((f) => f.path === s) ? s : first));
      if (leak) setLine(leak.line);
    });
  }, [render.status, render.digest, request]);

  const file = useMemo(() => review?.files.find((f) => f.path === selected) ?? null, [review, selected]);
  const open = (leak: LeakFinding): void => {
    setSelected(leak.file);
    setMode('content');
    setLine(leak.line);
  };

  if (render.status === 'rendering' || render.status === 'none') {
    return (
      <section className="review-render" aria-label="Rendered configuration">
        <h2>Rendered configuration</h2>
        <p className="review-render__busy" role="status">
          <Spinner /> Rendering the configuration and checking it for public endpoints…
        </p>
      </section>
    );
  }
  if (render.status === 'failed') {
    const error = view.error ?? render.error;
    return (
      <section className="review-render" aria-label="Rendered configuration">
        <h2>Rendered configuration</h2>
        {error ? <ErrorPanel error={error} stepTitle={stepTitle(view, 'review')} /> : <p>Rendering the configuration failed.</p>}
      </section>
    );
  }
  const changed = render.changed ?? review?.files.filter((f) => f.change !== 'unchanged').length ?? 0;
  return (
    <section className="review-render" aria-labelledby="review-render-title">
      <header className="review-render__header">
        <h2 id="review-render-title">Rendered configuration</h2>
        <p className="review-render__counts">
          {render.files} files ·{' '}
          {review?.previousAt === null ? 'first render of this site' : <>{changed === 0 ? 'nothing' : changed === 1 ? '1 file' : `${changed} files`} changed since {review?.previousAt ? formatDateTime(review.previousAt) : 'the previous render'}</>}
        </p>
      </header>
      <dl className="facts facts--compact review-render__facts">
        {render.digest && (
          <div className="facts__row">
            <dt>Digest</dt>
            <dd>
              <span className="mono" title={render.digest}>
                sha256:{render.digest.slice(0, 16)}…
              </span>{' '}
              <CopyButton text={render.digest} label="the digest of the rendered configuration" />
            </dd>
          </div>
        )}
        {review?.outputDir && (
          <div className="facts__row">
            <dt>Written to</dt>
            <dd>
              <span className="mono">{review.outputDir}</span> <CopyButton text={review.outputDir} label="the output folder" />
            </dd>
          </div>
        )}
      </dl>
      {review && <LeakPanel leaks={review.leaks} onOpen={open} onChangeSite={() => void send({ type: 'GOTO', step: 'site' })} />}
      {review && review.files.length > 0 && (
        <div className="review-browser">
          <ReviewFiles
            files={review.files}
            showChanges={review.previousAt !== null}
            selected={selected}
            onSelect={(p) => {
              setSelected(p);
              setLine(null);
            }}
          />
          <ReviewViewer file={file} showChange={review.previousAt !== null} mode={mode} line={file && review.leaks.some((l) => l.file === file.path && l.line === line) ? line : null} previousAt={review.previousAt} onMode={setMode} />
        </div>
      )}
    </section>
  );
}
