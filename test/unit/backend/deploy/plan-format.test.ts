// SPDX-License-Identifier: Apache-2.0
// The printed plan: phases in order with their steps, expected durations and exact commands;
// the JSON record carries the same plan for scripts.
import { describe, expect, it } from 'vitest';
import { formatDuration, formatPlanText, planRecord } from '../../../../electron/backend/deploy/plan-format.js';
import { playbooksForType, resolvePlan } from '../../../../electron/backend/deploy/resolve-plan.js';
import { validateSite } from '../../../../electron/backend/site/validate-site.js';
import { exampleSite } from '../../../helpers/site-fixtures.js';

describe('plan-format', () => {
  it.each([
    [0, '0 s'],
    [59, '59 s'],
    [60, '1 min'],
    [150, '2 min 30 s'],
    [3600, '1 h 00 min'],
    [4000, '1 h 07 min'],
  ])('formatDuration(%i) = %s', (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });

  it('prints every phase and step with its duration and command, and says nothing ran', () => {
    const site = validateSite(exampleSite('kubernetes')).resolved!;
    const plan = resolvePlan(playbooksForType(site.type), site);
    const text = formatPlanText(plan).join('\n');
    expect(text).toMatch(/^Deploy plan for shop-k3s \(kubernetes\): airgap-prepare \+ k3s-edge\n\d+ phases, 21 steps, expected \d+ min/);
    plan.phases.forEach((p, i) => expect(text).toContain(`Phase ${i + 1}/${plan.phases.length}: ${p.title}`));
    expect(text).toContain('Install k3s from the bundle  (k3s-edge/install-k3s; 1 min, timeout 15 min, 1 retry, root)');
    expect(text).toContain('$ env INSTALL_K3S_SKIP_DOWNLOAD=true INSTALL_K3S_BIN_DIR=/usr/local/bin sh /usr/local/lib/ciab/k3s-install.sh');
    expect(text).toContain('skipped when: systemctl is-active --quiet k3s');
    expect(text.trimEnd().endsWith('Nothing was run: this is the plan only.')).toBe(true);
  });

  it('lists the steps a site leaves out, with the reason', () => {
    const site = validateSite({ ...exampleSite('kubernetes'), services: { netdata: false } }).resolved!;
    const text = formatPlanText(resolvePlan(playbooksForType(site.type), site)).join('\n');
    expect(text).toContain('- not run: Install Netdata from the local APT mirror (services.netdata is off)');
  });

  it('records the plan as plain JSON', () => {
    const site = validateSite(exampleSite('edge')).resolved!;
    const plan = resolvePlan(playbooksForType(site.type), site);
    const record = JSON.parse(JSON.stringify(planRecord(plan))) as { steps: number; phases: { steps: { key: string }[] }[] };
    expect(record.steps).toBe(plan.steps);
    expect(record.phases.flatMap((p) => p.steps.map((s) => s.key))).toEqual(plan.phases.flatMap((p) => p.steps.map((s) => s.key)));
  });
});
