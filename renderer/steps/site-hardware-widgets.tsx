// SPDX-License-Identifier: Apache-2.0
// Pickers fed by the hardware probe: the management NIC (link, speed, addresses, which has the
// default route) and the Ceph disk (size, model, what is on it, its stable by-id path). Without a
// probe report they fall back to typing the name.
import type { ReactElement } from 'react';
import type { Disk } from '../../electron/api/generated/hardware-report-types.js';
import { formatBytes } from '../lib/format.js';
import { getAt } from '../lib/site-draft.js';
import type { FieldSpec } from '../lib/site-form-model.js';
import { diskInUse, diskLabel, diskPath, findDisk, formatSpeed, nicLabel } from '../lib/site-probe.js';
import { FieldFrame, TextWidget, valueText } from './site-field-widgets.js';
import { useSiteForm } from './site-form-context.js';

/** The management NIC as a choice of the probed NICs. */
export function NicWidget({ spec }: { spec: FieldSpec }): ReactElement {
  const form = useSiteForm();
  const report = form.report;
  if (!report || report.nics.length === 0) return <TextWidget spec={{ ...spec, width: 'medium', mono: true, example: 'e.g. eno1', hint: 'Linux name of the NIC the laptop reaches the server on (no probe report to choose from).' }} />;
  const value = valueText(getAt(form.site, spec.pointer));
  // Physical ports first; bridges, VLANs and the like after them.
  const nics = [...report.nics].filter((n) => n.name !== 'lo').sort((a, b) => Number(a.virtual) - Number(b.virtual));
  const nic = nics.find((n) => n.name === value);
  const details = nic ? (
    <p className="site-pick-details">
      {[nic.mac && `MAC ${nic.mac}`, nic.mtu !== null && `MTU ${nic.mtu}`, nic.driver && `driver ${nic.driver}`, formatSpeed(nic.speedMbps), ...nic.addresses.map((a) => `${a.address}/${a.prefix}`)].filter(Boolean).join(' · ')}
    </p>
  ) : value !== '' ? (
    <p className="site-pick-details site-pick-details--warn">The probe did not find {value} on the server.</p>
  ) : null;
  return (
    <FieldFrame spec={{ ...spec, width: 'full' }} extra={details} hint="The NIC the laptop reaches the server on; the internal and workload VLANs are created on it.">
      {(p) => (
        <select {...p} className="input mono" value={value} onChange={(e) => form.set(spec.pointer, e.target.value)}>
          {value === '' && <option value="">Choose the management NIC…</option>}
          {nics.map((n) => (
            <option key={n.name} value={n.name}>
              {nicLabel(n, report)}
            </option>
          ))}
          {value !== '' && !nic && <option value={value}>{value} · not found by the probe</option>}
        </select>
      )}
    </FieldFrame>
  );
}

function DiskDetails({ disk, value, onUse }: { disk: Disk; value: string; onUse(path: string): void }): ReactElement {
  const use = diskInUse(disk);
  const stable = diskPath(disk);
  return (
    <div className="site-pick-details">
      <p>
        {[disk.model, disk.serial && `serial ${disk.serial}`, formatBytes(disk.sizeBytes), disk.transport?.toUpperCase(), disk.rotational === false ? 'SSD' : disk.rotational ? 'HDD' : null].filter(Boolean).join(' · ')}
        <br />
        <span className="mono">{value}</span>
        {value !== disk.path && <span className="muted"> → {disk.path}</span>}
      </p>
      {stable !== value && stable !== disk.path && (
        <p>
          Kernel names such as {disk.path} can change between boots.{' '}
          <button type="button" className="btn btn--ghost btn--small" onClick={() => onUse(stable)}>
            Use the stable by-id path
          </button>
        </p>
      )}
      {use === 'data' && <p className="site-pick-details--warn">This disk still has data on it ({disk.signatures.join(', ') || 'partitions'}); wipe it on the Hardware step first.</p>}
      {use === 'system' && <p className="site-pick-details--warn">This is the system disk: Ceph would erase it.</p>}
    </div>
  );
}

/** The Ceph disk as a choice of the probed disks, stored as its /dev/disk/by-id path when it has one. */
export function DiskWidget({ spec }: { spec: FieldSpec }): ReactElement {
  const form = useSiteForm();
  const report = form.report;
  if (!report || report.disks.length === 0) return <TextWidget spec={{ ...spec, width: 'full', mono: true, example: '/dev/disk/by-id/…' }} />;
  const value = valueText(getAt(form.site, spec.pointer));
  const chosen = value === '' ? undefined : findDisk(report.disks, value);
  const set = (v: string): void => form.set(spec.pointer, v);
  return (
    <FieldFrame spec={{ ...spec, width: 'full' }} extra={chosen ? <DiskDetails disk={chosen} value={value} onUse={set} /> : value !== '' ? <p className="site-pick-details site-pick-details--warn">The probe did not find {value} on the server.</p> : null}>
      {(p) => (
        <select {...p} className="input mono" value={value} onChange={(e) => set(e.target.value)}>
          {value === '' && <option value="">Choose the disk for Ceph…</option>}
          {report.disks.map((d) => (
            <option key={d.name} value={d === chosen ? value : diskPath(d)} disabled={diskInUse(d) === 'system' && d !== chosen}>
              {diskLabel(d)}
            </option>
          ))}
          {value !== '' && !chosen && <option value={value}>{value} · not found by the probe</option>}
        </select>
      )}
    </FieldFrame>
  );
}
