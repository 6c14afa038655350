// SPDX-License-Identifier: Apache-2.0
// The hardware screen in Debian Chromium against the real web mode, with the embedded demo server
// simulating hardware (`ciab serve --demo-hardware <good|small-dirty>`): walk the demo to the
// hardware checks, take screenshots, and on the small server with a dirty disk wipe the disk
// through the dialog and see its check pass after the automatic re-probe. Screenshots go to
// test-results/e2e/ (docs/screenshots/ takes its hardware pictures from there).
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, chromiumSkipReason, launchBrowser, watchPage, type PageProblems } from '../helpers/browser.js';
import { startWebMode, type WebMode } from '../helpers/web-mode.js';

// Generous: these machines are small and other test files run meanwhile.
const poll = <T>(fn: () => T | Promise<T>, timeout = 20_000) => expect.poll(fn, { timeout, interval: 100 });
const SHOTS = path.resolve('test-results', 'e2e');

describe.skipIf(!chromiumAvailable)(`hardware screen against web mode with simulated hardware${chromiumSkipReason}`, () => {
  let browser: Browser;
  let server: WebMode | null = null;
  let context: BrowserContext | null = null;
  let page: Page;
  let problems: PageProblems | null = null;

  const heading = (name: RegExp) => page.getByRole('heading', { level: 1, name });
  const shot = async (name: string, tall = false): Promise<void> => {
    if (tall) {
      const height = await page.evaluate(() => {
        const screen = document.querySelector('.screen');
        return document.documentElement.clientHeight + (screen ? screen.scrollHeight - screen.clientHeight : 0);
      });
      await page.setViewportSize({ width: 1280, height: Math.max(900, height) });
    }
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
    if (tall) await page.setViewportSize({ width: 1280, height: 900 });
  };

  // Starts web mode simulating `hardware`, opens the page and walks the demo to the hardware checks.
  const demoToHardware = async (hardware: string): Promise<void> => {
    server = await startWebMode({ serveArgs: ['--demo-hardware', hardware] });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    page = await context.newPage();
    problems = await watchPage(page);
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Start the demo' }).click();
    await poll(() => heading(/Connect to the target server/).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await poll(() => heading(/Verify the server’s identity/).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Trust and connect' }).click();
    await poll(() => heading(/^Connected$/).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await poll(() => heading(/^Hardware checks$/).isVisible()).toBe(true);
    await poll(() => page.locator('tbody.check').count()).toBeGreaterThan(5);
  };

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterEach(async () => {
    const seen = problems?.all() ?? [];
    problems = null;
    await context?.close();
    context = null;
    await server?.stop();
    if (server) await rm(server.dataDir, { recursive: true, force: true });
    server = null;
    expect(seen).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a good CiaB server: nothing blocks the install, every group shows, Next is open', async () => {
    await demoToHardware('good');
    const summary = page.getByRole('region', { name: 'Result of the hardware checks' });
    expect(await summary.getAttribute('class')).not.toContain('summary-bar--blocking');
    expect(await summary.textContent()).toMatch(/Probed in (under )?\d+(\.\d)? s at \d\d:\d\d/);
    expect(await page.locator('.check--blocking').count()).toBe(0);
    const groups = await page.locator('.check-group__title').evaluateAll((els) => els.map((e) => e.firstChild?.textContent));
    expect(groups.slice(0, 5)).toEqual(['CPU', 'Memory', 'Storage', 'Network', 'OS']);
    expect(await page.getByRole('group', { name: /Requirement profile/ }).getByRole('radio').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Next', exact: true }).getAttribute('aria-disabled')).toBe(null);
    await shot('hardware-good');
    await shot('hardware-good-full', true);
    await page.getByRole('button', { name: 'Dark', exact: true }).click();
    await shot('hardware-good-dark');
    await page.getByRole('button', { name: 'Light', exact: true }).click();
  });

  test('a small server with a dirty disk: failures block; wiping the disk through the dialog makes its check pass after the re-probe', { timeout: 90_000 }, async () => {
    await demoToHardware('small-dirty');
    const summary = page.getByRole('region', { name: 'Result of the hardware checks' });
    expect(await summary.getAttribute('class')).toContain('summary-bar--blocking');
    expect(await summary.textContent()).toMatch(/block the install/);
    expect(await page.getByRole('button', { name: 'Next', exact: true }).getAttribute('aria-disabled')).toBe('true');
    const blockingBefore = await page.locator('.check--blocking').count();
    await shot('hardware-bad');
    await shot('hardware-bad-full', true);

    const wipeButton = page.getByRole('button', { name: /^Wipe disk \/dev\// }).first();
    const checkId = await page.locator('tbody.check', { has: wipeButton }).getAttribute('data-check-id');
    expect(checkId).toBeTruthy();
    const disk = ((await wipeButton.textContent()) ?? '').replace(/^Wipe disk /, '').replace(/…$/, '');
    expect(disk).toMatch(/^\/dev\//);
    await wipeButton.click();

    const dialog = page.getByRole('dialog', { name: `Wipe ${disk}?` });
    await dialog.waitFor();
    const confirm = dialog.getByRole('button', { name: `Wipe ${disk}`, exact: true });
    const input = dialog.getByLabel(`Type ${disk} to confirm`);
    await input.fill(disk.toUpperCase());
    expect(await confirm.getAttribute('aria-disabled')).toBe('true');
    await input.fill(disk);
    expect(await confirm.getAttribute('aria-disabled')).toBe(null);
    // This simulated server's sudo wants a password (any will do); the probe told the dialog so.
    const sudo = dialog.getByLabel(/^sudo password/);
    await poll(() => sudo.isVisible()).toBe(true);
    await sudo.fill('demo-sudo-password');
    await shot('wipe-dialog');
    await confirm.click();

    // The backend wipes over SSH and probes again: no disk is left to wipe, and the check passes and
    // names the disk (a per-disk check such as storage.dirty-disks.sdb becomes storage.dirty-disks).
    await poll(() => page.getByRole('button', { name: /^Wipe disk/ }).count()).toBe(0);
    await poll(() => heading(/^Hardware checks$/).isVisible()).toBe(true);
    const passing = page.locator('tbody.check--pass', { hasText: disk });
    await poll(() => passing.count()).toBeGreaterThan(0);
    const ids = await passing.evaluateAll((els) => els.map((e) => e.getAttribute('data-check-id') ?? ''));
    expect(ids.some((id) => id === checkId || checkId!.startsWith(`${id}.`)), `${checkId} or its disk-less form passes (passing: ${ids.join(', ')})`).toBe(true);
    expect(await page.locator('.check--blocking').count()).toBeLessThan(blockingBefore);
    await shot('hardware-bad-after-wipe', true);
  });
});
