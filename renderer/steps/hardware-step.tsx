// SPDX-License-Identifier: Apache-2.0
// The hardware step: probing, the verdict with the grouped check results (pick the requirement
// profile, copy the report, waive a failure with a reason, wipe a disk with old data, probe
// again), wiping a disk, or the probe's failure.
import { useState, type ReactElement } from 'react';
import type { CheckResult } from '../../electron/api/contract.js';
import { BusyPanel } from '../components/busy-panel.js';
import { ErrorPanel } from '../components/error-panel.js';
import { Screen } from '../components/screen.js';
import { StepFooter } from '../components/step-footer.js';
import { useInstallerContext, useView } from '../hooks/installer-context.js';
import { formatTarget } from '../lib/format.js';
import { asHardwareReport } from '../lib/hardware-report.js';
import { stepEyebrow, stepTitle, substate } from '../lib/view-state.js';
import { CheckTable } from './check-table.js';
import { CheckToolbar, HardwareSummary } from './hardware-summary.js';
import { ProfilePicker } from './profile-picker.js';
import { WaiveDialog } from './waive-dialog.js';
import { WipeDialog, type WipeContext } from './wipe-dialog.js';

/** The hardware step for whatever sub-state the workflow is in. */
export function HardwareStep(): ReactElement {
  const view = useView();
  const { send, request, pending } = useInstallerContext();
  const [waiving, setWaiving] = useState<CheckResult | null>(null);
  const [wiping, setWiping] = useState<{ check: CheckResult; context: WipeContext } | null>(null);
  // The disk the operator last asked to wipe: names it while the backend works (several may carry old data).
  const [wipeSent, setWipeSent] = useState<string | null>(null);
  const sub = substate(view);
  const eyebrow = stepEyebrow(view, 'hardware') ?? undefined;
  const where = view.target ? formatTarget(view.target) : 'the server';

  if (sub === 'probing') {
    return (
      <>
        <Screen screenKey={view.state} eyebrow={eyebrow} title="Checking the hardware">
          <BusyPanel label={view.busy ?? 'Probing the hardware…'} detail={`CPU, memory, disks, network, OS and security features of ${where}, in one round trip.`} />
        </Screen>
        <StepFooter showNext={false} />
      </>
    );
  }

  if (sub === 'wiping') {
    const withWipe = view.checks.filter((c) => c.wipe);
    const target = withWipe.find((c) => c.wipe!.disk === wipeSent) ?? (withWipe.length === 1 ? withWipe[0] : undefined);
    const disk = target?.wipe?.disk ?? wipeSent;
    return (
      <>
        <Screen screenKey={view.state} eyebrow={eyebrow} title={disk ? `Wiping ${disk}` : 'Wiping the disk'}>
          <BusyPanel label={disk ? `Wiping ${disk} on ${where}…` : (view.busy ?? 'Wiping the disk…')} detail="Running over SSH as root. The hardware is probed again right after; keep the server powered on.">
            {target?.wipe && (
              <pre className="log-lines busy-panel__commands" aria-label="Commands running on the server">
                {target.wipe.commands.map((cmd) => `$ ${cmd}`).join('\n')}
              </pre>
            )}
          </BusyPanel>
        </Screen>
        <StepFooter showNext={false} />
      </>
    );
  }

  if (sub === 'failed') {
    return (
      <>
        {/* A failed wipe lands here too; its error title says so. */}
        <Screen screenKey={view.state} eyebrow={eyebrow} title={/wip/i.test(view.error?.title ?? '') ? 'Wiping the disk failed' : 'The hardware probe failed'}>
          {view.error && <ErrorPanel error={view.error} stepTitle={stepTitle(view, 'hardware')} />}
        </Screen>
        <StepFooter showNext={false} primary={{ label: 'Probe again', onClick: () => void send({ type: 'RETRY' }), pendingKey: 'RETRY' }} />
      </>
    );
  }

  // The backend formats the report (the same text `ciab probe --markdown` prints).
  const copyReport = async (format: 'markdown' | 'json'): Promise<string> => {
    const res = await request('hardware.report', {}, 'Fetching the probe report');
    return (format === 'json' ? res?.json : res?.markdown) ?? 'No probe report yet: probe the server first.';
  };

  const openWipe = (check: CheckResult): void => {
    setWiping({ check, context: { disk: null, sudo: null } });
    // The probe's record of the disk (model, size, by-id) helps tell it from the others; its sudo
    // finding says whether to ask for the sudo password.
    void request('hardware.report', {}, 'Reading the disk details').then((res) => {
      const report = asHardwareReport(res?.report);
      const disk = report?.disks.find((d) => d.path === check.wipe?.disk || `/dev/${d.name}` === check.wipe?.disk) ?? null;
      setWiping((w) => (w && w.check.id === check.id ? { check, context: { disk, sudo: report?.sudo ?? null } } : w));
    });
  };

  const wipe = async (disk: string, confirm: string, sudoPassword: string): Promise<void> => {
    setWipeSent(disk);
    if (sudoPassword !== '' && (await request('secrets.set', { kind: 'sudo-password', value: sudoPassword }, 'Handing over the sudo password')) === null) return;
    await send({ type: 'WIPE_DISK', disk, confirm });
  };

  return (
    <>
      <Screen
        screenKey={view.state}
        eyebrow={eyebrow}
        title="Hardware checks"
        lead={<>How <strong className="mono">{where}</strong> measures up against the requirement profile. A failure that blocks the install must be fixed (then probe again) or waived with a written reason.</>}
      >
        {view.error && <ErrorPanel error={view.error} stepTitle={stepTitle(view, 'hardware')} />}
        <HardwareSummary checks={view.checks} hardware={view.hardware} />
        {view.hardware && <ProfilePicker hardware={view.hardware} busy={pending !== null} switching={pending === 'SET_PROFILE'} onPick={(profileId) => void send({ type: 'SET_PROFILE', profileId })} />}
        {view.checks.length === 0 ? (
          <p className="muted">The probe returned no checks.</p>
        ) : (
          <div>
            <CheckToolbar checks={view.checks} copyReport={copyReport} />
            <CheckTable checks={view.checks} busy={pending !== null} onWaive={setWaiving} onUnwaive={(c) => void send({ type: 'UNWAIVE', checkId: c.id })} onWipe={openWipe} />
          </div>
        )}
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
      <WipeDialog
        check={wiping?.check ?? null}
        context={wiping?.context ?? { disk: null, sudo: null }}
        onCancel={() => setWiping(null)}
        onWipe={(disk, confirm, sudoPassword) => {
          setWiping(null);
          void wipe(disk, confirm, sudoPassword);
        }}
      />
    </>
  );
}
