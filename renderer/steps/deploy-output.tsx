// SPDX-License-Identifier: Apache-2.0
// The deploy output section: which step's output shows (the running one by default, or one the
// operator picks), the terminal or the structured Ansible view, and what was dropped from memory.
import { useState, type ReactElement } from 'react';
import type { WorkflowView } from '../../electron/api/contract.js';
import { useOutputSnapshot } from '../hooks/use-deploy-output.js';
import { OUTPUT_LIMIT_BYTES, type DeployOutputStore } from '../lib/deploy-output-store.js';
import { followedAttempt, stepLabel } from '../lib/deploy-view.js';
import { formatBytes } from '../lib/format.js';
import { DeployStructured } from './deploy-structured.js';
import { DeployTerminalPane } from './deploy-terminal-pane.js';

/** The output section; `picked` (from the phases list) selects a step attempt, null follows the running step. */
export function DeployOutput({ deploy, store, picked, onPick, tailError }: { deploy: WorkflowView['deploy']; store: DeployOutputStore; picked: string | null; onPick(id: string | null): void; tailError: string | null }): ReactElement {
  const snapshot = useOutputSnapshot(store);
  const [mode, setMode] = useState<'terminal' | 'structured'>('terminal');
  const followed = followedAttempt(deploy) ?? snapshot.attempts.at(-1)?.id ?? null;
  const shown = picked ?? followed;
  const following = picked === null;
  const known = new Set(snapshot.attempts.map((a) => a.id));
  const options = snapshot.attempts.map((a) => ({ id: a.id, label: `${stepLabel(deploy, a.key)}${a.attempt > 1 ? ` (attempt ${a.attempt})` : ''}` }));
  if (shown !== null && !known.has(shown)) {
    const [key, n] = splitId(shown);
    options.push({ id: shown, label: `${stepLabel(deploy, key)}${n > 1 ? ` (attempt ${n})` : ''}` });
  }
  const shownLabel = options.find((o) => o.id === shown)?.label ?? 'No step yet';
  const running = deploy.status === 'running' && following && shown !== null && shown === followedAttempt(deploy);
  const dropped = snapshot.droppedAttempts > 0 || snapshot.attempts.some((a) => a.droppedBytes > 0);
  return (
    <section className="deploy-output" aria-labelledby="deploy-output-title">
      <header className="deploy-output__header">
        <div className="deploy-output__which">
          <h2 id="deploy-output-title" className="deploy-output__title">
            Output: <span className="deploy-output__step">{shownLabel}</span>
          </h2>
          <span className="deploy-output__mode-word">{running ? 'Live' : !following ? 'A step you chose' : deploy.failure && shown === `${deploy.failure.key}#${deploy.failure.attempt}` ? 'The failed step' : 'Follows the running step'}</span>
        </div>
        <div className="deploy-output__controls">
          <select className="input deploy-output__pick" value={following ? '' : (shown ?? '')} onChange={(e) => onPick(e.target.value === '' ? null : e.target.value)} aria-label="Show the output of">
            <option value="">Follow the current step</option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
          <div className="segmented" role="group" aria-label="Output view">
            <button type="button" className="segmented__item" aria-pressed={mode === 'terminal'} onClick={() => setMode('terminal')}>
              Terminal
            </button>
            <button type="button" className="segmented__item" aria-pressed={mode === 'structured'} onClick={() => setMode('structured')}>
              Structured
            </button>
          </div>
        </div>
      </header>
      {(dropped || snapshot.tailTruncated || tailError) && (
        <p className="deploy-output__note">
          {tailError
            ? `Earlier output could not be loaded (${tailError}); new output shows as it arrives.`
            : dropped
              ? `Older output was dropped here to stay within ${formatBytes(OUTPUT_LIMIT_BYTES)} of memory; the install journal on this computer has all of it.`
              : 'Only the most recent output was available when this screen opened; the install journal has all of it.'}
        </p>
      )}
      <div className="deploy-output__body" hidden={mode !== 'terminal'}>
        <DeployTerminalPane store={store} id={shown} emptyText={deploy.status === 'running' ? 'Waiting for output…' : 'No output of this step is held in this session.\r\nThe install journal on this computer has all of it.'} />
      </div>
      {mode === 'structured' && <DeployStructured store={store} snapshot={snapshot} id={shown} follow={following} />}
    </section>
  );
}

function splitId(id: string): [string, number] {
  const at = id.lastIndexOf('#');
  return [id.slice(0, at), Number(id.slice(at + 1))];
}
