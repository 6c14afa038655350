// SPDX-License-Identifier: Apache-2.0
// CPU vulnerabilities from /sys/devices/system/cpu/vulnerabilities ("name:status" lines) or lscpu.
import { parsed, safeLines, type Parsed } from './parse-util.js';

/** One vulnerability as the report carries it. */
export interface Vulnerability {
  name: string;
  status: string;
  mitigated: boolean;
}

/** Lines like `spectre_v2:Mitigation: Retpolines` or `/sys/.../meltdown:Not affected` (grep . form). */
export function parseVulnerabilities(text: string): Parsed<Vulnerability[]> {
  const out: Vulnerability[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const raw of safeLines(text)) {
    const line = raw.trim();
    if (line === '') continue;
    const colon = line.indexOf(':');
    const path = colon > 0 ? line.slice(0, colon) : '';
    const file = path.slice(path.lastIndexOf('/') + 1);
    if (!/^[A-Za-z0-9_.-]+$/.test(file)) {
      warnings.push(`vulnerability line not understood: ${line.slice(0, 120)}`);
      continue;
    }
    const name = file.toLowerCase();
    if (seen.has(name)) continue;
    seen.add(name);
    out.push(vulnerability(name, line.slice(colon + 1)));
  }
  return parsed(out, warnings);
}

/** lscpu's "Vulnerability Spectre v2: ..." lines, names turned into the sysfs file names. */
export function vulnerabilitiesFromLscpu(items: { name: string; status: string }[]): Vulnerability[] {
  return items.map((v) => vulnerability(v.name.trim().toLowerCase().replace(/\s+/g, '_'), v.status));
}

function vulnerability(name: string, rawStatus: string): Vulnerability {
  const status = rawStatus.trim();
  // Per the report schema: only a status that starts with "Vulnerable" counts as unmitigated.
  return { name, status, mitigated: !/^vulnerable/i.test(status) };
}
