// SPDX-License-Identifier: Apache-2.0
// Acceptance test of the wizard in Debian Chromium against the real web mode (`ciab serve`):
// welcome (keyboard only) → demo → target connects to the embedded demo server, shows its
// host-key fingerprint, the operator trusts it → hardware; then the backend is killed (SIGKILL),
// restarted on the same data dir, the welcome offers to resume, and resuming lands on hardware;
// the site step shows an inline error and a blocked Next with its reason. Screenshots of every
// screen go to test-results/; the page must log no errors and no CSP violations.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, chromiumSkipReason, launchBrowser, watchPage, type PageProblems } from '../helpers/browser.js';
import { startWebMode, type WebMode } from '../helpers/web-mode.js';

// Generous: these machines are small and other test files run meanwhile.
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 50 });
const SHOTS = path.resolve('test-results', 'e2e');
// A fast simulated deploy with one scripted failure (wait-manager has no automatic retry).
const SERVE_ARGS = ['--demo-speed', '20000', '--demo-fault', 'osism-ciab.wait-manager=fail-once'];

describe.skipIf(!chromiumAvailable)(`wizard in Chromium against web mode${chromiumSkipReason}`, () => {
  let server: WebMode;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  const shot = async (name: string): Promise<void> => {
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
  };
  const heading = (name: RegExp) => page.getByRole('heading', { level: 1, name });

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    server = await startWebMode({ serveArgs: SERVE_ARGS });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
    page = await context.newPage();
    problems = await watchPage(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    if (server) await rm(server.dataDir, { recursive: true, force: true });
  });

  test('keyboard only: Tab reaches the demo choice with a visible focus ring, Enter starts it', async () => {
    await page.goto(server.url);
    await poll(() => heading(/Install a Cloud-in-a-Box site/).isVisible()).toBe(true);
    await shot('01-welcome');

    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.textContent?.trim() === 'Start the demo');
    }
    expect(reached, 'Tab never reached "Start the demo"').toBe(true);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await shot('02-welcome-keyboard-focus');
    await page.keyboard.press('Enter');

    await poll(() => heading(/Connect to the target server/).isVisible()).toBe(true);
    await poll(() => page.getByRole('note', { name: /Demo mode/ }).isVisible()).toBe(true);
    expect(problems.all()).toEqual([]);
  });

  test('the target connects (Enter) to the embedded demo server and shows its host-key fingerprint to trust', async () => {
    const host = page.getByLabel('Server address');
    expect(await host.inputValue()).toBe('127.0.0.1');
    await shot('03-target-form');
    // The new screen's heading has the focus, and Enter there runs the screen's primary action.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.keyboard.press('Enter');

    await poll(() => heading(/Verify the server’s identity/).isVisible()).toBe(true);
    // Trusting a host key is never a stray Enter.
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    expect(await heading(/Verify the server’s identity/).isVisible()).toBe(true);
    const shown = await page.locator('.fingerprint__value').first().getAttribute('aria-label');
    const keyFile = path.join(server.dataDir, 'sim', 'ssh_host_ed25519_key');
    if (existsSync(keyFile)) {
      // The fingerprint on screen is the one OpenSSH computes for the demo server's real key.
      const expected = execFileSync('ssh-keygen', ['-lf', keyFile], { encoding: 'utf8' }).split(' ')[1];
      expect(shown).toContain(expected);
    } else {
      expect(shown).toMatch(/SHA256:[A-Za-z0-9+/]{43}/);
    }
    await shot('04-target-host-key');

    await page.getByRole('button', { name: 'Trust and connect' }).click();
    await poll(() => heading(/^Connected$/).isVisible()).toBe(true);
    await shot('05-target-connected');

    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await poll(() => heading(/Hardware checks/).isVisible()).toBe(true);
    await poll(() => page.locator('.check').count()).toBeGreaterThan(0);
    await shot('06-hardware');

    await page.getByRole('button', { name: 'Dark', exact: true }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await shot('07-hardware-dark');
    await page.getByRole('button', { name: 'Light', exact: true }).click();
    expect(problems.all()).toEqual([]);
  });

  test('after a backend crash and restart on the same data dir, the welcome offers to resume at hardware', async () => {
    await server.kill();
    await poll(() => heading(/connection to the installer backend was lost/i).isVisible()).toBe(true);
    await shot('08-backend-lost');

    server = await startWebMode({ dataDir: server.dataDir, serveArgs: SERVE_ARGS });
    await page.goto(server.url);
    // The old page's reconnect attempts to the dead backend logged errors by design; from here on
    // (the restarted backend's page) nothing may.
    problems.reset();
    await poll(() => heading(/Install a Cloud-in-a-Box site/).isVisible()).toBe(true);
    const offer = page.getByRole('region', { name: /Unfinished (demo|install) found/ });
    await poll(() => offer.isVisible()).toBe(true);
    expect(await offer.textContent()).toMatch(/Hardware/);
    await shot('09-welcome-resume-offer');

    await offer.getByRole('button', { name: /Resume at Hardware/ }).click();
    await poll(() => heading(/Hardware checks|Checking the hardware/).isVisible()).toBe(true);
    await poll(() => heading(/Hardware checks/).isVisible()).toBe(true);
    expect(problems.all()).toEqual([]);
  });

  test('the site step shows an inline error for an invalid name and blocks Next with the reason', async () => {
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await poll(() => heading(/Describe the site/).isVisible()).toBe(true);

    const name = page.getByLabel('Site name');
    const form = page.getByRole('form', { name: 'Site configuration' });
    await name.fill('Bad Name');
    // The form says "Checking…" (aria-busy) until the backend validated the latest draft.
    await poll(() => form.getAttribute('aria-busy')).toBe('false');
    const next = page.getByRole('button', { name: 'Next', exact: true });
    await poll(() => name.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
    const inline = await page.evaluate((ids) => ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '), describedBy);
    expect(inline).toMatch(/lower-case letters/i);
    await poll(() => next.getAttribute('aria-disabled')).toBe('true');
    const reasonId = await next.getAttribute('aria-describedby');
    expect(reasonId).toBeTruthy();
    expect(await page.locator(`[id="${reasonId}"]`).textContent()).toMatch(/site configuration/i);
    await shot('10-site-invalid');

    // The blocked Next stays focusable (so its reason is read out) and pressing it changes nothing.
    await next.focus();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    expect(await heading(/Describe the site/).isVisible()).toBe(true);

    await name.fill('lab-1');
    // The probe of the demo server fills in the NIC, the disk and the resolvers; NTP it cannot know.
    await page.getByLabel('NTP servers', { exact: true }).fill('10.0.0.2');
    await poll(() => form.getAttribute('aria-busy')).toBe('false');
    await poll(() => next.getAttribute('aria-disabled')).toBe(null);
    await poll(() => name.getAttribute('aria-invalid')).toBe(null);

    // On to the review: the real backend renders the site, runs the leak check and shows the tree.
    await next.click();
    await page.getByLabel('Bundle directory').fill('demo://bundle');
    await page.getByRole('button', { name: 'Verify bundle' }).click();
    await heading(/bundle/i).waitFor();
    await poll(() => page.getByRole('button', { name: 'Next', exact: true }).getAttribute('aria-disabled')).toBe(null);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByText('No public endpoints found.').waitFor({ timeout: 15_000 });
    const tree = page.getByRole('navigation', { name: 'Rendered files' });
    await tree.getByText('secrets.yml').first().click();
    const viewer = page.getByRole('region', { name: /Content of environments\/.*secrets\.yml/ });
    await viewer.waitFor();
    expect(await viewer.textContent()).toContain('••••••••');
    await shot('11-review-rendered');
    expect(problems.all()).toEqual([]);
  });

  test('the deploy runs on the simulated server, stops at the scripted failure with its hint, and Retry finishes', async () => {
    await page.getByRole('button', { name: 'Start the deploy' }).click();
    await poll(() => heading(/Deploying/).isVisible()).toBe(true);
    await page.locator('.xterm-rows').first().waitFor();
    await poll(() => page.locator('.xterm-rows').first().textContent()).toMatch(/TASK \[|PLAY \[|Unpacking|apt|docker/i);
    await shot('12-deploy-running');

    await expect.poll(() => heading(/stopped at a failed step/i).isVisible(), { timeout: 90_000, interval: 100 }).toBe(true);
    await poll(() => page.getByText(/Wait for the manager|wait-manager/i).first().isVisible()).toBe(true);
    expect(await page.locator('main').textContent()).toMatch(/fatal: \[/);
    expect(await page.locator('main').textContent()).toMatch(/An Ansible task failed/);
    await shot('13-deploy-failed');

    await page.getByRole('button', { name: 'Retry', exact: true }).click();
    await expect.poll(() => heading(/Demo install finished/).isVisible(), { timeout: 120_000, interval: 200 }).toBe(true);
    await shot('14-done');
    expect(problems.all()).toEqual([]);
  }, 240_000);
});
