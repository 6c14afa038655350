// SPDX-License-Identifier: Apache-2.0
// Shared set-up for screen tests against the scripted backend: one Chromium per file, a fresh page
// and fake backend per test (no console errors or CSP violations allowed), screenshots into
// test-results/screens/.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { AppInfo, WorkflowView } from '../../electron/api/contract.js';
import { chromiumAvailable, chromiumSkipReason, launchBrowser, watchPage, type PageProblems } from '../helpers/browser.js';
import { startFakeBackend, type FakeBackend } from './fake-backend.js';

/** Where screen-test screenshots go. */
export const SHOTS = path.resolve('test-results', 'screens');
const built = existsSync(path.resolve('out', 'renderer', 'index.html'));

/** Whether screen tests can run here, and the suffix that says why not. */
export const screensRunnable = chromiumAvailable && built;
export const screensSkipReason = `${chromiumSkipReason}${built ? '' : ' (skipped: run npm run build first)'}`;

/** Polls generously: these machines are small and other test files run meanwhile. */
export const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 50 });

/** What a test uses: open a view, take screenshots, reach the page and the fake backend. */
export interface ScreenHarness {
  open(v: WorkflowView, opts?: { dark?: boolean; info?: Partial<AppInfo>; beforeLoad?: (page: Page) => Promise<void>; setup?: (fake: FakeBackend) => void }): Promise<FakeBackend>;
  /** A screenshot; `tall` grows the window to the whole scrolling screen first. */
  shot(name: string, tall?: boolean): Promise<void>;
  readonly page: Page;
  readonly problems: PageProblems;
}

/** Registers the hooks in the calling describe block and returns the harness. */
export function useScreenHarness(): ScreenHarness {
  let browser: Browser;
  let fake: FakeBackend | null = null;
  let page: Page | null = null;
  let problems: PageProblems | null = null;

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    expect(problems?.all() ?? []).toEqual([]);
    await page?.context().close();
    await fake?.close();
    fake = null;
    page = null;
  });

  return {
    async open(v, opts = {}) {
      fake = await startFakeBackend(v, opts.info);
      opts.setup?.(fake);
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: opts.dark ? 'dark' : 'light' });
      page = await ctx.newPage();
      problems = await watchPage(page);
      await opts.beforeLoad?.(page);
      await page.goto(fake.url);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      return fake;
    },
    // The app scrolls inside its main column, so a "full page" shot grows the window to fit it.
    async shot(name, tall = false) {
      const p = page!;
      if (tall) {
        const height = await p.evaluate(() => {
          const screen = document.querySelector('.screen');
          return document.documentElement.clientHeight + (screen ? screen.scrollHeight - screen.clientHeight : 0);
        });
        await p.setViewportSize({ width: 1280, height: Math.max(900, height) });
      }
      await p.screenshot({ path: path.join(SHOTS, `${name}.png`) });
      if (tall) await p.setViewportSize({ width: 1280, height: 900 });
    },
    get page() {
      return page!;
    },
    get problems() {
      return problems!;
    },
  };
}
