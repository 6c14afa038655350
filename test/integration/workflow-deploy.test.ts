// SPDX-License-Identifier: Apache-2.0
// The deploy through the real workflow and backend, against the simulated server's runner with scripted
// faults: a failure with hints and Retry, Skip with a written reason, Stop on a hanging step, the journal's
// step/output/decision lines, batched output events, and no canary secret in any event or the journal.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkflowView } from '../../electron/api/contract.js';
import { schemasDir } from '../../electron/api/schema-files.js';
import { readSiteFile } from '../../electron/backend/site/site-file.js';
import type { SimDeployOptions } from '../../electron/backend/sim/sim-step-runs.js';
import { demoToHardware, hardwareToReview, startDriver, type Driver } from '../helpers/backend-driver.js';

const SUDO_CANARY = 'ciab-canary-sudo-Zq81';
const REGISTRY_CANARY = 'ciab-canary-registry-Wx42';
let d: Driver | null = null;
afterEach(async () => {
  await d?.close();
  d = null;
});

async function toDeploy(deploy: SimDeployOptions): Promise<{ drv: Driver; events: { name: string; payload: unknown }[] }> {
  const drv = (d = await startDriver(undefined, 2, deploy));
  const events: { name: string; payload: unknown }[] = [];
  for (const name of ['workflow.view', 'log', 'notice', 'deploy.output'] as const) drv.api.on(name, (payload: unknown) => events.push({ name, payload }));
  await demoToHardware(drv);
  await drv.api.invoke('secrets.set', { kind: 'sudo-password', value: SUDO_CANARY });
  const site = (await readSiteFile(path.join(path.dirname(schemasDir()), 'playbooks', 'sim', 'demo-site.yaml'))).config as Record<string, unknown>;
  await hardwareToReview(drv, { ...site, registry: { host: 'registry.ciab.internal:5000', username: 'ciab', password: REGISTRY_CANARY, insecure: true } });
  await drv.send({ type: 'START_DEPLOY' });
  return { drv, events };
}

const stepOf = (v: WorkflowView, key: string) => v.deploy.phases.flatMap((p) => p.steps).find((s) => s.key === key);
const journalOf = (drv: Driver) => {
  const id = drv.view().installId;
  return readFileSync(path.join(drv.dataDir, 'journals', `${id}.ndjson`), 'utf8');
};

describe('deploy through the workflow against the simulated server', () => {
  it('stops at a failing step with its last lines and hints, and Retry finishes the install', async () => {
    // wait-manager has no automatic retries (apply steps have one, which would hide a single failure).
    const { drv, events } = await toDeploy({ faults: { 'osism-ciab.wait-manager': 'fail-once' } });
    const failed = await drv.waitFor((v) => v.state === 'deploy.failed', 'the wait-manager failure', 60_000);
    const f = failed.deploy.failure!;
    expect(f).toMatchObject({ key: 'osism-ciab/wait-manager', attempt: 1, exitCode: 2, timedOut: false });
    expect(f.lastLines.join('\n')).toMatch(/fatal: \[.+\]: FAILED!/);
    expect(f.lastLines.join('\n')).not.toContain('\x1b');
    expect(f.hints.map((h) => h.id)).toContain('ansible-fatal');
    expect(failed.error?.nextAction).toBe(f.hints[0]?.advice);
    expect(stepOf(failed, 'osism-ciab/restart-manager')?.status).toBe('done');
    expect(stepOf(failed, 'osism-ciab/apply-keystone')?.status).toBe('pending');
    expect(failed.deploy.phases.find((p) => p.steps.some((s) => s.key === f.key))?.status).toBe('failed');

    await drv.send({ type: 'RETRY' });
    const done = await drv.waitFor((v) => v.state === 'done', 'the end of the deploy', 60_000);
    expect(stepOf(done, 'osism-ciab/wait-manager')).toMatchObject({ status: 'done', attempt: 2 });
    expect(done.deploy.phases.every((p) => p.status === 'done')).toBe(true);
    expect(done.deploy.progress).toBe(1);

    const journal = journalOf(drv);
    const lines = journal.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const states = lines.filter((e) => e.key === 'osism-ciab/wait-manager' && e.type === 'step').map((e) => `${String(e.status)}#${String(e.attempt)}`);
    expect(states).toEqual(['running#1', 'failed#1', 'running#2', 'done#2']);
    expect(lines).toContainEqual(expect.objectContaining({ type: 'decision', decision: 'retry', subject: 'osism-ciab/wait-manager' }));
    // Output in the journal is each attempt's bytes in order, offsets contiguous from 0.
    const out = lines.filter((e) => e.type === 'output' && e.key === 'osism-ciab/wait-manager' && e.attempt === 1) as { offset: number; data: string }[];
    let next = 0;
    for (const o of out) {
      expect(o.offset).toBe(next);
      next += Buffer.byteLength(o.data);
    }
    expect(out.map((o) => o.data).join('')).toContain('PLAY RECAP');
    // The renderer got batched output (fewer events than journal lines of output) and no secret anywhere.
    const outputEvents = events.filter((e) => e.name === 'deploy.output');
    expect(outputEvents.length).toBeGreaterThan(0);
    expect(outputEvents.length).toBeLessThanOrEqual(lines.filter((e) => e.type === 'output').length);
    const everything = JSON.stringify(events) + journal;
    expect(everything).not.toContain(SUDO_CANARY);
    expect(everything).not.toContain(REGISTRY_CANARY);
  }, 120_000);

  it('skips a step that keeps failing once the operator writes why, and records the reason', async () => {
    const { drv } = await toDeploy({ faults: { 'osism-ciab.apply-opensearch': 'fail-always' } });
    await drv.waitFor((v) => v.state === 'deploy.failed', 'the opensearch failure', 60_000);
    await expect(drv.send({ type: 'SKIP_STEP', reason: ' ' })).rejects.toThrow(/reason/);
    await drv.send({ type: 'SKIP_STEP', reason: 'OpenSearch is not used at this site' });
    const done = await drv.waitFor((v) => v.state === 'done', 'the end of the deploy', 60_000);
    expect(stepOf(done, 'osism-ciab/apply-opensearch')).toMatchObject({ status: 'skipped', reason: 'OpenSearch is not used at this site' });
    expect(journalOf(drv)).toContain('"decision":"skip","subject":"osism-ciab/apply-opensearch","reason":"OpenSearch is not used at this site"');
  }, 120_000);

  it('stops a hanging step on the server when the operator asks, then retries it', async () => {
    // Real time for the hang (the sim compresses timeouts too), full speed again after the stop.
    const { drv } = await toDeploy({ faults: { 'airgap-prepare.check-bundle': 'hang' }, speed: 1 });
    await drv.waitFor((v) => v.deploy.current === 'airgap-prepare/check-bundle', 'the hanging step', 60_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(drv.view().state).toBe('deploy.running');
    await drv.send({ type: 'STOP_STEP' });
    const stopped = await drv.waitFor((v) => v.state === 'deploy.failed', 'the stopped step', 20_000);
    expect(stopped.deploy.failure).toMatchObject({ key: 'airgap-prepare/check-bundle', timedOut: false, message: expect.stringMatching(/Stopped by the operator/) });
    expect(journalOf(drv)).toContain('"decision":"stop-step"');
    drv.backend.demoServer!.setDeploySpeed(100_000);
    await drv.send({ type: 'RETRY' });
    await drv.waitFor((v) => v.state === 'done', 'the end of the deploy', 60_000);
  }, 120_000);
});
