// SPDX-License-Identifier: Apache-2.0
// `df -P -B1 [-T]` (and 1K-block forms): size and free space of real filesystems.
import { parsed, safeLines, toSize, type Parsed } from './parse-util.js';

/** One mounted filesystem with its size and free space in bytes. */
export interface DfEntry {
  source: string;
  fstype: string | null;
  mount: string;
  sizeBytes: number;
  availableBytes: number;
}

// Memory-backed or read-only image filesystems say nothing about free disk space.
const PSEUDO_TYPES = new Set(['tmpfs', 'devtmpfs', 'squashfs', 'overlay', 'efivarfs', 'ramfs', 'proc', 'sysfs', 'cgroup', 'cgroup2', 'nsfs', 'fuse.snapfuse']);
const PSEUDO_SOURCES = /^(tmpfs|devtmpfs|udev|none|overlay|shm|cgroup2?|\/dev\/loop\d+)$/;

/** Parse df output; pseudo filesystems (tmpfs, overlay, snaps on loop devices) are left out. */
export function parseDf(text: string): Parsed<DfEntry[] | null> {
  const lines = safeLines(text).filter((l) => l.trim() !== '');
  const header = lines[0] ?? '';
  if (!/^Filesystem\s/.test(header)) return parsed(null, ['df output without its header line']);
  const withType = /^Filesystem\s+Type\s/.test(header);
  const unitMatch = /\s(\d+)([KMG]?)-blocks\s/.exec(header);
  const unit = unitMatch ? Number(unitMatch[1]) * 1024 ** ' KMG'.indexOf(unitMatch[2] || ' ') : 1;
  const out: DfEntry[] = [];
  const warnings: string[] = [];
  for (const line of lines.slice(1)) {
    // Source [Type] size used avail capacity mount (the mount point may contain spaces).
    const re = withType
      ? /^(\S+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.+)$/
      : /^(\S+)\s+()(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.+)$/;
    const m = re.exec(line);
    if (!m) {
      warnings.push(`df line not understood: ${line.slice(0, 120)}`);
      continue;
    }
    const [, source = '', type = '', size, , avail, , mount = ''] = m;
    const fstype = type || null;
    if ((fstype && PSEUDO_TYPES.has(fstype)) || PSEUDO_SOURCES.test(source)) continue;
    const sizeBytes = toSize(size);
    const availableBytes = toSize(avail);
    if (sizeBytes === null || availableBytes === null) continue;
    out.push({ source, fstype, mount: mount.trim(), sizeBytes: sizeBytes * unit, availableBytes: availableBytes * unit });
  }
  return parsed(out, warnings);
}
