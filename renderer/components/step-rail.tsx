// SPDX-License-Identifier: Apache-2.0
// The step rail: where am I, what is done, what is blocked and why. Done steps are buttons that
// jump back (GOTO, data kept); every status is written out, not just coloured.
import { useEffect, useRef, type ReactElement } from 'react';
import type { StepView, WorkflowEvent } from '../../electron/api/contract.js';
import { Icon, type IconName } from './icons.js';

// Steps not yet done show their number; the others an icon (with the word beside it).
const STATUS: Record<StepView['status'], { word: string; icon: IconName | null }> = {
  done: { word: 'Done', icon: 'check' },
  current: { word: 'Current step', icon: null },
  todo: { word: 'Not started', icon: null },
  blocked: { word: 'Blocked', icon: 'blocked' },
  failed: { word: 'Failed', icon: 'fail' },
};

// Welcome and replay are places, not install steps.
const NOT_IN_RAIL = new Set(['welcome', 'replay']);

/** The list of wizard steps with their status; `onGoto` jumps to a done step. */
export function StepRail({ steps, disabled, onGoto }: { steps: StepView[]; disabled: boolean; onGoto(event: WorkflowEvent): void }): ReactElement {
  const shown = steps.filter((s) => !NOT_IN_RAIL.has(s.id));
  const nav = useRef<HTMLElement>(null);
  const current = shown.find((s) => s.status === 'current' || s.status === 'failed')?.id;
  // In a narrow window the rail is one scrolling row: keep the current step in view.
  useEffect(() => {
    nav.current?.querySelector('[aria-current="step"], .rail__item--failed')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [current]);
  return (
    <nav ref={nav} aria-label="Install steps" className="rail">
      <h2 className="rail__title">Install steps</h2>
      <ol className="rail__list">
        {shown.map((s, i) => {
          const st = STATUS[s.status];
          const body = (
            <>
              <span className="rail__marker" aria-hidden="true">
                {st.icon === null ? i + 1 : <Icon name={st.icon} />}
              </span>
              <span className="rail__text">
                <span className="rail__name">
                  <span className="visually-hidden">Step {i + 1}: </span>
                  {s.title}
                </span>
                <span className="rail__status">
                  {st.word}
                  {s.status === 'done' && <span className="visually-hidden"> — go back to this step</span>}
                </span>
                {s.blockedReason && s.status !== 'done' && <span className="rail__reason">{s.blockedReason}</span>}
              </span>
            </>
          );
          return (
            <li key={s.id} className={`rail__item rail__item--${s.status}`} aria-current={s.status === 'current' ? 'step' : undefined}>
              {s.status === 'done' ? (
                <button type="button" className="rail__link" disabled={disabled} onClick={() => onGoto({ type: 'GOTO', step: s.id })}>
                  {body}
                </button>
              ) : (
                <div className="rail__link rail__link--static">{body}</div>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
