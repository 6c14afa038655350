// SPDX-License-Identifier: Apache-2.0
// The site form in Chromium against the scripted backend, whose SET_SITE answer comes from the
// real site validator: pre-fill from the probe, an invalid VIP shown under its field and in the
// summary (a link that focuses it), YAML view round trip with comments kept, syntax and
// validation errors with their lines, import of a broken file, export without the registry
// password (which goes to secrets.set only). Screenshots go to test-results/screens/.
import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import type { WorkflowView } from '../../electron/api/contract.js';
import type { FakeBackend } from './fake-backend.js';
import { SITE_REPORT, validatingSend } from './fixture-site.js';
import { view } from './fixture-views.js';
import { poll, screensRunnable, screensSkipReason, useScreenHarness } from './screen-harness.js';

const BY_ID = '/dev/disk/by-id/nvme-SAMSUNG_MZQL21T9HCJR_S64GNE0R812345';
// A view as the backend shows it: a given config comes validated.
const siteView = (config: Record<string, unknown> | null = null): WorkflowView => {
  const base = view({ state: 'site', site: { config: null, valid: false, errors: [] }, can: { next: false, back: true, cancel: true, nextBlockedReason: 'The site configuration has problems: fix the fields marked in red.' } });
  return config === null ? base : validatingSend({ type: 'SET_SITE', site: config }, base).view!;
};
const lastSite = (f: FakeBackend): Record<string, unknown> | undefined => {
  const e = f.events.filter((x) => x.type === 'SET_SITE').at(-1);
  return e?.type === 'SET_SITE' ? (e.site as Record<string, unknown>) : undefined;
};

describe.skipIf(!screensRunnable)(`site form against a scripted backend${screensSkipReason}`, () => {
  const h = useScreenHarness();
  const open = (config: Record<string, unknown> | null = null, dark = false): Promise<FakeBackend> =>
    h.open(siteView(config), {
      dark,
      setup: (f) => {
        f.report = SITE_REPORT;
        f.onSend = validatingSend;
      },
    });
  const field = (label: string | RegExp) => h.page.getByLabel(label, { exact: typeof label === 'string' });
  const describedText = (label: string) =>
    field(label).evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );

  test('pre-filled from the probe; an invalid VIP shows under its field and in the summary, whose link focuses it', async () => {
    const f = await open();
    await poll(() => lastSite(f)).toEqual({ type: 'sandbox', management: { interface: 'eno1' }, node: { hostname: 'fra1-ciab-01' }, storage: { disk: BY_ID }, dns: { servers: ['10.20.0.2', '10.20.0.3'] } });
    expect(f.calls.filter((c) => c === 'hardware.report')).toHaveLength(1);
    expect(await field('Management NIC').inputValue()).toBe('eno1');
    expect(await h.page.locator('.site-field__label-row:has(label[for="site-management-interface"]) .site-badge--probe').textContent()).toBe('from the probe');
    expect(await h.page.getByRole('option', { name: /^eno1 · link up · 10 Gbit\/s · 10\.20\.0\.5\/24 · default route$/ }).count()).toBe(1);
    expect(await field('Ceph disk').inputValue()).toBe(BY_ID);
    // Nothing typed yet: what is missing reads as a to-do list, not as red errors.
    expect(await h.page.getByRole('region', { name: 'Still to fill in' }).textContent()).toMatch(/Site name.*NTP/);
    expect(await field('Virtual IP').getAttribute('placeholder')).toBe('default: 192.168.16.254');

    await field('Site name').fill('fra1-edge');
    await field('Virtual IP').fill('192.168.16.300');
    await poll(() => field('Virtual IP').getAttribute('aria-invalid')).toBe('true');
    expect(await describedText('Virtual IP')).toContain('Must be an IPv4 address such as 192.168.16.10.');
    const summary = h.page.locator('.site-summary--errors');
    await poll(() => summary.textContent()).toMatch(/Internal network › Virtual IP: must be an IPv4 address/);
    expect(await summary.textContent()).toMatch(/NTP servers: is required/);
    await h.shot('site-form-errors-full', true);
    // Sections fold; a folded one with a problem in it would say so on its header.
    for (const name of ['General', 'Node & management network']) await h.page.getByRole('button', { name, exact: true }).click();
    expect(await h.page.locator('#site-networks-internal-vip').isVisible()).toBe(true);
    await h.page.locator('.site-toolbar').evaluate((el) => {
      const screen = el.closest('.screen')!;
      screen.scrollTop += el.getBoundingClientRect().top - screen.getBoundingClientRect().top - 16;
    });
    await h.shot('site-form-errors');
    await h.page.getByRole('button', { name: /^Networks/ }).click();
    expect(await h.page.locator('#site-networks-internal-vip').isVisible()).toBe(false);
    await summary.getByRole('button', { name: 'Internal network › Virtual IP' }).click();
    expect(await h.page.evaluate(() => document.activeElement?.id)).toBe('site-networks-internal-vip');

    await field('NTP servers').fill('10.20.0.2');
    await field('Virtual IP').fill('192.168.16.250');
    await poll(() => h.page.getByRole('status').filter({ hasText: 'The site configuration is valid.' }).count()).toBe(1);
    expect(lastSite(f)).toMatchObject({ name: 'fra1-edge', networks: { internal: { vip: '192.168.16.250' } }, ntp: { servers: ['10.20.0.2'] } });
    expect(await h.page.getByRole('button', { name: 'Next', exact: true }).getAttribute('aria-disabled')).toBe(null);
    // In the YAML, keys the form added sit where the schema lists them, not in typing order.
    await h.page.getByRole('button', { name: 'YAML', exact: true }).click();
    expect(await h.page.getByLabel('Site configuration as YAML').inputValue()).toMatch(/^name: fra1-edge\ntype: sandbox\nnode:\n {2}hostname: fra1-ciab-01\nmanagement:\n {2}interface: eno1\nnetworks:\n/);
  });

  test('YAML view round trip: form edits show in the YAML, YAML edits update the form and keep their comments', async () => {
    const f = await open({ name: 'lab-1', type: 'sandbox', management: { interface: 'eno1' }, dns: { servers: ['10.20.0.2'] }, ntp: { servers: ['10.20.0.2'] }, storage: { disk: BY_ID } });
    await field('Virtual IP').fill('192.168.16.250');
    await h.page.getByRole('button', { name: 'YAML', exact: true }).click();
    const yaml = h.page.getByLabel('Site configuration as YAML');
    expect(await yaml.inputValue()).toContain('    vip: 192.168.16.250\n');

    const edited = (await yaml.inputValue()).replace('name: lab-1', '# Rack 3, bottom unit\nname: lab-2').replace('vip: 192.168.16.250', 'vip: 192.168.16.250 # the API VIP\n    vlan: 300');
    await yaml.fill(edited);
    await poll(() => lastSite(f)?.name).toBe('lab-2');
    expect(lastSite(f)).toMatchObject({ networks: { internal: { vip: '192.168.16.250', vlan: 300 } } });
    await h.page.getByRole('button', { name: 'Form', exact: true }).click();
    expect(await field('Site name').inputValue()).toBe('lab-2');
    expect(await h.page.locator('#site-networks-internal-vlan').inputValue()).toBe('300');

    await field('Node address').fill('192.168.16.11');
    await h.page.getByRole('button', { name: 'YAML', exact: true }).click();
    const after = await yaml.inputValue();
    expect(after).toContain('# Rack 3, bottom unit\nname: lab-2');
    expect(after).toContain('vip: 192.168.16.250 # the API VIP');
    expect(after).toContain('address: 192.168.16.11');

    // A syntax error names its line, keeps the text, and the form keeps the last version that parsed.
    const broken = after.replace('name: lab-2', 'name: [lab-2');
    await yaml.fill(broken);
    const problem = h.page.locator('.site-yaml__problem');
    await poll(() => problem.textContent()).toMatch(/^Line \d+: this is not valid YAML\./);
    const line = /^Line (\d+)/.exec((await problem.textContent())!)![1]!;
    expect(await yaml.inputValue()).toBe(broken);
    expect(await h.page.locator('.site-yaml__ln--bad').allTextContents()).toEqual([line]);
    await h.page.getByRole('button', { name: 'Form', exact: true }).click();
    expect(await problem.textContent()).toContain('Fix it, or undo the YAML changes, before going back to the form');
    expect(lastSite(f)?.name).toBe('lab-2');
    await h.page.getByRole('button', { name: 'Undo the YAML changes' }).click();
    expect(await yaml.inputValue()).toBe(after);

    // A validation error shows with the line of its field.
    await yaml.fill(after.replace('vip: 192.168.16.250', 'vip: 192.168.16.300'));
    const vipLine = after.split('\n').findIndex((l) => l.includes('vip:')) + 1;
    const list = h.page.getByRole('list', { name: 'Problems in the site configuration' });
    await poll(() => list.textContent()).toContain(`Line ${vipLine}Internal network › Virtual IP: must be an IPv4 address`);
    await h.shot('site-yaml');
    await list.getByRole('button', { name: `Line ${vipLine}` }).click();
    const selected = await yaml.evaluate((el) => (el as HTMLTextAreaElement).value.slice((el as HTMLTextAreaElement).selectionStart, (el as HTMLTextAreaElement).selectionEnd));
    expect(selected).toBe('    vip: 192.168.16.300 # the API VIP');
  });

  test('import: a broken file names its line and leaves the form; JSON fills it; the registry password goes to secrets.set, never into SET_SITE or the export', async () => {
    const f = await open({ name: 'lab-1', type: 'sandbox', management: { interface: 'eno1' }, dns: { servers: ['10.20.0.2'] }, ntp: { servers: ['10.20.0.2'] }, storage: { disk: BY_ID } });
    const input = h.page.getByLabel('Site file to import');
    await input.setInputFiles({ name: 'broken.site.yaml', mimeType: 'text/yaml', buffer: Buffer.from('name: x\ntype: edge\nmanagement:\n  interface: [eno1\ndns: {}\n') });
    await poll(() => h.page.getByRole('alert').filter({ hasText: 'broken.site.yaml' }).textContent()).toMatch(/broken\.site\.yaml could not be read \(line \d\)/);
    expect(await h.page.getByLabel('Site configuration as YAML').inputValue()).toContain('interface: [eno1');
    expect(lastSite(f)).toBeUndefined();
    await h.page.getByRole('button', { name: 'Undo the YAML changes' }).click();

    const site = { name: 'shop-k3s', type: 'kubernetes', management: { interface: 'eno1' }, dns: { servers: ['192.168.1.1'] }, ntp: { servers: ['192.168.1.1'] }, registry: { host: 'registry.shop.lan:5000', username: 'pull', password: 'hunter2-secret' } };
    await input.setInputFiles({ name: 'shop.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(site, null, 2)) });
    await poll(() => lastSite(f)?.name).toBe('shop-k3s');
    expect(f.secrets).toEqual([{ kind: 'registry-password', value: 'hunter2-secret' }]);
    expect(await h.page.getByText('Imported shop.json. Its registry password was handed to the installer').isVisible()).toBe(true);
    await h.page.getByRole('button', { name: 'Form', exact: true }).click();
    expect(await field('User name').inputValue()).toBe('pull');
    expect(await h.page.getByText('Password stored for this session.').isVisible()).toBe(true);
    // Kubernetes: no Ceph disk, no external network; its own VIP default.
    expect(await h.page.locator('#site-storage-disk').count()).toBe(0);
    expect(await h.page.locator('#site-networks-external-cidr').count()).toBe(0);
    expect(await field('Virtual IP').getAttribute('placeholder')).toBe('default: 192.168.16.8');

    await field('Password').fill('an0ther-secret');
    await field('Password').press('Tab');
    await poll(() => f.secrets.length).toBe(2);
    expect(f.secrets[1]).toEqual({ kind: 'registry-password', value: 'an0ther-secret' });
    // Cleared once the backend has taken it (after secrets.set answers, not when it is sent).
    await poll(() => field('Password').inputValue()).toBe('');

    const [download] = await Promise.all([h.page.waitForEvent('download'), h.page.getByRole('button', { name: 'Export', exact: true }).click()]);
    expect(download.suggestedFilename()).toBe('shop-k3s.site.yaml');
    const exported = await readFile((await download.path())!, 'utf8');
    expect(exported).toMatch(/^name: shop-k3s\ntype: kubernetes\n/);
    expect(exported).toContain('username: pull');
    for (const text of [exported, JSON.stringify(f.events)]) expect(text).not.toMatch(/hunter2|an0ther|password/);

    // A password typed into the YAML moves to the secret store when the operator leaves the text.
    await h.page.getByRole('button', { name: 'YAML', exact: true }).click();
    const yaml = h.page.getByLabel('Site configuration as YAML');
    await yaml.fill((await yaml.inputValue()).replace('username: pull', 'username: pull\n  password: typed-in-yaml'));
    await h.page.getByRole('button', { name: 'Form', exact: true }).click();
    await poll(() => f.secrets.at(-1)).toEqual({ kind: 'registry-password', value: 'typed-in-yaml' });
    await h.page.getByRole('button', { name: 'YAML', exact: true }).click();
    expect(await yaml.inputValue()).not.toContain('password');
    expect(await h.page.getByText('The registry password was handed to the installer for this session and taken out of the YAML').isVisible()).toBe(true);
    expect(JSON.stringify(f.events)).not.toContain('typed-in-yaml');
  });

  test('dark theme: errors, probe badges and collapsed sections stay readable', async () => {
    await open({ name: 'fra1-edge', type: 'edge', management: { interface: 'eno1', dhcp: false, address: '10.20.0.5/24' }, networks: { internal: { vip: '10.64.0.999' } }, dns: { servers: ['10.20.0.2'] }, ntp: { servers: ['10.20.0.2'] }, storage: { disk: '/dev/sda' } }, true);
    await poll(() => h.page.locator('.site-summary--errors').isVisible()).toBe(true);
    await h.shot('site-form-errors-dark-full', true);
    await h.shot('site-form-errors-dark');
  });
});
