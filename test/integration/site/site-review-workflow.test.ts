// SPDX-License-Identifier: Apache-2.0
// The review step through the real backend: entering it renders the site into the data dir,
// site.review returns the masked tree and a diff against the previous different render, a
// public endpoint blocks the deploy, and a registry password typed into the site never reaches
// the workflow, the journal, the views, the review or any plain file.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { allFiles } from '../../helpers/all-files.js';
import { connectToHardware, startDriver, type Driver } from '../../helpers/backend-driver.js';
import { exampleSite } from '../../helpers/site-fixtures.js';

const CANARY = 'CANARY-registry-pw-77f3a2';
let d: Driver | null = null;
afterEach(async () => {
  await d?.close();
  d = null;
});


async function toReview(drv: Driver, site: Record<string, unknown>): Promise<void> {
  await drv.send({ type: 'SET_SITE', site });
  await drv.send({ type: 'NEXT' });
  await drv.send({ type: 'SET_BUNDLE', path: 'demo://bundle' });
  await drv.send({ type: 'VERIFY_BUNDLE' });
  await drv.waitFor((v) => v.state === 'bundle.ready', 'bundle verified');
  await drv.send({ type: 'NEXT' });
  await drv.waitFor((v) => v.state === 'review.ready' || v.state === 'review.failed', 'render finished');
}

describe('review step', () => {
  it('renders, reviews with masked secrets, diffs a change, and blocks a leak', async () => {
    d = await startDriver();
    const seen: string[] = [];
    d.api.on('workflow.view', (v) => seen.push(JSON.stringify(v)));
    d.api.on('log', (l) => seen.push(JSON.stringify(l)));
    await d.send({ type: 'START_DEMO' });
    await connectToHardware(d);
    await d.send({ type: 'NEXT' });
    const edge = exampleSite('edge');
    const site: Record<string, unknown> = { ...edge, registry: { ...(edge.registry as object), password: CANARY } };
    await toReview(d, site);

    let v = d.view();
    expect(v.state).toBe('review.ready');
    expect(v.site.config && JSON.stringify(v.site.config)).not.toContain(CANARY);
    expect(v.site.registryPassword).toBe(true);
    expect(v.render).toMatchObject({ status: 'ready', leaks: 0 });
    expect(v.can.next).toBe(true);
    const first = await d.api.invoke('site.review', {});
    expect(first.previousAt).toBeNull();
    expect(first.files.every((f) => f.change === 'added')).toBe(true);
    const kolla = first.files.find((f) => f.path === 'environments/kolla/secrets.yml')!;
    expect(kolla.secret).toBe(true);
    expect(kolla.content).toContain('••••••••');
    expect(kolla.content).not.toMatch(/_password: (?!"?••)/);

    // Change the internal VIP: the next render diffs against this one.
    await d.send({ type: 'GOTO', step: 'site' });
    const networks = site.networks as { internal: Record<string, unknown> };
    const changed = { ...site, registry: edge.registry, networks: { ...networks, internal: { ...networks.internal, vip: '10.64.0.253' } } };
    await toReview(d, changed);
    const second = await d.api.invoke('site.review', {});
    expect(second.previousAt).toBe(first.renderedAt);
    const kollaConf = second.files.find((f) => f.path === 'environments/kolla/configuration.yml')!;
    expect(kollaConf.change).toBe('changed');
    expect(kollaConf.diff).toContain('-kolla_internal_vip_address: 10.64.0.254');
    expect(kollaConf.diff).toContain('+kolla_internal_vip_address: 10.64.0.253');
    expect(d.view().render.changed).toBeGreaterThan(0);

    // A public NTP server the site does not allow is a leak: the deploy cannot start.
    await d.send({ type: 'GOTO', step: 'site' });
    await toReview(d, { ...changed, ntp: { servers: ['0.de.pool.ntp.org'] } });
    v = d.view();
    expect(v.render.leaks).toBeGreaterThan(0);
    expect(v.can.next).toBe(false);
    expect(v.can.nextBlockedReason).toMatch(/leak check found/);
    const leaky = await d.api.invoke('site.review', {});
    expect(leaky.leaks[0]!.match).toContain('pool.ntp.org');
    await d.send({ type: 'START_DEPLOY' }).catch(() => undefined);
    expect(d.view().state).toBe('review.ready');

    for (const r of [first, second, leaky]) expect(JSON.stringify(r)).not.toContain(CANARY);
    const dataDir = d.dataDir;
    await d.close();
    d = null;
    for (const f of allFiles(dataDir)) expect(readFileSync(f, 'latin1'), f).not.toContain(CANARY);
    for (const s of seen) expect(s).not.toContain(CANARY);
  });
});
