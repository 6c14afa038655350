// SPDX-License-Identifier: Apache-2.0
import { describe, expect, test } from 'vitest';
import type { CheckResult, HardwareView } from '../../../electron/api/contract.js';
import type { HardwareReport } from '../../../electron/api/generated/hardware-report-types.js';
import { asHardwareReport, formatReportJson, formatReportMarkdown, type HardwareReportInput } from '../../../renderer/lib/hardware-report-format.js';

const check = (p: Partial<CheckResult> & Pick<CheckResult, 'id' | 'group' | 'state'>): CheckResult => ({ title: p.id, required: 'r', found: 'f', why: 'w', fix: 'x', ...p });
const checks: CheckResult[] = [
  check({ id: 'os.release', group: 'os', state: 'pass', required: 'Ubuntu 24.04 LTS', found: 'Ubuntu 24.04.1 LTS' }),
  check({ id: 'memory.total', group: 'memory', state: 'fail', blocking: true, required: '≥ 32 GB', found: '16 GB' }),
  check({ id: 'storage.ceph-disk', group: 'storage', state: 'fail', blocking: true, required: 'one empty disk ≥ 1 TB', found: '/dev/sdb: old LVM | GPT', wipe: { disk: '/dev/sdb', commands: ['wipefs --all /dev/sdb'] } }),
  check({ id: 'security.iommu', group: 'security', title: 'IOMMU', state: 'waived', required: 'enabled', found: 'disabled\nin firmware', waiver: ' No passthrough at this site. ' }),
  check({ id: 'network.speed', group: 'network', state: 'warn', required: '≥ 10 Gbit/s', found: '' }),
];
const hardware: HardwareView = {
  profileId: 'ciab-edge',
  profiles: [
    { id: 'ciab-sandbox', title: 'CiaB sandbox', description: 'a' },
    { id: 'ciab-edge', title: 'CiaB edge', description: 'b' },
  ],
  probedAt: new Date(2026, 10, 22, 14, 3, 12).toISOString(),
  durationMs: 412,
  summary: '2 failures block the install',
};
const report = {
  version: 1,
  probedAt: '2026-11-22T14:03:12.000Z',
  durationMs: 412,
  host: { hostname: 'lab-small-01', os: { id: 'ubuntu', versionId: '24.04', prettyName: 'Ubuntu 24.04.1 LTS' }, kernel: '6.8.0-48-generic', arch: 'x86_64', bootMode: 'bios', virtualization: 'none' },
  disks: [],
  errors: [
    { section: 'time', message: 'timedatectl: command not found', exitCode: 127 },
    { section: 'gpus', message: 'lspci missing\nskipped' },
  ],
} as unknown as HardwareReport;
const input: HardwareReportInput = { target: 'ubuntu@10.20.0.5', hardware, checks, report };

describe('copy report as Markdown', () => {
  const md = formatReportMarkdown(input);

  test('a heading naming the server, the profile, when and how fast it was probed, and the summary', () => {
    expect(md.split('\n').slice(0, 7)).toEqual([
      '# Hardware report: lab-small-01 — ubuntu@10.20.0.5',
      '',
      '- Profile: CiaB edge (`ciab-edge`)',
      '- Probed: 2026-11-22 14:03 in 0.4 s',
      '- OS: Ubuntu 24.04.1 LTS, kernel 6.8.0-48-generic',
      '',
      '**2 failures block the install** — 5 checks: 2 failed, 1 warning, 1 waived, 1 passed.',
    ]);
  });

  test('one table per group in screen order, id/state/required/found, cells on one line with pipes escaped', () => {
    expect(md.match(/^## .*/gm)).toEqual(['## Memory', '## Storage', '## Network', '## OS', '## Security & accelerators', '## Waivers', '## Probe errors']);
    expect(md).toContain('## Memory\n\n| ID | State | Required | Found |\n| --- | --- | --- | --- |\n| `memory.total` | Failed (blocks the install) | ≥ 32 GB | 16 GB |\n');
    expect(md).toContain('| `storage.ceph-disk` | Failed (blocks the install) | one empty disk ≥ 1 TB | /dev/sdb: old LVM \\| GPT |');
    expect(md).toContain('| `security.iommu` | Waived | enabled | disabled in firmware |');
    expect(md).toContain('| `network.speed` | Warning | ≥ 10 Gbit/s | — |');
  });

  test('waivers with their reasons, and the probe’s section errors with exit codes', () => {
    expect(md).toContain('## Waivers\n\n- `security.iommu` IOMMU: “No passthrough at this site.”\n');
    expect(md).toContain('## Probe errors\n\n- `time` (exit code 127): timedatectl: command not found\n- `gpus`: lspci missing skipped\n');
  });

  test('without the raw report or profile it still copies the checks and says what is missing', () => {
    const bare = formatReportMarkdown({ target: null, hardware: null, checks: checks.slice(0, 1), report: null });
    expect(bare.startsWith('# Hardware report\n\n**The 1 check passed** — 1 check: 1 passed.\n')).toBe(true);
    expect(bare).toContain('_The raw probe report was not available; only the check results are included._');
    expect(bare).not.toContain('## Waivers');
  });
});

describe('copy report as JSON', () => {
  test('{ profile, summary, checks, report } in that order, parseable, ending in a newline', () => {
    const text = formatReportJson(input);
    expect(text.endsWith('}\n')).toBe(true);
    const json = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['profile', 'summary', 'checks', 'report']);
    expect(json.profile).toEqual({ id: 'ciab-edge', title: 'CiaB edge' });
    expect(json.summary).toBe('2 failures block the install');
    expect(json.checks).toEqual(checks);
    expect(json.report).toEqual(report);
    expect(JSON.parse(formatReportJson({ target: null, hardware: null, checks: [], report: null }))).toEqual({ profile: null, summary: 'The probe returned no checks', checks: [], report: null });
  });

  test('the request result is used only when it looks like a report', () => {
    expect(asHardwareReport(report)).toBe(report);
    for (const bad of [null, undefined, 'x', {}, { version: 2, host: {}, disks: [] }, { version: 1, host: null, disks: [] }]) expect(asHardwareReport(bad)).toBeNull();
  });
});
