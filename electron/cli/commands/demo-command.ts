// SPDX-License-Identifier: Apache-2.0
// `ciab demo`: runs the built-in demo install headless, against the embedded simulated server,
// through the same validated API the UI uses, and leaves its journal behind.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ApiClient, WorkflowEvent, WorkflowView } from '../../api/contract.js';
import { createMemoryClient } from '../../api/memory-transport.js';
import { schemasDir } from '../../api/schema-files.js';
import { appVersion } from '../../backend/app-paths.js';
import { createBackend } from '../../backend/create-backend.js';
import type { SimHardwareId } from '../../backend/sim/sim-server.js';
import { EXIT, type Output } from '../cli-output.js';

export interface DemoOptions {
  dataDir?: string;
  stepMs: number;
  timeoutMs: number;
  demoHardware?: SimHardwareId;
}

/** Drives the demo from welcome to done; resolves with the exit code. */
export async function demoCommand(opts: DemoOptions, out: Output): Promise<number> {
  // A demo never writes outside its own data dir: by default a fresh temporary one.
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'ciab-demo-'));
  let backend;
  try {
    backend = await createBackend({ dataDir, appVersion: appVersion(), transport: 'memory', demoServer: true, userKnownHosts: null, sshConfig: null, demoDeploy: { speed: 50_000, minStepMs: opts.stepMs }, ...(opts.demoHardware ? { demoHardware: opts.demoHardware } : {}) });
  } catch (err) {
    out.error(`cannot start the demo: ${(err as Error).message}`);
    return EXIT.failed;
  }
  const api = createMemoryClient(backend);
  let interrupted: 'SIGINT' | 'SIGTERM' | null = null;
  const onSignal = (s: 'SIGINT' | 'SIGTERM') => () => {
    interrupted ??= s;
    for (const w of waiters) w();
  };
  const onInt = onSignal('SIGINT');
  const onTerm = onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  let last: WorkflowView = await api.invoke('workflow.get', {});
  const waiters = new Set<() => void>();
  api.on('workflow.view', (v) => {
    last = v;
    for (const w of waiters) w();
  });
  api.on('log', (l) => out.info(out.dim(`  ${l.message}`)));
  const deadline = Date.now() + opts.timeoutMs;
  const waitFor = (pred: (v: WorkflowView) => boolean, what: string) =>
    new Promise<WorkflowView>((resolve, reject) => {
      const check = () => {
        if (interrupted) {
          waiters.delete(check);
          reject(new Error(interrupted === 'SIGINT' ? 'interrupted' : 'terminated'));
        } else if (pred(last)) {
          waiters.delete(check);
          resolve(last);
        } else if (last.error) {
          waiters.delete(check);
          reject(new Error(`${last.error.title}: ${last.error.message}`));
        }
      };
      waiters.add(check);
      setTimeout(() => reject(new Error(`timed out waiting for ${what} (in ${last.state})`)), Math.max(0, deadline - Date.now())).unref();
      check();
    });
  const send = async (event: WorkflowEvent) => {
    const r = await api.invoke('workflow.send', { event });
    if (!r.accepted) throw new Error(r.reason ?? `${event.type} was refused`);
    return r.view;
  };
  const step = (label: string) => {
    out.info(`${out.green('✓')} ${label}`);
    out.record({ event: 'step', label, state: last.state });
  };

  try {
    out.info(`${out.bold('CiaB Installer demo')} — simulated server, nothing is installed`);
    await send({ type: 'START_DEMO' });
    await send({ type: 'CONNECT' });
    const hk = await waitFor((v) => v.state === 'target.confirmHostKey' || v.state === 'target.connected', 'the host key');
    if (hk.state === 'target.confirmHostKey' && hk.hostKey) await send({ type: 'ACCEPT_HOST_KEY', fingerprint: hk.hostKey.fingerprint });
    const connected = await waitFor((v) => v.state === 'target.connected', 'the connection');
    step(`Connected to ${connected.server?.hostname ?? '?'} (${connected.server?.os ?? '?'}), host key ${connected.hostKey?.fingerprint ?? '?'}`);
    await send({ type: 'NEXT' });
    const hw = await waitFor((v) => v.state === 'hardware.ready', 'the hardware checks');
    step(`Hardware: ${hw.checks.map((c) => `${c.id} ${c.state}`).join(', ')}`);
    await send({ type: 'NEXT' });
    const { readSiteFile } = await import('../../backend/site/site-file.js');
    const demoSite = await readSiteFile(path.join(path.dirname(schemasDir()), 'playbooks', 'sim', 'demo-site.yaml'));
    await send({ type: 'SET_SITE', site: demoSite.config as Record<string, unknown> });
    await send({ type: 'NEXT' });
    step('Site configuration valid');
    await send({ type: 'SET_BUNDLE', path: 'demo://bundle' });
    await send({ type: 'VERIFY_BUNDLE' });
    await waitFor((v) => v.state === 'bundle.ready', 'the bundle check');
    step('Air-gap bundle verified (simulated)');
    await send({ type: 'NEXT' });
    const reviewed = await waitFor((v) => v.state === 'review.ready', 'the rendered configuration');
    step(`Configuration rendered: ${reviewed.render.files} files, ${reviewed.render.leaks} public endpoints`);
    await send({ type: 'START_DEPLOY' });
    const done = await waitFor((v) => v.step === 'done', 'the deployment');
    step('Deployment finished (simulated)');
    const journal = path.join(dataDir, 'journals', `${done.installId}.ndjson`);
    out.record({ event: 'done', installId: done.installId, journal, dataDir });
    out.info(`Journal: ${journal}`);
    return EXIT.ok;
  } catch (err) {
    out.error(`demo stopped in ${last.state}: ${(err as Error).message}`, last.error?.nextAction);
    return interrupted === 'SIGINT' ? EXIT.interrupted : interrupted === 'SIGTERM' ? EXIT.terminated : EXIT.failed;
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    (api as ApiClient & { close(): void }).close();
    await backend.close();
  }
}
