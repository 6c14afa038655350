// SPDX-License-Identifier: Apache-2.0
// The hardware screen and the SSH connection banner in Chromium against the scripted backend:
// a good server, a small one with a dirty disk, the wipe dialog (the exact disk path or nothing),
// switching the requirement profile, copying the report, and the reconnecting / lost / reconnected
// banner. Asserts what the renderer sends; screenshots go to test-results/screens/.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { WorkflowView } from '../../electron/api/contract.js';
import { BAD_CHECKS, BAD_REPORT, GOOD_CHECKS, hardwareView, WIPE_COMMANDS } from './fixture-hardware.js';
import { errorInfo, stepsFor, view } from './fixture-views.js';
import { poll, screensRunnable, screensSkipReason, SHOTS, useScreenHarness } from './screen-harness.js';

const BLOCKED = '3 checks block the install: memory.total, storage.ceph-disk, os.boot-mode.';
const good = (patch: Partial<WorkflowView> = {}): WorkflowView => view({ state: 'hardware.ready', checks: GOOD_CHECKS, hardware: hardwareView({ summary: `All ${GOOD_CHECKS.length} checks passed` }), can: { next: true, back: true, cancel: true }, ...patch });
const bad = (patch: Partial<WorkflowView> = {}): WorkflowView =>
  view({ state: 'hardware.ready', checks: BAD_CHECKS, hardware: hardwareView({ summary: '3 failures block the install' }), steps: stepsFor('hardware', 'current', BLOCKED), can: { next: false, back: true, cancel: true, nextBlockedReason: BLOCKED }, ...patch });

// Records what the page copies instead of touching the system clipboard.
async function stubClipboard(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __copied: string[] };
    w.__copied = [];
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void w.__copied.push(t) } });
  });
}
const copied = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __copied: string[] }).__copied);

describe.skipIf(!screensRunnable)(`hardware screen and SSH connection banner${screensSkipReason}`, () => {
  const h = useScreenHarness();
  const group = (name: string) => h.page.getByRole('region', { name: new RegExp(`^${name.replace(/[&]/g, '\\$&')}`) });
  const row = (id: string) => h.page.locator(`tbody[data-check-id="${id}"]`);

  test('a good server: all checks pass, grouped in spec-sheet order, with the profile and probe timing', async () => {
    await h.open(good());
    const summary = h.page.getByRole('region', { name: 'Result of the hardware checks' });
    expect(await summary.getAttribute('class')).toContain('summary-bar--pass');
    expect(await summary.textContent()).toMatch(/All 13 checks passed.*Probed in 0\.4 s at \d\d:\d\d/s);
    const titles = await h.page.locator('.check-group__title').evaluateAll((els) => els.map((e) => e.firstChild?.textContent));
    expect(titles).toEqual(['CPU', 'Memory', 'Storage', 'Network', 'OS', 'Security & accelerators']);
    expect(await h.page.locator('.checks .state', { hasText: 'Pass' }).count()).toBe(GOOD_CHECKS.length);
    expect(await h.page.getByRole('radio', { name: /CiaB sandbox/ }).isChecked()).toBe(true);
    expect(await h.page.getByText('A single-node edge Kubernetes appliance.', { exact: true }).isVisible()).toBe(true);
    expect(await h.page.locator('.btn--primary').allTextContents()).toEqual(['Next']);
    await h.shot('hardware-good', true);
    // The chosen profile's whole description is one click away.
    await h.page.getByText('What “CiaB sandbox” asks for').click();
    expect(await h.page.getByText('Requires 4 cores, 32 GB RAM', { exact: false }).isVisible()).toBe(true);
  });

  test('a small server with a dirty disk: what blocks comes first and in red, fixes open, warnings folded, the waiver shown', async () => {
    await h.open(bad());
    const summary = h.page.getByRole('region', { name: 'Result of the hardware checks' });
    expect(await summary.getAttribute('class')).toContain('summary-bar--blocking');
    expect(await summary.textContent()).toMatch(/3 failures block the install/);
    expect(await h.page.locator('.check--blocking').evaluateAll((els) => els.map((e) => e.getAttribute('data-check-id')))).toEqual(['memory.total', 'storage.ceph-disk', 'os.boot-mode']);
    expect(await row('memory.total').textContent()).toMatch(/Failed.*Blocks the install.*≥ 32 GB.*16 GB/);
    // Within a group the blocking failure comes before what passes.
    expect(await group('OS').locator('tbody').evaluateAll((els) => els.map((e) => e.getAttribute('data-check-id')))).toEqual(['os.boot-mode', 'os.release']);
    // A check that could not run but does not block says so without the red words.
    expect(await row('network.time').textContent()).not.toContain('Blocks the install');
    // The fix: prose, then the command in monospace with its own copy button.
    expect(await row('memory.total').locator('.check-fix__text').textContent()).toBe('Add memory to at least 32 GB, or pick the Lab profile for a test rig.\nCheck with:');
    expect(await row('memory.total').locator('.code-block code').textContent()).toBe('free -g');
    // A dirty disk shows the exact wipe commands beside its button.
    expect(await row('storage.ceph-disk').locator('.code-block code').allTextContents()).toEqual(['lsblk -o NAME,SIZE,MODEL,SERIAL,FSTYPE,MOUNTPOINTS /dev/sdb', WIPE_COMMANDS.join('\n')]);
    expect(await row('network.speed').getByText('ethtool eno1').isVisible()).toBe(false);
    await h.shot('hardware-bad', true);
    await row('network.speed').getByText('Why it matters and how to fix').click();
    expect(await row('network.speed').getByText('ethtool eno1').isVisible()).toBe(true);
    expect(await row('security.iommu').textContent()).toContain('No PCI passthrough or SR-IOV planned at this site');
    expect(await row('storage.ceph-disk').getByRole('button', { name: 'Wipe disk /dev/sdb…' }).isVisible()).toBe(true);
    expect(await row('memory.total').getByRole('button', { name: 'Waive…' }).isVisible()).toBe(true);
    expect(await h.page.locator('.step-footer__reason').textContent()).toBe(BLOCKED);
    // The verdict lists what blocks, each a jump to its row.
    const blockers = summary.getByRole('list', { name: 'What blocks the install' });
    expect(await blockers.getByRole('button').allTextContents()).toEqual(['Memory', 'Empty disk for Ceph', 'Boot mode']);
    await blockers.getByRole('button', { name: 'Boot mode' }).click();
    expect(await h.page.evaluate(() => document.activeElement?.closest('tbody')?.getAttribute('data-check-id'))).toBe('os.boot-mode');
    await h.page.getByRole('button', { name: 'Dark', exact: true }).click();
    await h.shot('hardware-bad-dark', true);
    // A narrow window (a small laptop beside the rack): the verdict and the tables still fit.
    await h.page.setViewportSize({ width: 760, height: 1000 });
    await h.page.screenshot({ path: `${SHOTS}/hardware-bad-narrow.png`, fullPage: true });
    expect(await h.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(760);
    await h.page.screenshot({ path: `${SHOTS}/hardware-bad-narrow.png` });
  });

  test('wipe dialog: exact commands, what is lost, only the exact disk path enables the red button; the sudo password goes to secrets.set', async () => {
    // sudo on this server wants a password: the dialog asks for it.
    const f = await h.open(bad(), { setup: (fake) => (fake.report = { ...BAD_REPORT, sudo: { user: 'ubuntu', passwordless: false } }) });
    await row('storage.ceph-disk').getByRole('button', { name: 'Wipe disk /dev/sdb…' }).click();
    const dialog = h.page.getByRole('dialog', { name: 'Wipe /dev/sdb?' });
    await dialog.waitFor();
    const text = () => dialog.textContent();
    for (const cmd of WIPE_COMMANDS) expect(await text()).toContain(cmd);
    expect(await text()).toMatch(/erased for good/);
    // The probe's record of the disk, to tell it from the system disk.
    await poll(text).toMatch(/ST1000NM0008-2F2100.*1\.0 TB.*ata-ST1000NM0008-2F2100_ZFL1ABCD.*GPT partition table; LVM physical volume; 2 partitions/s);
    const input = dialog.getByLabel('Type /dev/sdb to confirm');
    const wipe = dialog.getByRole('button', { name: 'Wipe /dev/sdb', exact: true });
    for (const wrong of ['/dev/SDB', '/dev/sd', 'sdb', '/dev/sda']) {
      await input.fill(wrong);
      expect(await wipe.getAttribute('aria-disabled')).toBe('true');
    }
    await input.press('Enter');
    // A click on the disabled button (Playwright would wait for it to become enabled) does nothing either.
    await wipe.click({ force: true });
    expect(f.events.filter((e) => e.type === 'WIPE_DISK')).toEqual([]);
    expect(await dialog.isVisible()).toBe(true);
    await input.fill('/dev/sdb');
    expect(await wipe.getAttribute('aria-disabled')).toBe(null);
    await dialog.getByLabel('sudo password for ubuntu').fill('s3cret-sudo');
    await h.shot('wipe-dialog');
    await wipe.click();
    await poll(() => f.events.filter((e) => e.type === 'WIPE_DISK')).toEqual([{ type: 'WIPE_DISK', disk: '/dev/sdb', confirm: '/dev/sdb' }]);
    expect(f.secrets).toEqual([{ kind: 'sudo-password', value: 's3cret-sudo' }]);
    expect(f.calls.lastIndexOf('secrets.set')).toBeLessThan(f.calls.lastIndexOf('workflow.send'));
    expect(JSON.stringify(f.events)).not.toContain('s3cret-sudo');

    // While the backend wipes: a busy panel naming the disk and the commands running.
    f.setView(bad({ state: 'hardware.wiping', busy: 'Wiping /dev/sdb…', can: { next: false, back: false, cancel: true } }));
    await poll(() => h.page.getByRole('heading', { level: 1 }).textContent()).toBe('Wiping /dev/sdb');
    expect(await h.page.getByLabel('Commands running on the server').textContent()).toContain('$ sgdisk --zap-all /dev/sdb');
    await h.shot('hardware-wiping');
    // After the automatic re-probe the disk check passes.
    const clean = BAD_CHECKS.map((c) => (c.id === 'storage.ceph-disk' ? { ...c, state: 'pass' as const, found: '/dev/sdb: 1.0 TB, empty', wipe: undefined, blocking: undefined } : c));
    f.setView(bad({ checks: clean, hardware: hardwareView({ summary: '2 failures block the install' }) }));
    await poll(() => row('storage.ceph-disk').locator('.state').textContent()).toBe('Pass');
    expect(await h.page.getByRole('button', { name: /Wipe disk/ }).count()).toBe(0);
  });

  test('a failed wipe stays on screen with the command, exit code and output; Probe again retries', async () => {
    const error = errorInfo('hardware', { title: 'Wiping the disk failed', message: 'wipefs could not open /dev/sdb: the device is busy.', command: 'wipefs --all --force /dev/sdb', exitCode: 1, lastLines: ['wipefs: error: /dev/sdb: probing initialization failed: Device or resource busy'], nextAction: 'Check that nothing on /dev/sdb is mounted or used by LVM (lsblk /dev/sdb), then probe again.' });
    const f = await h.open(bad({ state: 'hardware.failed', steps: stepsFor('hardware', 'failed'), error, can: { next: false, back: true, cancel: true } }));
    expect(await h.page.getByRole('heading', { level: 1 }).textContent()).toBe('Wiping the disk failed');
    const panel = h.page.getByRole('alert').filter({ hasText: error.title });
    for (const text of ['device is busy', 'wipefs --all --force /dev/sdb', 'Device or resource busy', 'lsblk /dev/sdb']) expect(await panel.textContent()).toContain(text);
    await h.shot('hardware-wipe-failed');
    await h.page.getByRole('button', { name: 'Probe again' }).click();
    await poll(() => f.events.at(-1)).toEqual({ type: 'RETRY' });
  });

  test('switching the requirement profile sends SET_PROFILE and shows the re-evaluated result', async () => {
    const f = await h.open(bad());
    f.onSend = (e, current) =>
      e.type === 'SET_PROFILE' ? { accepted: true, view: { ...current, checks: BAD_CHECKS.map((c) => (c.id === 'memory.total' ? { ...c, state: 'pass', required: '≥ 8 GB', blocking: undefined } : c)), hardware: hardwareView({ profileId: e.profileId, summary: '2 failures block the install' }) } } : { accepted: true };
    await h.page.getByText('Lab / VM (relaxed)', { exact: true }).click();
    await poll(() => f.events).toEqual([{ type: 'SET_PROFILE', profileId: 'lab' }]);
    await poll(() => h.page.getByRole('radio', { name: /^Lab/ }).isChecked()).toBe(true);
    expect(await h.page.getByRole('region', { name: 'Result of the hardware checks' }).textContent()).toContain('2 failures block the install');
    expect(await row('memory.total').locator('.state').textContent()).toBe('Pass');
  });

  test('copy report: Markdown with a table per group, the waiver and the probe errors; JSON with profile, summary, checks and report', async () => {
    const f = await h.open(bad(), { beforeLoad: stubClipboard, setup: (fake) => (fake.report = BAD_REPORT) });
    const copy = h.page.getByRole('group', { name: 'Copy report' });
    await copy.getByRole('button', { name: /Markdown/ }).click();
    await poll(async () => (await copied(h.page)).length).toBe(1);
    const md = (await copied(h.page))[0]!;
    // The backend's formatter (tested in test/unit/backend/hardware/evaluate): heading, summary, tables, waivers.
    expect(md).toMatch(/^# Hardware check: lab-small-01\n/);
    expect(md).toContain('**3 failures block the install**');
    expect(md).toContain('| State | Check | Required | Found |');
    expect(md).toContain("(`memory.total`)");
    expect(md).toContain('No PCI passthrough or SR-IOV planned at this site (ticket OPS-1234).');
    expect(md).toContain('timedatectl: command not found');
    expect(await copy.getByRole('button', { name: /Copied/ }).isVisible()).toBe(true);

    await copy.getByRole('button', { name: /JSON/ }).click();
    await poll(async () => (await copied(h.page)).length).toBe(2);
    const json = JSON.parse((await copied(h.page))[1]!) as { profile: { id: string }; summary: string; report: unknown };
    expect(json.profile.id).toBe('ciab-sandbox');
    expect(json.summary).toBe('3 failures block the install');
    expect(json.report).toMatchObject({ host: { hostname: 'lab-small-01' } });
    expect(f.calls.filter((c) => c === 'hardware.report')).toHaveLength(2);
  });

  test('SSH connection: a calm banner while reconnecting, an error panel with the next action when lost, "Reconnected after 12 s" when back', async () => {
    const since = '2026-11-22T14:03:12.000Z';
    const f = await h.open(good({ connection: { status: 'reconnecting', attempt: 3, since, message: 'ssh: connect to host 10.20.0.5 port 22: Connection timed out.' } }));
    const banner = h.page.locator('.ssh-banner');
    expect(await banner.textContent()).toMatch(/Connection to ubuntu@10\.20\.0\.5 lost — reconnecting \(attempt 3, since \d\d:\d\d:12\)….*Connection timed out/s);
    expect(await banner.getAttribute('role')).toBe('status');
    // Not the page ↔ backend overlay: the screen stays usable behind it.
    expect(await h.page.getByRole('alertdialog').count()).toBe(0);
    expect(await h.page.locator('.app').getAttribute('inert')).toBeNull();
    await h.shot('ssh-reconnecting');

    f.setView(good({ connection: { status: 'lost', attempt: 8, since, message: 'No route to host.' } }));
    const lost = h.page.getByRole('alert').filter({ hasText: 'is lost' });
    await poll(() => lost.textContent()).toMatch(/The connection to ubuntu@10\.20\.0\.5 is lost.*No route to host\..*after 8 attempts.*What to do next/s);
    await h.shot('ssh-lost');
    await lost.getByRole('button', { name: 'Reconnect' }).click();
    await poll(() => f.calls.at(-1)).toBe('connection.reconnect');

    f.setView(good({ connection: { status: 'reconnecting', attempt: 9, since } }));
    await poll(() => banner.textContent()).toMatch(/attempt 9/);
    f.setView(good({ connection: { status: 'connected', attempt: 0, since: '2026-11-22T14:03:24.000Z' } }));
    await poll(() => banner.textContent()).toBe('Reconnected to ubuntu@10.20.0.5 after 12 s.');
    await h.shot('ssh-reconnected');
    // It clears by itself.
    await poll(() => banner.count()).toBe(0);
  });
});
