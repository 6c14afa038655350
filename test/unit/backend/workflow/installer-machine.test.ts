// SPDX-License-Identifier: Apache-2.0
// The workflow's rules, one by one, on a plain actor with fake services.
import { createActor, fromCallback, fromPromise } from 'xstate';
import type { RenderSummary } from '../../../../electron/api/contract.js';
import { minimalSite } from '../../../helpers/site-fixtures.js';
import { describe, expect, it } from 'vitest';
import { installerMachine } from '../../../../electron/backend/workflow/installer-machine.js';
import { DEMO, FAILING_CHECK, FP, OTHER_FP, REPORT_FAIL, REPORT_OK } from './installer-model.js';

const facts = { hostname: 'ciab-demo-01', os: 'Ubuntu 24.04.1 LTS', kernel: '6.8.0-48-generic' };

function start(opts: { hostKey?: 'unknown' | 'pinned' | 'mismatch'; report?: typeof REPORT_OK; connectError?: Error } = {}) {
  let accepted: string | null = null;
  const machine = installerMachine.provide({
    actors: {
      connectTarget: fromPromise(async ({ input }) => {
        if (opts.connectError) throw opts.connectError;
        if (input.acceptFingerprint) accepted = input.acceptFingerprint;
        const status = accepted === FP ? 'accepted' : (opts.hostKey ?? 'unknown');
        return { hostKey: { algorithm: 'ssh-ed25519', fingerprint: status === 'mismatch' ? OTHER_FP : FP, status, ...(status === 'mismatch' ? { expectedFingerprint: FP } : {}) }, facts: status === 'unknown' || status === 'mismatch' ? null : facts };
      }),
      probeHardware: fromPromise(async () => ({ report: opts.report ?? REPORT_OK })),
      wipeDisk: fromPromise(async ({ input }) => ({ wiped: input.disk })),
      verifyBundle: fromPromise(async () => ({ verified: true as const })),
      renderSite: fromPromise(async (): Promise<RenderSummary> => ({ status: 'ready', files: 42, leaks: 0, changed: 42, digest: 'x', error: null })),
      runDeploy: fromCallback(({ sendBack }) => {
        sendBack({ type: 'DEPLOY_DONE' });
        return () => undefined;
      }),
    },
  });
  return createActor(machine, { input: { demoTarget: DEMO } }).start();
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const state = (a: ReturnType<typeof start>) => JSON.stringify(a.getSnapshot().value);

async function toHardware(a: ReturnType<typeof start>) {
  a.send({ type: 'START_DEMO' });
  a.send({ type: 'CONNECT' });
  await settle();
  a.send({ type: 'ACCEPT_HOST_KEY', fingerprint: FP });
  await settle();
  a.send({ type: 'NEXT' });
  await settle();
}

describe('installer workflow rules', () => {
  it('asks before trusting an unknown host key and only accepts the fingerprint it showed', async () => {
    const a = start();
    a.send({ type: 'START_DEMO' });
    expect(a.getSnapshot().context.target).toMatchObject({ ...DEMO, isDemo: true });
    a.send({ type: 'CONNECT' });
    await settle();
    expect(state(a)).toBe('{"target":"confirmHostKey"}');
    a.send({ type: 'ACCEPT_HOST_KEY', fingerprint: OTHER_FP });
    expect(state(a)).toBe('{"target":"confirmHostKey"}');
    a.send({ type: 'ACCEPT_HOST_KEY', fingerprint: FP });
    await settle();
    expect(state(a)).toBe('{"target":"connected"}');
    expect(a.getSnapshot().context.server?.hostname).toBe('ciab-demo-01');
  });

  it('never lets a demo point at a real server', () => {
    const a = start();
    a.send({ type: 'START_DEMO' });
    a.send({ type: 'SET_TARGET', target: { host: '192.0.2.10', port: 22, username: 'ubuntu', auth: 'agent' } });
    expect(a.getSnapshot().context.target).toMatchObject({ host: DEMO.host, port: DEMO.port, isDemo: true });
  });

  it('makes a changed host key a hard stop with no way to accept it', async () => {
    const a = start({ hostKey: 'mismatch' });
    a.send({ type: 'START_INSTALL' });
    a.send({ type: 'SET_TARGET', target: { host: '10.0.0.5', port: 22, username: 'ubuntu', auth: 'agent' } });
    a.send({ type: 'CONNECT' });
    await settle();
    expect(state(a)).toBe('{"target":"hostKeyMismatch"}');
    for (const ev of [{ type: 'ACCEPT_HOST_KEY', fingerprint: OTHER_FP }, { type: 'NEXT' }, { type: 'RETRY' }, { type: 'CONNECT' }] as const) {
      expect(a.getSnapshot().can(ev)).toBe(false);
    }
    expect(a.getSnapshot().context.hostKey).toMatchObject({ status: 'mismatch', expectedFingerprint: FP });
  });

  it('keeps a connection failure on screen until the operator acts', async () => {
    const a = start({ connectError: Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:22'), { nextAction: 'Is sshd running?' }) });
    a.send({ type: 'START_INSTALL' });
    a.send({ type: 'SET_TARGET', target: { host: '10.0.0.5', port: 22, username: 'ubuntu', auth: 'agent' } });
    a.send({ type: 'CONNECT' });
    await settle();
    expect(state(a)).toBe('{"target":"failed"}');
    const err = a.getSnapshot().context.error!;
    expect(err).toMatchObject({ step: 'target', title: 'Could not connect to ubuntu@10.0.0.5:22', nextAction: 'Is sshd running?' });
    expect(err.message).toContain('ECONNREFUSED');
    a.send({ type: 'NEXT' });
    expect(a.getSnapshot().context.error).not.toBeNull();
  });

  it('cannot leave hardware with an unwaived failure; a waiver with a reason unblocks it', async () => {
    const a = start({ report: REPORT_FAIL });
    await toHardware(a);
    expect(state(a)).toBe('{"hardware":"ready"}');
    expect(a.getSnapshot().can({ type: 'NEXT' })).toBe(false);
    const passing = a.getSnapshot().context.checks.find((c) => c.state === 'pass')!;
    a.send({ type: 'WAIVE', checkId: passing.id, reason: 'passing checks cannot be waived' });
    expect(a.getSnapshot().context.waivers).toEqual({});
    const blocking = a.getSnapshot().context.checks.filter((c) => c.blocking);
    expect(blocking.map((c) => c.id)).toContain(FAILING_CHECK);
    for (const c of blocking) a.send({ type: 'WAIVE', checkId: c.id, reason: 'lab server, owner accepts the risk' });
    expect(a.getSnapshot().can({ type: 'NEXT' })).toBe(true);
    a.send({ type: 'UNWAIVE', checkId: FAILING_CHECK });
    expect(a.getSnapshot().can({ type: 'NEXT' })).toBe(false);
  });

  it('wipes a dirty disk only when the operator types its path, then probes again', async () => {
    const a = start({ report: REPORT_FAIL });
    await toHardware(a);
    const dirty = a.getSnapshot().context.checks.find((c) => c.wipe)!;
    expect(dirty.wipe!.disk).toBe('/dev/sdb');
    expect(dirty.wipe!.commands.at(-1)).toBe('sudo -n blockdev --rereadpt /dev/sdb');
    a.send({ type: 'WIPE_DISK', disk: '/dev/sdb', confirm: '/dev/sda' });
    expect(state(a)).toBe('{"hardware":"ready"}');
    a.send({ type: 'WIPE_DISK', disk: '/dev/sda', confirm: '/dev/sda' });
    expect(state(a)).toBe('{"hardware":"ready"}');
    a.send({ type: 'WIPE_DISK', disk: '/dev/sdb', confirm: '/dev/sdb' });
    expect(state(a)).toBe('{"hardware":"wiping"}');
    // Root commands are running: no way out until they finish.
    for (const ev of [{ type: 'CANCEL' }, { type: 'BACK' }, { type: 'GOTO', step: 'target' }] as const) expect(a.getSnapshot().can(ev)).toBe(false);
    await settle();
    expect(state(a)).toBe('{"hardware":"ready"}');
  });

  it('re-evaluates the same report when the operator picks another profile', async () => {
    const a = start({ report: REPORT_FAIL });
    await toHardware(a);
    const before = a.getSnapshot().context.checks.filter((c) => c.blocking).length;
    a.send({ type: 'SET_PROFILE', profileId: 'lab' });
    expect(a.getSnapshot().context.hardware.profileId).toBe('lab');
    expect(a.getSnapshot().context.checks.filter((c) => c.blocking).length).toBeLessThan(before);
  });

  it('cannot leave site with an invalid config; back-navigation keeps every entry', async () => {
    const a = start();
    await toHardware(a);
    a.send({ type: 'NEXT' });
    expect(state(a)).toBe('"site"');
    a.send({ type: 'SET_SITE', site: { ...minimalSite('x'), name: 'Bad Name' } });
    expect(a.getSnapshot().can({ type: 'NEXT' })).toBe(false);
    expect(a.getSnapshot().context.site.errors.map((e) => e.field)).toEqual(['/name']);
    a.send({ type: 'SET_SITE', site: minimalSite('site-a', 'edge') });
    a.send({ type: 'NEXT' });
    a.send({ type: 'SET_BUNDLE', path: '/media/bundle' });
    a.send({ type: 'BACK' });
    a.send({ type: 'BACK' });
    expect(state(a)).toBe('{"hardware":"ready"}');
    a.send({ type: 'GOTO', step: 'target' });
    expect(state(a)).toBe('{"target":"connected"}');
    const ctx = a.getSnapshot().context;
    expect(ctx.site.config).toEqual(minimalSite('site-a', 'edge'));
    expect(ctx.bundle.path).toBe('/media/bundle');
    expect(ctx.server?.hostname).toBe('ciab-demo-01');
  });

  it('runs to done and cancels back to a clean welcome', async () => {
    const a = start();
    await toHardware(a);
    a.send({ type: 'NEXT' });
    a.send({ type: 'SET_SITE', site: minimalSite('site-a') });
    a.send({ type: 'NEXT' });
    a.send({ type: 'SET_BUNDLE', path: '/media/bundle' });
    a.send({ type: 'VERIFY_BUNDLE' });
    await settle();
    a.send({ type: 'NEXT' });
    await settle(); // the review renders the configuration first
    expect(a.getSnapshot().context.render).toMatchObject({ status: 'ready', leaks: 0 });
    a.send({ type: 'START_DEPLOY' });
    await settle();
    expect(state(a)).toBe('"done"');
    expect(a.getSnapshot().context.visited).toEqual(['target', 'hardware', 'site', 'bundle', 'review', 'deploy', 'done']);
    a.send({ type: 'NEW_INSTALL' });
    expect(state(a)).toBe('"welcome"');
    expect(a.getSnapshot().context.installId).toBeNull();
  });
});
