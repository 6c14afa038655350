// SPDX-License-Identifier: Apache-2.0
// The hardware check results, grouped: state (icon + word), what is checked, required vs found;
// for anything not passing, why it matters and how to fix it (with a copy button), plus
// Waive… / Undo waiver.
import type { ReactElement } from 'react';
import type { CheckResult } from '../../electron/api/contract.js';
import { CodeBlock } from '../components/copy-button.js';
import { canWaive, groupChecks, needsAttention } from '../lib/checks.js';
import { CheckStateBadge } from './check-state.js';

/** The grouped check tables; `busy` disables the waiver buttons while an action is in flight. */
export function CheckTable({ checks, busy, onWaive, onUnwaive }: { checks: readonly CheckResult[]; busy: boolean; onWaive(c: CheckResult): void; onUnwaive(c: CheckResult): void }): ReactElement {
  return (
    <div className="check-groups">
      {groupChecks(checks).map(({ group, checks: list }) => (
        <section key={group} className="check-group" aria-labelledby={`group-${group}`}>
          <h2 id={`group-${group}`} className="check-group__title">
            {group}
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
                <th scope="col" className="checks__state">
                  Result
                </th>
                <th scope="col">Check</th>
                <th scope="col">Required</th>
                <th scope="col">Found</th>
              </tr>
            </thead>
            {list.map((c) => (
              <tbody key={c.id} className={`check check--${c.state}`}>
                <tr>
                  <td className="checks__state">
                    <CheckStateBadge state={c.state} />
                  </td>
                  <th scope="row" className="checks__title">
                    {c.title}
                    <span className="checks__id mono">{c.id}</span>
                  </th>
                  <td>{c.required}</td>
                  <td className="checks__found">{c.found}</td>
                </tr>
                <tr className="checks__detail">
                  <td />
                  <td colSpan={3}>{needsAttention(c.state) ? <CheckDetail check={c} busy={busy} onWaive={onWaive} onUnwaive={onUnwaive} /> : <PassDetail check={c} />}</td>
                </tr>
              </tbody>
            ))}
          </table>
        </section>
      ))}
    </div>
  );
}

function PassDetail({ check }: { check: CheckResult }): ReactElement {
  return (
    <details className="check-why">
      <summary>Why it matters</summary>
      <p>{check.why}</p>
    </details>
  );
}

function CheckDetail({ check, busy, onWaive, onUnwaive }: { check: CheckResult; busy: boolean; onWaive(c: CheckResult): void; onUnwaive(c: CheckResult): void }): ReactElement {
  return (
    <div className="check-detail">
      <p>
        <strong>Why it matters: </strong>
        {check.why}
      </p>
      {check.state !== 'waived' && (
        <div>
          <strong>How to fix:</strong>
          <CodeBlock code={check.fix} label={`how to fix ${check.title}`} />
        </div>
      )}
      {check.state === 'waived' && (
        <p className="check-detail__waiver">
          <strong>Waived — reason recorded: </strong>“{check.waiver}”
        </p>
      )}
      <div className="check-detail__actions">
        {canWaive(check.state) && (
          <button type="button" className="btn btn--secondary btn--small" disabled={busy} onClick={() => onWaive(check)}>
            Waive…
          </button>
        )}
        {check.state === 'waived' && (
          <button type="button" className="btn btn--secondary btn--small" disabled={busy} onClick={() => onUnwaive(check)}>
            Undo waiver
          </button>
        )}
      </div>
    </div>
  );
}
