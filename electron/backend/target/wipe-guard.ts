// SPDX-License-Identifier: Apache-2.0
// The last check before root commands erase a disk: a fresh probe must show the very disk the
// operator confirmed (same serial, ids and size — kernel names can move after a reboot), still
// unused, and the wipe commands for it must be exactly the ones the operator was shown.
import type { Disk, HardwareReport } from '../../api/generated/hardware-report-types.js';
import { wipeCommands } from '../hardware/evaluate/kinds/wipe-commands.js';

/** Why the wipe must not run, or null when the disk and commands are still the confirmed ones. */
export function wipeRefusal(path: string, confirmed: Disk | null, confirmedCommands: string[], fresh: HardwareReport): string | null {
  if (!confirmed) return `${path} is not in the report the operator confirmed.`;
  const now = fresh.disks.find((d) => d.path === path);
  if (!now) return `${path} is not on the server any more (a fresh probe does not list it).`;
  const same =
    now.sizeBytes === confirmed.sizeBytes &&
    (now.serial ?? null) === (confirmed.serial ?? null) &&
    (now.model ?? null) === (confirmed.model ?? null) &&
    now.byId.join('\n') === confirmed.byId.join('\n');
  if (!same) return `${path} is now a different disk (${now.model ?? 'unknown model'}, serial ${now.serial ?? 'unknown'}) than the one confirmed (${confirmed.model ?? 'unknown model'}, serial ${confirmed.serial ?? 'unknown'}).`;
  if (now.mounted || now.partitions.some((p) => p.mountpoint)) return `${path} or one of its partitions is mounted now.`;
  const expected = wipeCommands(now)?.commands ?? [];
  if (expected.join('\n') !== confirmedCommands.join('\n')) return `what is on ${path} changed since it was confirmed, so the wipe commands would differ from the ones shown.`;
  return null;
}
