// SPDX-License-Identifier: Apache-2.0
// The top of the hardware screen: the verdict ("3 failures block the install") coloured by the
// worst result, the counts per state, and when and how fast the probe ran; and the toolbar over
// the check groups with "Copy report" (Markdown or JSON).
import type { ReactElement } from 'react';
import type { CheckResult, HardwareView } from '../../electron/api/contract.js';
import { CopyButton } from '../components/copy-button.js';
import { Icon, type IconName } from '../components/icons.js';
import { withCode } from '../components/inline-code.js';
import { countChecks, countLabel, groupChecks, hardwareHeadline, isBlocking, overallTone } from '../lib/checks.js';
import { formatSeconds, formatTime } from '../lib/format.js';
import { CheckStateBadge } from './check-state.js';
import { checkAnchor } from './check-table.js';

// Brings a check's row into view and puts the focus on it (no URL hash: the page's token lives there).
function showCheck(id: string): void {
  const el = document.getElementById(checkAnchor(id));
  el?.scrollIntoView({ block: 'center' });
  el?.focus({ preventScroll: true });
}

const TONE_ICON: Record<ReturnType<typeof overallTone>, IconName> = { blocking: 'fail', warn: 'warn', pass: 'check' };

/** "Probed in 0.4 s at 14:03", or null before the first probe. */
export function probeTiming(hw: HardwareView | null): string | null {
  if (!hw?.probedAt) return null;
  return `Probed${hw.durationMs !== null ? ` in ${formatSeconds(hw.durationMs)}` : ''} at ${formatTime(hw.probedAt)}`;
}

/** The summary bar. */
export function HardwareSummary({ checks, hardware }: { checks: readonly CheckResult[]; hardware: HardwareView | null }): ReactElement {
  const tone = overallTone(checks);
  const n = countChecks(checks);
  const timing = probeTiming(hardware);
  // What blocks, in the order of the tables below.
  const blockers = groupChecks(checks).flatMap((g) => g.checks.filter(isBlocking));
  return (
    <section className={`summary-bar summary-bar--${tone}`} aria-label="Result of the hardware checks">
      <Icon name={TONE_ICON[tone]} className="summary-bar__icon" />
      <p className="summary-bar__text" role="status">
        {hardwareHeadline(checks, hardware?.summary)}
      </p>
      {timing && <p className="summary-bar__timing">{timing}</p>}
      <ul className="summary-bar__counts" aria-label={`${checks.length} checks`}>
        {(['fail', 'error', 'warn', 'waived', 'pass'] as const)
          .filter((s) => n[s] > 0)
          .map((s) => (
            <li key={s}>
              <CheckStateBadge state={s}>{countLabel(s, n[s])}</CheckStateBadge>
            </li>
          ))}
      </ul>
      {blockers.length > 0 && (
        <ul className="summary-bar__blockers" aria-label="What blocks the install">
          {blockers.map((c) => (
            <li key={c.id}>
              <button type="button" className="link-button" onClick={() => showCheck(c.id)}>
                {withCode(c.title)}
              </button>
              <span className="summary-bar__found"> — {withCode(c.found)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The line over the check groups: how they are ordered, and "Copy report" as Markdown or JSON. */
export function CheckToolbar({ checks, copyReport }: { checks: readonly CheckResult[]; copyReport(format: 'markdown' | 'json'): Promise<string | null> }): ReactElement {
  const groups = groupChecks(checks).length;
  return (
    <div className="check-toolbar">
      <p className="check-toolbar__hint">{checks.some(isBlocking) ? 'What blocks the install comes first in each group.' : `${checks.length} checks in ${groups} group${groups === 1 ? '' : 's'}; problems first in each.`}</p>
      <div className="check-toolbar__copy" role="group" aria-label="Copy report">
        <span className="check-toolbar__label" aria-hidden="true">
          Copy report:
        </span>
        <CopyButton text={() => copyReport('markdown')} label="the hardware report as Markdown">
          Markdown
        </CopyButton>
        <CopyButton text={() => copyReport('json')} label="the hardware report as JSON">
          JSON
        </CopyButton>
      </div>
    </div>
  );
}
