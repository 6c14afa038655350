// SPDX-License-Identifier: Apache-2.0
// The hardware step: probing, the grouped check results (waive a failure with a reason, undo it,
// re-run the probe), or the probe's failure.
import { useState, type ReactElement } from 'react';
import type { CheckResult } from '../../electron/api/contract.js';
import { BusyPanel } from '../components/busy-panel.js';
import { ErrorPanel } from '../components/error-panel.js';
import { Screen } from '../components/screen.js';
import { StepFooter } from '../components/step-footer.js';
import { useInstallerContext, useView } from '../hooks/installer-context.js';
import { countChecks, summarizeChecks } from '../lib/checks.js';
import { formatTarget } from '../lib/format.js';
import { stepEyebrow, stepTitle, substate } from '../lib/view-state.js';
import { CheckStateBadge } from './check-state.js';
import { CheckTable } from './check-table.js';
import { WaiveDialog } from './waive-dialog.js';

/** The hardware step for whatever sub-state the workflow is in. */
export function HardwareStep(): ReactElement {
  const view = useView();
  const { send, pending } = useInstallerContext();
  const [waiving, setWaiving] = useState<CheckResult | null>(null);
  const sub = substate(view);
  const eyebrow = stepEyebrow(view, 'hardware') ?? undefined;
  const where = view.target ? formatTarget(view.target) : 'the server';

  if (sub === 'probing') {
    return (
      <>
        <Screen screenKey={view.state} eyebrow={eyebrow} title="Checking the hardware">
          <BusyPanel label={view.busy ?? 'Probing the hardware…'} detail={`CPU, memory, disks, network and OS of ${where}, in one round trip.`} />
        </Screen>
        <StepFooter showNext={false} />
      </>
    );
  }

  if (sub === 'failed') {
    return (
      <>
        <Screen screenKey={view.state} eyebrow={eyebrow} title="The hardware probe failed">
          {view.error && <ErrorPanel error={view.error} stepTitle={stepTitle(view, 'hardware')} />}
        </Screen>
        <StepFooter showNext={false} primary={{ label: 'Probe again', onClick: () => void send({ type: 'RETRY' }), pendingKey: 'RETRY' }} />
      </>
    );
  }

  const n = countChecks(view.checks);
  const blocking = n.fail + n.error;
  return (
    <>
      <Screen
        screenKey={view.state}
        eyebrow={eyebrow}
        title="Hardware checks"
        lead={<>How <strong className="mono">{where}</strong> measures up against the requirements of a Cloud-in-a-Box site. A failed check must be fixed (then probe again) or waived with a written reason.</>}
      >
        {view.error && <ErrorPanel error={view.error} stepTitle={stepTitle(view, 'hardware')} />}
        <div className={`summary-bar${blocking > 0 ? ' summary-bar--blocking' : ''}`} role="status">
          <p className="summary-bar__text">{summarizeChecks(view.checks)}</p>
          {n.pass < view.checks.length && (
          <ul className="summary-bar__counts" aria-hidden="true">
            {(['fail', 'error', 'warn', 'waived', 'pass'] as const)
              .filter((s) => n[s] > 0)
              .map((s) => (
                <li key={s}>
                  <CheckStateBadge state={s} /> {n[s]}
                </li>
              ))}
          </ul>
          )}
        </div>
        {view.checks.length === 0 ? <p className="muted">The probe returned no checks.</p> : <CheckTable checks={view.checks} busy={pending !== null} onWaive={setWaiving} onUnwaive={(c) => void send({ type: 'UNWAIVE', checkId: c.id })} />}
      </Screen>
      <StepFooter secondary={[{ label: 'Probe again', onClick: () => void send({ type: 'PROBE' }), pendingKey: 'PROBE' }]} />
      <WaiveDialog
        check={waiving}
        onCancel={() => setWaiving(null)}
        onWaive={(reason) => {
          const c = waiving;
          setWaiving(null);
          if (c) void send({ type: 'WAIVE', checkId: c.id, reason });
        }}
      />
    </>
  );
}
