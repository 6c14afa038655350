// SPDX-License-Identifier: Apache-2.0
// Small one-line sections: os-release, `id`, systemd-detect-virt, boot mode.
import type { HostInfo } from '../../../api/generated/hardware-report-types.js';
import { parseOsRelease } from '../../ssh/server-facts.js';
import { parsed, toInt, type Parsed } from './parse-util.js';

/** os-release(5) → the report's OS object; null without ID and VERSION_ID. */
export function parseOsReleaseSection(text: string): Parsed<HostInfo['os']> {
  const f = parseOsRelease(text);
  if (!f.ID) return parsed(null, ['os-release has no ID']);
  const versionId = f.VERSION_ID ?? '';
  const prettyName = f.PRETTY_NAME ?? ([f.NAME, f.VERSION].filter(Boolean).join(' ') || f.ID);
  const codename = f.VERSION_CODENAME ?? f.UBUNTU_CODENAME;
  return parsed({ id: f.ID, versionId, prettyName, ...(codename ? { codename } : {}) }, versionId ? [] : ['os-release has no VERSION_ID']);
}

/** `id`: "uid=1000(ciab) gid=1000(ciab) groups=..." → user name and uid. */
export function parseId(text: string): Parsed<{ uid: number | null; user: string | null }> {
  const m = /uid=(\d+)(?:\(([^)]*)\))?/.exec(text);
  if (!m) return parsed({ uid: null, user: null }, ['id output not understood']);
  return parsed({ uid: toInt(m[1]), user: m[2] || null });
}

/** First non-empty line, trimmed (hostname, kernel, arch, virt, boot mode). */
export function firstLine(text: string): string | null {
  for (const l of text.split('\n')) {
    const t = l.trim();
    if (t) return t.slice(0, 256);
  }
  return null;
}

/** The boot-mode section: "uefi" or "bios". */
export function parseBootMode(text: string): 'uefi' | 'bios' | null {
  const l = firstLine(text);
  return l === 'uefi' || l === 'bios' ? l : null;
}
