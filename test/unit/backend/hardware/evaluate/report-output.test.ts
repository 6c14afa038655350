// SPDX-License-Identifier: Apache-2.0
// "Copy report": Markdown for tickets (headings, required vs found, what to do, wipe commands,
// waivers, probe errors) and JSON for tools (parseable, waivers applied, nothing secret).
import { describe, expect, it } from 'vitest';
import type { HardwareReport } from '../../../../../electron/api/generated/hardware-report-types.js';
import { evaluateProfile, loadProfiles, reportToJson, reportToMarkdown } from '../../../../../electron/backend/hardware/evaluate/index.js';
import { dirtyServer, makeReport } from './make-report.js';

const sandbox = loadProfiles().find((p) => p.id === 'ciab-sandbox')!;
const waivers = { 'firmware.uefi': 'Lab server without UEFI; accepted by the site owner.', 'cpu.cores': 'passes anyway' };

function dirtyWithErrors(): HardwareReport {
  return { ...dirtyServer(), errors: [{ section: 'thermal', message: 'sensors | not installed', exitCode: 127 }] };
}

describe('reportToMarkdown', () => {
  const report = dirtyWithErrors();
  const md = reportToMarkdown(report, evaluateProfile(report, sandbox), sandbox, waivers);

  it('has a title, the summary and the facts', () => {
    expect(md.startsWith('# Hardware check: old-box\n\n**3 failures block the install**\n')).toBe(true);
    expect(md).toContain('| Profile | CiaB sandbox (`ciab-sandbox`) |');
    expect(md).toContain('| Server | Ubuntu 24.04.1 LTS · kernel 6.8.0-48-generic · x86_64 · legacy BIOS · bare metal |');
  });

  it('has one table per group, with required vs found', () => {
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## CPU', '## Memory', '## Storage', '## Network', '## OS', '## Security & accelerators', '## What to do', '## Waivers', '## Probe errors']);
    expect(md).toContain('| State | Check | Required | Found |');
    expect(md).toContain('| FAIL | Enough memory (`memory.total`) | 30 GiB usable RAM or more (60 GiB recommended) | 15.5 GiB usable |');
    expect(md).toContain('| WAIVED | UEFI boot (`firmware.uefi`) | UEFI | legacy BIOS |');
  });

  it('says what to do, with the waiver reason and the exact wipe commands', () => {
    expect(md).toContain('### FAIL · No old data on unused disks (`storage.dirty-disks.sdb`)');
    expect(md).toContain('- **Waived:** Lab server without UEFI; accepted by the site owner.');
    expect(md).toContain('```sh\nsudo -n vgchange -an osd-vg\nsudo -n wipefs --all --force /dev/sdb1\nsudo -n wipefs --all --force /dev/sdb2\nsudo -n wipefs --all --force /dev/sdb\nsudo -n blockdev --rereadpt /dev/sdb\n```');
    expect(md).not.toContain('### PASS');
  });

  it('lists every waiver, applied or not, and the probe errors with pipes escaped', () => {
    expect(md).toContain('| `cpu.cores` | passes anyway | no (the check does not fail now) |');
    expect(md).toContain('| `firmware.uefi` | Lab server without UEFI; accepted by the site owner. | yes |');
    expect(md).toContain('| thermal | sensors \\| not installed | 127 |');
    expect(md.endsWith('\n')).toBe(true);
  });

  it('keeps a hostile report from breaking the table', () => {
    const evil = makeReport({ host: { hostname: 'a|b\n# injected' }, cpu: { model: 'X | Y\n\n## fake heading' } });
    const out = reportToMarkdown(evil, evaluateProfile(evil, sandbox), sandbox, {});
    expect(out.split('\n').filter((l) => l.startsWith('## fake'))).toEqual([]);
    expect(out).toContain('| CPU | X \\| Y ## fake heading |');
  });
});

describe('reportToJson', () => {
  it('holds profile, summary, counts, checks with waivers applied, waivers and probe errors', () => {
    const report = dirtyWithErrors();
    const doc = JSON.parse(reportToJson(report, evaluateProfile(report, sandbox), sandbox, waivers));
    expect(doc).toMatchObject({ format: 'ciab-hardware-check', version: 1, profile: { id: 'ciab-sandbox', title: 'CiaB sandbox' }, summary: '3 failures block the install' });
    expect(doc.counts).toMatchObject({ fail: 3, waived: 1, blocking: 3 });
    expect(doc.checks.find((c: { id: string }) => c.id === 'firmware.uefi')).toMatchObject({ state: 'waived', waiver: waivers['firmware.uefi'], required: 'UEFI', found: 'legacy BIOS' });
    expect(doc.waivers).toEqual([
      { checkId: 'cpu.cores', reason: 'passes anyway', applied: false },
      { checkId: 'firmware.uefi', reason: waivers['firmware.uefi'], applied: true },
    ]);
    expect(doc.probeErrors).toEqual([{ section: 'thermal', message: 'sensors | not installed', exitCode: 127 }]);
    expect(doc.report.host.hostname).toBe('old-box');
  });

  it('lets nothing outside the report schema, and nothing secret-looking, into the copy', () => {
    const report = makeReport({ sudo: { user: 'ubuntu', passwordless: false } }) as unknown as Record<string, unknown>;
    report.sudoPassword = 'hunter2-secret';
    (report.sudo as Record<string, unknown>).password = 'hunter2-secret';
    (report.host as Record<string, unknown>).token = 'abc';
    const json = reportToJson(report as unknown as HardwareReport, [], sandbox, {});
    expect(json).not.toContain('hunter2');
    expect(json).not.toContain('"token"');
    expect(JSON.parse(json).report.sudo).toEqual({ user: 'ubuntu', passwordless: false });
  });
});
