// SPDX-License-Identifier: Apache-2.0
// Screen tests in Chromium against a scripted backend (the real web server and WebSocket
// transport, fixture views): the states the demo never reaches — failed checks and waivers, the
// host-key mismatch stop, persistent errors, a failed deploy, notices, the bounded live log — and
// what the renderer sends for each operator action. Screenshots go to test-results/screens/.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { AppInfo, WorkflowView } from '../../electron/api/contract.js';
import type { PageProblems } from '../helpers/browser.js';
import type { FakeBackend } from './fake-backend.js';
import { deployFailed, deployRunning, deploySucceeded } from './fixture-deploy.js';
import { errorInfo, MIXED_CHECKS, OLD_FINGERPRINT, FINGERPRINT, stepsFor, view } from './fixture-views.js';
import { poll, screensRunnable, screensSkipReason, useScreenHarness } from './screen-harness.js';

describe.skipIf(!screensRunnable)(`renderer screens against a scripted backend${screensSkipReason}`, () => {
  const h = useScreenHarness();
  let page: Page;
  let problems: PageProblems;

  const open = async (v: WorkflowView, opts: { dark?: boolean; info?: Partial<AppInfo> } = {}): Promise<FakeBackend> => {
    const f = await h.open(v, opts);
    page = h.page;
    problems = h.problems;
    return f;
  };
  const shot = h.shot;
  const h1 = () => page.getByRole('heading', { level: 1 }).first().textContent();

  test('hardware: every state is an icon and a word; a failure can be waived only with a written reason', async () => {
    const reason = 'Next blocked: 2 checks failed (hw.memory, net.ntp).';
    const f = await open(view({ state: 'hardware.ready', checks: MIXED_CHECKS, steps: stepsFor('hardware', 'current', reason), can: { next: false, back: true, cancel: true, nextBlockedReason: reason } }));
    for (const word of ['Pass', 'Warning', 'Failed', 'Waived', 'Check error']) expect(await page.locator('.checks .state', { hasText: word }).count()).toBeGreaterThan(0);
    expect(await page.getByText('Lab server for the partner demo').isVisible()).toBe(true);
    expect(await page.getByText('Add memory, or use the edge profile').isVisible()).toBe(true);
    await shot('hardware-failed-checks', true);

    await page.locator('tbody', { hasText: 'hw.memory' }).getByRole('button', { name: 'Waive…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason for the waiver').fill('too short');
    expect(await dialog.getByRole('button', { name: 'Waive this check' }).getAttribute('aria-disabled')).toBe('true');
    await shot('hardware-waive-dialog');
    await dialog.getByLabel('Reason for the waiver').press('Enter');
    expect(f.events.filter((e) => e.type === 'WAIVE')).toEqual([]);
    await dialog.getByLabel('Reason for the waiver').fill('  Lab server: 32 GiB accepted by the site owner  ');
    await dialog.getByRole('button', { name: 'Waive this check' }).click();
    await poll(() => f.events.filter((e) => e.type === 'WAIVE')).toEqual([{ type: 'WAIVE', checkId: 'hw.memory', reason: 'Lab server: 32 GiB accepted by the site owner' }]);

    await page.locator('tbody', { hasText: 'hw.disk.count' }).getByRole('button', { name: 'Undo waiver' }).click();
    await poll(() => f.events.at(-1)).toEqual({ type: 'UNWAIVE', checkId: 'hw.disk.count' });
    const next = page.getByRole('button', { name: 'Next', exact: true });
    expect(await next.getAttribute('aria-disabled')).toBe('true');
    expect(await page.locator('.step-footer__reason').textContent()).toBe(reason);
  });

  test('host-key mismatch is a hard stop: both fingerprints, what to do, no way to ignore it', async () => {
    const f = await open(view({ state: 'target.hostKeyMismatch', steps: stepsFor('target', 'failed'), server: null, hostKey: { algorithm: 'ssh-ed25519', fingerprint: FINGERPRINT, status: 'mismatch', expectedFingerprint: OLD_FINGERPRINT } }));
    expect(await h1()).toMatch(/host key has changed/);
    expect(await page.getByText('man-in-the-middle').isVisible()).toBe(true);
    expect(await page.getByLabel(`Expected (pinned): ${OLD_FINGERPRINT}`).isVisible()).toBe(true);
    expect(await page.getByLabel(`Found now: ${FINGERPRINT}`).isVisible()).toBe(true);
    expect(await page.getByText("ssh-keygen -R 10.20.0.5 -f /home/operator/.local/share/ciab-installer/known_hosts").isVisible()).toBe(true);
    const labels = await page.getByRole('button').allTextContents();
    expect(labels.filter((l) => /ignore|trust|accept|continue anyway/i.test(l))).toEqual([]);
    await shot('target-host-key-mismatch', true);
    await page.getByRole('button', { name: 'Change target' }).click();
    await poll(() => f.events.at(-1)).toEqual({ type: 'SET_TARGET', target: { host: '10.20.0.5', port: 22, username: 'ubuntu', auth: 'agent' } });
  });

  test('a ProxyJump host’s key is named as the jump host’s, on first contact and when it changed', async () => {
    const hostKey = { algorithm: 'ssh-ed25519', fingerprint: FINGERPRINT, status: 'unknown' as const, hop: 'bastion.example:2222' };
    const f = await open(view({ state: 'target.confirmHostKey', server: null, hostKey }));
    expect(await h1()).toBe('Verify the jump host’s identity');
    expect(await page.locator('.screen__lead').textContent()).toMatch(/through the jump host bastion\.example:2222.*The server’s own key comes next/);
    expect(await page.getByLabel(`Fingerprint the jump host presented: ${FINGERPRINT}`).isVisible()).toBe(true);
    await shot('target-host-key-jump-host');
    f.setView(view({ state: 'target.hostKeyMismatch', steps: stepsFor('target', 'failed'), server: null, hostKey: { ...hostKey, status: 'mismatch', expectedFingerprint: OLD_FINGERPRINT } }));
    await poll(h1).toBe('Stopped: the jump host’s host key has changed');
    expect(await page.getByText("ssh-keygen -R '[bastion.example]:2222' -f /home/operator/.local/share/ciab-installer/known_hosts").isVisible()).toBe(true);
  });

  test('a failed connection keeps its error on screen with command, exit code, output and next action', async () => {
    const error = errorInfo('target', { title: 'Could not connect to ubuntu@10.20.0.5:22', message: 'Permission denied (publickey).', command: 'ssh ubuntu@10.20.0.5', exitCode: 255, lastLines: ['debug1: Offering public key: /home/operator/.ssh/id_ed25519 ED25519', 'ubuntu@10.20.0.5: Permission denied (publickey).'], nextAction: 'Add your public key to ~ubuntu/.ssh/authorized_keys on the server, or choose another login method.' });
    const f = await open(view({ state: 'target.failed', steps: stepsFor('target', 'failed'), server: null, error }));
    const panel = page.getByRole('alert').filter({ hasText: error.title });
    for (const text of ['Permission denied (publickey).', 'ssh ubuntu@10.20.0.5', '255', 'authorized_keys', 'Offering public key']) expect(await panel.textContent()).toContain(text);
    await shot('target-failed');
    f.emit('notice', { level: 'warn', message: 'A saved install could not be restored: snapshot version 0 is too old.' });
    await page.getByText('A saved install could not be restored').waitFor();
    await page.waitForTimeout(1500);
    expect(await panel.isVisible()).toBe(true);
    expect(await page.getByText('A saved install could not be restored').isVisible()).toBe(true);
    await page.getByRole('button', { name: /^Dismiss: A saved install/ }).click();
    expect(await page.getByText('A saved install could not be restored').count()).toBe(0);
    await page.getByRole('button', { name: 'Retry' }).click();
    await poll(() => f.events.at(-1)).toEqual({ type: 'RETRY' });
  });

  test('deploy: progress, elapsed time and a bounded live log; cancelling needs the word typed', async () => {
    const f = await open(deployRunning());
    await page.getByText('Installer messages').click();
    for (let i = 1; i <= 2100; i++) f.emit('log', { at: '2026-11-22T14:03:22.000Z', level: i % 500 === 0 ? 'warn' : 'info', source: 'ceph', message: `TASK [ceph-osd : prepare disk ${i}] ok` });
    // Lines arrive in batches; once all are in, the newest 2000 show and the rest are counted.
    await poll(() => page.getByText('100 earlier lines are not shown').isVisible()).toBe(true);
    expect(await page.locator('.log-line').count()).toBe(2000);
    expect(await page.locator('.log-line').last().textContent()).toContain('prepare disk 2100');
    expect(await page.locator('progress').getAttribute('value')).toBe('42');
    await shot('deploy-running-messages');

    await page.getByRole('button', { name: 'Cancel install…' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByRole('button', { name: 'Cancel install' }).getAttribute('aria-disabled')).toBe('true');
    await dialog.getByLabel(/Type cancel to confirm/).fill('cancel');
    await dialog.getByRole('button', { name: 'Cancel install' }).click();
    await poll(() => f.events.at(-1)).toEqual({ type: 'CANCEL' });
  });

  test('a failed deploy shows the failure, Retry, and the step rail marks it failed (dark theme)', async () => {
    const f = await open(view({ state: 'deploy.failed', steps: stepsFor('deploy', 'failed'), deploy: { ...deployFailed().deploy, failure: null }, error: errorInfo('deploy') }), { dark: true });
    expect(await page.locator('.rail__item--failed').textContent()).toContain('Failed');
    expect(await page.getByRole('alert').filter({ hasText: 'Install Ceph packages' }).isVisible()).toBe(true);
    await shot('deploy-failed-dark', true);
    await page.getByRole('button', { name: 'Retry' }).click();
    await poll(() => f.events.at(-1)).toEqual({ type: 'RETRY' });
  });

  test('target form: inline errors before anything is sent; the passwords go to secrets.set, never into an event', async () => {
    const f = await open(view({ state: 'target.editing', target: null, hostKey: null, server: null, can: { next: false, back: false, cancel: true, nextBlockedReason: 'Connect to the server and confirm its host key first.' } }));
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    expect(await page.getByText('Enter the server’s address').isVisible()).toBe(true);
    expect(f.events).toEqual([]);
    await page.getByLabel('Server address').fill('10.20.0.5');
    await page.getByLabel('User (optional)', { exact: true }).fill('ubuntu');
    await page.getByText('Password', { exact: true }).click();
    await page.getByLabel('Password', { exact: true }).fill('s3cret-pass');
    await page.getByLabel('sudo password (optional)').fill('sudo-s3cret');
    await shot('target-form-install');
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await poll(() => f.events.map((e) => e.type)).toEqual(['SET_TARGET', 'CONNECT']);
    // No port typed: 22 (or an alias's Port) is the backend's to decide.
    expect(f.events[0]).toEqual({ type: 'SET_TARGET', target: { host: '10.20.0.5', username: 'ubuntu', auth: 'password' } });
    expect(f.secrets).toEqual([
      { kind: 'ssh-password', value: 's3cret-pass' },
      { kind: 'sudo-password', value: 'sudo-s3cret' },
    ]);
    expect(JSON.stringify(f.events)).not.toMatch(/s3cret/);
  });

  test('target form: a ~/.ssh/config alias needs no user; user@host:port typed as the address is spread over the fields', async () => {
    const f = await open(view({ state: 'target.editing', target: null, hostKey: null, server: null, can: { next: false, back: false, cancel: true } }));
    const host = page.getByLabel('Server address');
    const user = page.getByLabel('User (optional)', { exact: true });
    const port = page.getByLabel('Port', { exact: true });
    await host.fill('ops@10.20.0.7:2222');
    await host.blur();
    expect([await host.inputValue(), await user.inputValue(), await port.inputValue()]).toEqual(['10.20.0.7', 'ops', '2222']);
    expect(await page.getByText('Moved “ops” to User and 2222 to Port.').isVisible()).toBe(true);
    await shot('target-form-split');
    // Enter right after typing splits too, before anything is sent.
    await host.fill('root@[fd00::5]:2200');
    await host.press('Enter');
    await poll(() => f.events.map((e) => e.type)).toEqual(['SET_TARGET', 'CONNECT']);
    expect(f.events[0]).toEqual({ type: 'SET_TARGET', target: { host: 'fd00::5', port: 2200, username: 'root', auth: 'agent' } });
    // An alias: HostName, User and Port come from ~/.ssh/config, so user and port stay empty.
    await host.fill('fra1-ciab');
    await user.fill('');
    await port.fill('');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await poll(() => f.events.length).toBe(4);
    expect(f.events[2]).toEqual({ type: 'SET_TARGET', target: { host: 'fra1-ciab', auth: 'agent' } });
  });

  test('an action the workflow refuses says why, next to the buttons', async () => {
    const f = await open(view({ state: 'site', site: { config: { name: 'lab-1', type: 'edge' }, valid: true, errors: [] }, can: { next: true, back: true, cancel: true } }));
    f.onSend = (e) => (e.type === 'NEXT' ? { accepted: false, reason: 'The site configuration changed while you pressed Next; check it again.' } : { accepted: true });
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByText('check it again').waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'did not work' }).textContent()).toContain('Sending next');
    await shot('site-refused');
  });

  test('when the backend goes away the page says what to do, retries, and reconnects by itself', async () => {
    const f = await open(view({ state: 'hardware.ready', checks: MIXED_CHECKS.slice(0, 1), can: { next: true, back: true, cancel: true } }));
    const restarted = f.restartServer(2500);
    await poll(() => page.getByRole('heading', { name: /connection to the installer backend was lost/i }).isVisible()).toBe(true);
    expect(await page.getByRole('alertdialog').textContent()).toMatch(/ciab serve.*Next attempt/s);
    // Nothing behind the overlay can be used while it is up.
    expect(await page.locator('.app').getAttribute('inert')).not.toBeNull();
    await shot('connection-lost');
    await restarted;
    await poll(() => page.getByRole('alertdialog').count()).toBe(0);
    await poll(() => page.getByText(/Reconnected to the installer backend after 0:0\d away/).isVisible()).toBe(true);
    expect(await h1()).toBe('Hardware checks');
    expect(f.calls.filter((c) => c === 'workflow.get').length).toBe(2);
    // The refused connection attempts while it was down are expected console errors.
    problems.reset();
  });

  test('done steps in the rail are buttons that jump back (GOTO); later steps are not', async () => {
    const f = await open(view({ state: 'review', site: { config: { name: 'fra1-edge', type: 'edge' }, valid: true, errors: [] }, bundle: { path: '/media/usb/ciab-bundle', verified: true }, can: { next: true, back: true, cancel: true } }));
    const rail = page.getByRole('navigation', { name: 'Install steps' });
    expect(await rail.getByRole('button').count()).toBe(4);
    await rail.getByRole('button', { name: /Hardware/ }).click();
    await poll(() => f.events.at(-1)).toEqual({ type: 'GOTO', step: 'hardware' });
    expect(await rail.locator('[aria-current="step"]').textContent()).toContain('Review');
  });

  test('welcome with an unfinished install: resume is the primary action, discarding asks first', async () => {
    const f = await open(view({ state: 'welcome', resumeOffer: { installId: '2026-11-22-3f9a1c2e', step: 'deploy', savedAt: new Date(Date.now() - 3 * 60_000).toISOString(), mode: 'install', target: 'ubuntu@10.20.0.5' } }));
    expect(await page.getByRole('region', { name: 'Unfinished install found' }).textContent()).toMatch(/Deploy.*ubuntu@10\.20\.0\.5.*3 minutes ago/);
    expect(await page.locator('.btn--primary').allTextContents()).toEqual(['Resume at Deploy']);
    await shot('welcome-resume-install');
    await page.getByRole('button', { name: 'Discard…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Discard it' }).click();
    await poll(() => f.calls.includes('workflow.discardResume')).toBe(true);
    await poll(() => page.getByRole('region', { name: 'Unfinished install found' }).count()).toBe(0);
  });

  test('the remaining screens render without errors: connecting, probing, site, bundle, review, done, replay', async () => {
    const screens: [string, WorkflowView][] = [
      ['target-connecting', view({ state: 'target.connecting', busy: 'Connecting to the server…', server: null })],
      ['hardware-probing', view({ state: 'hardware.probing', busy: 'Probing the hardware…' })],
      ['site-valid', view({ state: 'site', site: { config: { name: 'fra1-edge', type: 'edge' }, valid: true, errors: [] }, can: { next: true, back: true, cancel: true } })],
      ['bundle-failed', view({ state: 'bundle.failed', steps: stepsFor('bundle', 'failed'), bundle: { path: '/media/usb/ciab-bundle', verified: false }, error: errorInfo('bundle', { title: 'Bundle verification failed', message: '/media/usb/ciab-bundle/manifest.json is missing.', command: undefined, exitCode: undefined, lastLines: [], nextAction: 'Copy the complete bundle, including manifest.json and manifest.json.sig.' }) })],
      ['review', view({ state: 'review', checks: MIXED_CHECKS, site: { config: { name: 'fra1-edge', type: 'edge' }, valid: true, errors: [] }, bundle: { path: '/media/usb/ciab-bundle', verified: true }, can: { next: true, back: true, cancel: true } })],
      ['done', view({ state: 'done', steps: stepsFor('done', 'done'), checks: MIXED_CHECKS, site: { config: { name: 'fra1-edge', type: 'edge' }, valid: true, errors: [] }, bundle: { path: '/media/usb/ciab-bundle', verified: true }, deploy: deploySucceeded().deploy, can: { next: false, back: false, cancel: false } })],
      ['replay', view({ state: 'replay', can: { next: false, back: true, cancel: false } })],
    ];
    const f = await open(screens[0]![1]);
    for (const [name, v] of screens) {
      f.setView(v);
      await poll(() => page.locator('main').getAttribute('data-state')).toBe(v.state);
      await shot(name, true);
    }
  });
});
