// SPDX-License-Identifier: Apache-2.0
// Debian Chromium driven by playwright-core for the e2e tests (`npx playwright install` cannot
// work here), plus a watcher that collects console errors, page errors and CSP violations.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** Whether the e2e tests can run here. */
export const chromiumAvailable = existsSync(CHROMIUM_PATH);
/** Appended to describe names so a skipped run says why. */
export const chromiumSkipReason = chromiumAvailable ? '' : ` (skipped: ${CHROMIUM_PATH} missing; apt-get install chromium)`;

/** Launches headless Chromium with no network side channels (no updates, sync or QUIC). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** What went wrong inside a page, collected while a test drives it. */
export interface PageProblems {
  /** Console errors, uncaught exceptions and CSP violations, in order. */
  all(): string[];
  /** Forget what was collected so far (e.g. after deliberately stopping the backend). */
  reset(): void;
}

/** Starts collecting problems from `page`; call before the first navigation. */
export async function watchPage(page: Page): Promise<PageProblems> {
  let problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  // Reported by the page itself as well, in case the console message format changes.
  await page.exposeFunction('__ciabCspViolation', (text: string) => problems.push(`csp: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __ciabCspViolation?: (t: string) => void }).__ciabCspViolation;
      report?.(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  return {
    all: () => [...problems],
    reset: () => {
      problems = [];
    },
  };
}
