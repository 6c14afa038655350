// SPDX-License-Identifier: Apache-2.0
// The review screen in Chromium against the scripted backend: rendering in progress, the site
// card, the rendered file tree (folders fold, change badges, locks on vault files), a file's
// content and its diff against the previous render, the first render, a failed render, and a
// leak finding that blocks Start with its reason and opens the file at its line.
import { describe, expect, test } from 'vitest';
import { errorInfo } from './fixture-views.js';
import { LEAK, reviewView, siteReview } from './fixture-review.js';
import { poll, screensRunnable, screensSkipReason, useScreenHarness } from './screen-harness.js';

const READY = { status: 'ready' as const, files: 11, leaks: 0, changed: 5, digest: siteReview().digest!, error: null };

describe.skipIf(!screensRunnable)(`review screen against a scripted backend${screensSkipReason}`, () => {
  const h = useScreenHarness();
  const tree = () => h.page.getByRole('navigation', { name: 'Rendered files' });
  const start = () => h.page.getByRole('button', { name: 'Start the deploy' });

  test('rendering, then the tree, a file’s content and its diff against the previous render; a clean leak check lets Start go', async () => {
    const f = await h.open(reviewView({ status: 'rendering', files: 0, leaks: 0, error: null }), { setup: (fake) => (fake.review = siteReview()) });
    expect(await h.page.getByRole('status').filter({ hasText: 'Rendering the configuration' }).isVisible()).toBe(true);
    expect(await start().getAttribute('aria-disabled')).toBe('true');
    expect(await h.page.locator('.step-footer__reason').textContent()).toBe('Wait for the configuration to be rendered.');

    f.setView(reviewView(READY));
    await tree().waitFor();
    expect(f.calls.filter((c) => c === 'site.review')).toHaveLength(1);
    const site = h.page.getByRole('region', { name: 'Site', exact: true });
    for (const text of ['fra1-edge', 'edge.fra1.example.net', 'api.edge.fra1.example.net (default)', 'enp65s0f0 · 172.16.40.20/24 via 172.16.40.1', '10.64.0.0/20 · VLAN 200 · VIP 10.64.0.254', 'registry.fra1.example.net:5000', 'file:/srv/ciab/apt (default)']) expect(await site.textContent()).toContain(text);
    expect(await h.page.locator('.review-render__counts').textContent()).toBe('11 files · 5 files changed since 2026-11-21 ' + (await h.page.evaluate(() => String(new Date('2026-11-21T09:12:00.000Z').getHours()).padStart(2, '0'))) + ':12');
    expect(await h.page.getByText('No public endpoints found.').isVisible()).toBe(true);
    expect(await h.page.getByText('/home/operator/.local/share/ciab-installer/renders/fra1-edge/tree').isVisible()).toBe(true);

    // The first changed file is open; folders fold; badges and locks.
    expect(await tree().locator('[aria-current="true"]').textContent()).toContain('render.json');
    const secrets = tree().getByRole('button', { name: /^secrets\.yml/ }).first();
    expect(await secrets.textContent()).toContain('(vault-encrypted)');
    expect(await tree().getByRole('button', { name: /^ubuntu-archive\.list/ }).textContent()).toContain('removed');
    const kolla = tree().getByRole('button', { name: /^kolla\// });
    expect(await kolla.getAttribute('aria-expanded')).toBe('true');
    await kolla.click();
    expect(await kolla.getAttribute('aria-expanded')).toBe('false');
    expect(await tree().getByRole('button', { name: /^configuration\.yml/ }).count()).toBe(2);
    await kolla.click();

    await tree().getByRole('button', { name: /^chrony\.conf/ }).click();
    const viewer = h.page.getByRole('region', { name: 'Rendered file host/etc/chrony/chrony.conf' });
    expect(await viewer.textContent()).toContain('Installed as /etc/chrony/chrony.conf');
    expect(await viewer.locator('.code-line').nth(2).textContent()).toBe('3pool 2.ubuntu.pool.ntp.org iburst');

    await tree().getByRole('button', { name: /^configuration\.yml.*changed/ }).click();
    await viewer.page().getByRole('button', { name: 'Diff', exact: true }).click();
    const diff = h.page.getByRole('region', { name: 'Changes to environments/kolla/configuration.yml' });
    expect(await diff.locator('.code-line--add').allTextContents()).toEqual(['3+added: kolla_internal_vip_address: 10.64.0.254', '8+added: enable_designate: "no"', '9+added: enable_barbican: "yes"']);
    expect(await diff.locator('.code-line--del').allTextContents()).toEqual(['3−removed: kolla_internal_vip_address: 10.64.0.250', '8−removed: enable_designate: "yes"']);
    expect(await h.page.locator('.review-viewer__stat').textContent()).toMatch(/^\+3 −2 lines against the render of 2026-11-21/);
    await h.shot('review-diff-full', true);
    await h.page.locator('#review-render-title').evaluate((el) => {
      const screen = el.closest('.screen')!;
      screen.scrollTop += el.getBoundingClientRect().top - screen.getBoundingClientRect().top - 16;
    });
    await h.shot('review-diff');

    // Folders where nothing changed start folded.
    const netplan = tree().getByRole('button', { name: /^netplan\// });
    expect(await netplan.getAttribute('aria-expanded')).toBe('false');
    await netplan.click();
    await tree().getByRole('button', { name: /^60-ciab\.yaml/ }).click();
    expect(await h.page.getByText('Unchanged since the previous render').isVisible()).toBe(true);

    expect(await start().getAttribute('aria-disabled')).toBe(null);
    await start().click();
    await poll(() => f.events.at(-1)).toEqual({ type: 'START_DEPLOY' });
  });

  const leakBlocks = async (dark: boolean): Promise<void> => {
    const f = await h.open(reviewView({ ...READY, leaks: 1 }), { dark, setup: (fake) => (fake.review = siteReview([LEAK])) });
    const panel = h.page.getByRole('alert').filter({ hasText: 'public endpoint' });
    await panel.waitFor();
    expect(await panel.textContent()).toContain('1 public endpoint in the rendered configuration — the deploy cannot start.');
    expect(await panel.textContent()).toContain('A public NTP pool');
    // Said at the top of the screen too, with a way to the findings below the cards.
    await h.page.getByRole('note').filter({ hasText: 'The leak check found a public endpoint' }).getByRole('button', { name: 'Show it' }).click();
    expect(await h.page.evaluate(() => document.activeElement?.id)).toBe('leak-findings');
    expect(await start().getAttribute('aria-disabled')).toBe('true');
    const reason = await h.page.locator(`[id="${await start().getAttribute('aria-describedby')}"]`).textContent();
    expect(reason).toMatch(/^The leak check found 1 public endpoint/);
    // Still focusable so its reason is read out; pressing it does nothing.
    await start().focus();
    await h.page.keyboard.press('Enter');
    await start().dispatchEvent('click');
    await h.page.waitForTimeout(200);
    expect(f.events.filter((e) => e.type === 'START_DEPLOY')).toEqual([]);

    // The leak's file opens at its line, highlighted.
    await tree().getByRole('button', { name: /^render\.json/ }).click();
    await panel.getByRole('button', { name: 'host/etc/chrony/chrony.conf:3:6' }).click();
    expect(await h.page.locator('.code-line--target').textContent()).toBe('3pool 2.ubuntu.pool.ntp.org iburst');
    expect(await tree().locator('[aria-current="true"]').textContent()).toContain('chrony.conf');
    await h.shot(dark ? 'review-leak-dark-full' : 'review-leak-full', true);
    await h.page.locator('#leak-findings').evaluate((el) => {
      const screen = el.closest('.screen')!;
      screen.scrollTop += el.getBoundingClientRect().top - screen.getBoundingClientRect().top - 16;
    });
    await h.shot(dark ? 'review-leak-dark' : 'review-leak');
    await panel.getByRole('button', { name: 'Change the site' }).click();
    await poll(() => f.events.at(-1)).toEqual({ type: 'GOTO', step: 'site' });
  };

  test('a leak finding blocks Start with the reason, and its link opens the file at the line', () => leakBlocks(false));
  test('the leak finding in the dark theme', () => leakBlocks(true));

  test('the first render of a site has nothing to compare with; a failed render shows its error and Render again', async () => {
    const f = await h.open(reviewView({ ...READY, changed: 11 }), { setup: (fake) => (fake.review = siteReview([], { previousAt: null, files: siteReview().files.filter((x) => x.change !== 'removed').map((x) => ({ ...x, change: 'added' as const, diff: undefined })) })) });
    await tree().waitFor();
    expect(await h.page.locator('.review-render__counts').textContent()).toBe('11 files · first render of this site');
    await h.page.getByRole('button', { name: 'Diff', exact: true }).click();
    expect(await h.page.getByText('First render of this site: there is no earlier render to compare with.').isVisible()).toBe(true);

    const error = errorInfo('review', { title: 'Rendering the configuration failed', message: 'The site configuration is not valid: /networks/internal/vip must be an IPv4 address', command: undefined, exitCode: undefined, lastLines: [], nextAction: 'Go back to the site step and fix the field.' });
    f.setView(reviewView({ status: 'failed', files: 0, leaks: 0, error }, { error }));
    await poll(() => h.page.getByRole('alert').filter({ hasText: 'Rendering the configuration failed' }).isVisible()).toBe(true);
    await h.page.getByRole('button', { name: 'Render again' }).click();
    await poll(() => f.events.at(-1)).toEqual({ type: 'RETRY' });
  });
});
