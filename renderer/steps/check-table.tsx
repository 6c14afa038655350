// SPDX-License-Identifier: Apache-2.0
// The hardware check results, grouped (CPU, Memory, Storage, Network, OS, Security & accelerators),
// what blocks the install first: state (icon + word), what is checked, required vs found side by
// side; why it matters and how to fix it (monospace, with a copy button) folded out for failures;
// Wipe disk… for a disk with old data, Waive… / Undo waiver.
import type { ReactElement } from 'react';
import type { CheckResult } from '../../electron/api/contract.js';
import { CodeBlock } from '../components/copy-button.js';
import { Icon } from '../components/icons.js';
import { withCode } from '../components/inline-code.js';
import { canWaive, groupChecks, isBlocking, needsAttention, splitFix } from '../lib/checks.js';
import { CheckStateBadge } from './check-state.js';

/** What the operator can do with a check from the table. */
export interface CheckActions {
  busy: boolean;
  onWaive(c: CheckResult): void;
  onUnwaive(c: CheckResult): void;
  onWipe(c: CheckResult): void;
}

/** The grouped check tables. */
export function CheckTable({ checks, ...actions }: { checks: readonly CheckResult[] } & CheckActions): ReactElement {
  return (
    <div className="check-groups">
      {groupChecks(checks).map(({ group, checks: list }, gi) => {
        const headingId = `check-group-${gi}`;
        const blocking = list.filter(isBlocking).length;
        return (
          <section key={group} className="check-group" aria-labelledby={headingId}>
            <h2 id={headingId} className="check-group__title">
              {group}
              <span className="check-group__count">
                {blocking > 0 ? `${blocking} blocking · ` : ''}
                {list.length} check{list.length === 1 ? '' : 's'}
              </span>
            </h2>
            <table className="checks">
              <colgroup>
                <col className="checks__col-state" />
                <col />
                <col className="checks__col-required" />
                <col className="checks__col-found" />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">Result</th>
                  <th scope="col">Check</th>
                  <th scope="col">Required</th>
                  <th scope="col">Found</th>
                </tr>
              </thead>
              {list.map((c) => (
                <CheckRows key={c.id} check={c} {...actions} />
              ))}
            </table>
          </section>
        );
      })}
    </div>
  );
}

// How to fix: the prose in the body font, the command it ends with in monospace with a copy button
// (a fix that is not prose plus a command stays whole, in monospace); and the exact wipe commands.
function HowToFix({ check: c }: { check: CheckResult }): ReactElement {
  const { text, command } = splitFix(c.fix);
  return (
    <div className="check-fix">
      <strong>How to fix:</strong>
      {command === null ? (
        <CodeBlock code={c.fix.trim()} label={`how to fix ${c.title}`} />
      ) : (
        <>
          <p className="check-fix__text">{withCode(text)}</p>
          <CodeBlock code={command} label={`the command for ${c.title}`} />
        </>
      )}
      {c.wipe && c.state !== 'pass' && (
        <>
          <p className="check-fix__text">“Wipe disk {c.wipe.disk}…” runs these commands once you typed the disk name to confirm:</p>
          <CodeBlock code={c.wipe.commands.join('\n')} label={`the commands that wipe ${c.wipe.disk}`} />
        </>
      )}
    </div>
  );
}

function CheckRows({ check: c, busy, onWaive, onUnwaive, onWipe }: { check: CheckResult } & CheckActions): ReactElement {
  const blocking = isBlocking(c);
  const wipe = c.wipe && c.state !== 'pass' ? c.wipe : null;
  const why = (
    <details className="check-why" open={needsAttention(c.state)}>
      <summary>{c.state === 'pass' ? 'Why it matters' : 'Why it matters and how to fix'}</summary>
      <div className="check-detail">
        <p>{withCode(c.why)}</p>
        {c.state !== 'pass' && c.fix.trim() !== '' && <HowToFix check={c} />}
      </div>
    </details>
  );
  return (
    <tbody className={`check check--${c.state}${blocking ? ' check--blocking' : ''}`} data-check-id={c.id}>
      <tr>
        <td className="checks__state">
          <CheckStateBadge state={c.state} />
          {blocking && <span className="checks__blocks">Blocks the install</span>}
        </td>
        <th scope="row" className="checks__title" id={checkAnchor(c.id)} tabIndex={-1}>
          {withCode(c.title)}
          <span className="checks__id mono">{c.id}</span>
          {/* A passing check needs no room of its own for why it matters. */}
          {c.state === 'pass' && why}
        </th>
        <td className="checks__required">{withCode(c.required)}</td>
        <td className="checks__found">{withCode(c.found)}</td>
      </tr>
      {c.state !== 'pass' && (
        <tr className="checks__detail">
          <td />
          <td colSpan={3}>
            {c.state === 'waived' && (
              <p className="check-detail__waiver">
                <strong>Waived — reason recorded: </strong>“{c.waiver}”
              </p>
            )}
            {why}
            {(wipe || canWaive(c.state) || c.state === 'waived') && (
              <div className="check-detail__actions">
                {wipe && (
                  <button type="button" className="btn btn--danger-outline btn--small" disabled={busy} onClick={() => onWipe(c)}>
                    <Icon name="warn" />
                    Wipe disk {wipe.disk}…
                  </button>
                )}
                {canWaive(c.state) && (
                  <button type="button" className="btn btn--secondary btn--small" disabled={busy} onClick={() => onWaive(c)}>
                    Waive…
                  </button>
                )}
                {c.state === 'waived' && (
                  <button type="button" className="btn btn--secondary btn--small" disabled={busy} onClick={() => onUnwaive(c)}>
                    Undo waiver
                  </button>
                )}
              </div>
            )}
          </td>
        </tr>
      )}
    </tbody>
  );
}

/** The element id of a check's row heading (the summary's list of blockers jumps there). */
export function checkAnchor(checkId: string): string {
  return `check-${checkId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
