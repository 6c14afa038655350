// SPDX-License-Identifier: Apache-2.0
// Drives a real backend through the in-memory transport: send events, wait for views.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Notice, WorkflowEvent, WorkflowView } from '../../electron/api/contract.js';
import { createMemoryClient } from '../../electron/api/memory-transport.js';
import { createBackend, type Backend } from '../../electron/backend/create-backend.js';
import type { SimDeployOptions } from '../../electron/backend/sim/sim-step-runs.js';

export interface Driver {
  backend: Backend;
  api: ReturnType<typeof createMemoryClient>;
  dataDir: string;
  notices: Notice[];
  logs: string[];
  view(): WorkflowView;
  send(event: WorkflowEvent): Promise<WorkflowView>;
  waitFor(pred: (v: WorkflowView) => boolean, what: string, ms?: number): Promise<WorkflowView>;
  close(): Promise<void>;
}

/** A new temporary data dir. */
export function tempDataDir(prefix = 'ciab-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Starts a backend (with the embedded demo server) on `dataDir` and returns a driver for it. */
export async function startDriver(dataDir = tempDataDir(), demoStepMs = 5, deploy: SimDeployOptions = {}): Promise<Driver> {
  const backend = await createBackend({ dataDir, appVersion: '0.0.0-test', transport: 'memory', demoServer: true, userKnownHosts: null, sshConfig: null, demoDeploy: { speed: 100_000, minStepMs: demoStepMs, ...deploy } });
  const api = createMemoryClient(backend);
  const notices: Notice[] = [];
  const logs: string[] = [];
  let last: WorkflowView | null = null;
  const waiters = new Set<() => void>();
  api.on('workflow.view', (v) => {
    last = v;
    for (const w of [...waiters]) w();
  });
  api.on('notice', (n) => notices.push(n));
  api.on('log', (l) => logs.push(l.message));
  last = await api.invoke('workflow.get', {});
  await new Promise((r) => setImmediate(r)); // let start-up notices arrive
  return {
    backend,
    api,
    dataDir,
    notices,
    logs,
    view: () => last!,
    async send(event) {
      const r = await api.invoke('workflow.send', { event });
      if (!r.accepted) throw new Error(r.reason);
      return r.view;
    },
    waitFor(pred, what, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${what}; state ${last?.state}, error ${JSON.stringify(last?.error)}`));
        }, ms);
        const check = () => {
          if (!last || !pred(last)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(last);
        };
        waiters.add(check);
        check();
      });
    },
    async close() {
      api.close();
      await backend.close();
    },
  };
}

/** Runs a demo install from welcome to the hardware step (host key accepted). */
export async function demoToHardware(d: Driver): Promise<WorkflowView> {
  await d.send({ type: 'START_DEMO' });
  return connectToHardware(d);
}

/** From the target step: connect, accept the host key, and go on to the hardware checks. */
export async function connectToHardware(d: Driver): Promise<WorkflowView> {
  await d.send({ type: 'CONNECT' });
  const v = await d.waitFor((x) => x.state === 'target.confirmHostKey', 'host key prompt');
  await d.send({ type: 'ACCEPT_HOST_KEY', fingerprint: v.hostKey!.fingerprint });
  await d.waitFor((x) => x.state === 'target.connected', 'connected');
  await d.send({ type: 'NEXT' });
  return d.waitFor((x) => x.state === 'hardware.ready', 'hardware ready');
}

/** From the hardware step of a demo: the demo site, the simulated bundle, and the review's render. */
export async function hardwareToReview(d: Driver, site: Record<string, unknown>): Promise<WorkflowView> {
  await d.send({ type: 'NEXT' });
  await d.send({ type: 'SET_SITE', site });
  await d.send({ type: 'NEXT' });
  await d.send({ type: 'SET_BUNDLE', path: 'demo://bundle' });
  await d.send({ type: 'VERIFY_BUNDLE' });
  await d.waitFor((v) => v.state === 'bundle.ready', 'bundle verified');
  await d.send({ type: 'NEXT' });
  return d.waitFor((v) => v.state === 'review.ready', 'review rendered', 20_000);
}
