// SPDX-License-Identifier: Apache-2.0
// Storage checks: an empty disk for Ceph, no old data on unused disks (with wipe commands), and
// free space where the containers and the unpacked bundle will live.
import type { Disk } from '../../../../api/generated/hardware-report-types.js';
import type { Evaluate, Outcome } from '../check-kind.js';
import type { NoParams, ParamsStorageCephDisk, ParamsStorageRootFree } from '../generated-profile-types.js';
import { arr, cleanText, formatDiskSize, formatGiB, GiB, joinOr, listSome, num } from '../units.js';
import { describeOldData, diskVars, fixedDisks, hasOldData, inUse, isEmpty } from './disk-facts.js';
import { wipeCommands } from './wipe-commands.js';

/** Why a disk does not qualify for Ceph, for the found text. */
function whyNot(d: Disk, minBytes: number): string {
  const v = diskVars(d);
  if (inUse(d)) return `${v.disk} ${v.size} (in use)`;
  if (hasOldData(d)) return `${v.disk} ${v.size} (old data, see storage.dirty-disks.${v.name})`;
  if ((num(d.sizeBytes) ?? 0) < minBytes) return `${v.disk} ${v.size} (too small)`;
  return `${v.disk} ${v.size}`;
}

/** storage.ceph-disk: one empty disk of minGB or more, preferably under one of `names`. */
export const cephDisk: Evaluate<ParamsStorageCephDisk> = (report, params) => {
  const minBytes = params.minGB * 1e9;
  const names = params.names?.map((n) => `/dev/${n}`);
  const common = { minSize: formatDiskSize(minBytes), names: names ? joinOr(names) : null };
  const disks = fixedDisks(report.disks);
  if (disks.length === 0) return { status: 'unmet', found: 'noDisks', vars: common };
  const fit = disks.filter((d) => isEmpty(d) && (num(d.sizeBytes) ?? 0) >= minBytes);
  // Prefer the first of `names` that fits, in the profile's order.
  const named = params.names ? params.names.map((n) => fit.find((d) => d.name === n)).find((d) => d !== undefined) : fit[0];
  if (named) return { status: 'met', found: 'ok', vars: { ...common, ...diskVars(named) } };
  if (fit[0]) return { status: 'weak', found: 'otherName', variant: 'otherName', vars: { ...common, ...diskVars(fit[0]) } };
  return { status: 'unmet', found: 'none', vars: { ...common, disks: listSome(disks.map((d) => whyNot(d, minBytes)), 4) } };
};

/** storage.dirty-disks: one result per unused disk that carries old data, with its wipe. */
export const dirtyDisks: Evaluate<NoParams> = (report) => {
  const unused = fixedDisks(report.disks).filter((d) => !inUse(d));
  if (unused.length === 0) return { status: 'met', found: 'noneUnused' };
  const dirty = unused.filter(hasOldData);
  if (dirty.length === 0) return { status: 'met', found: 'clean', vars: { checked: listSome(unused.map((d) => diskVars(d).disk)) } };
  return dirty.map((d): Outcome => {
    const v = diskVars(d);
    const wipe = wipeCommands(d);
    // The id suffix must stay a plain name, whatever the probe reported.
    const idSuffix = cleanText(d.name, 40).replace(/[^A-Za-z0-9_-]/g, '_');
    const vars = { ...v, what: describeOldData(d) };
    if (!wipe) return { status: 'unmet', found: 'unsafeName', variant: 'unsafeName', vars, idSuffix };
    return { status: 'unmet', found: 'dirty', variant: 'dirty', vars, idSuffix, wipe };
  });
};

/** The filesystem mounted closest above `path` (longest mount-point prefix). */
function holdingFilesystem(filesystems: { mount: string; sizeBytes: number; availableBytes: number }[], path: string) {
  const under = (mount: string) => mount === '/' || path === mount || path.startsWith(`${mount}/`);
  return arr(filesystems)
    .filter((f) => typeof f.mount === 'string' && under(f.mount))
    .sort((a, b) => b.mount.length - a.mount.length)[0];
}

/** storage.root-free: free space on the filesystem that holds `path`. */
export const rootFree: Evaluate<ParamsStorageRootFree> = (report, params) => {
  const fss = arr(report.filesystems);
  if (fss.length === 0) return { status: 'unknown', found: 'unknown', vars: { mount: '/' } };
  const fs = holdingFilesystem(fss, params.path);
  if (!fs) return { status: 'unmet', found: 'noMount', vars: { mount: '/' } };
  const free = num(fs.availableBytes) ?? 0;
  return {
    status: free / GiB >= params.minGiB ? 'met' : 'unmet',
    found: 'ok',
    vars: { free: formatGiB(free), size: formatGiB(num(fs.sizeBytes) ?? 0), mount: cleanText(fs.mount, 60) },
  };
};
