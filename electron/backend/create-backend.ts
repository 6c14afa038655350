// SPDX-License-Identifier: Apache-2.0
// Builds the Electron-free backend: the installer workflow with its real services, the
// embedded demo server, and the implementation of every request in the API contract.
import { homedir } from 'node:os';
import path from 'node:path';
import { fromPromise } from 'xstate';
import type { ApiBackend, ApiEventListener, ApiEventName, ApiEvents, AppInfo, LogLine } from '../api/contract.js';
import { checkBundlePath } from './airgap/check-bundle-path.js';
import { placeholderDeploy } from './deploy/placeholder-deploy.js';
import { evaluateConnectionChecks } from './hardware/connection-checks.js';
import { Redactor } from './journal/redactor.js';
import { SecretStore } from './secrets/secret-store.js';
import { startSimServer, type SimServer } from './sim/sim-server.js';
import { connectTarget } from './ssh/connect-target.js';
import { installerMachine } from './workflow/installer-machine.js';
import { WorkflowService } from './workflow/workflow-service.js';

export interface BackendOptions {
  dataDir: string;
  appVersion: string;
  transport: AppInfo['transport'];
  /** Start the embedded simulated CiaB server (demo mode and `npm start`). */
  demoServer: boolean;
  /** The user's OpenSSH known_hosts (honoured read-only); default ~/.ssh/known_hosts. */
  userKnownHosts?: string | null;
  /** Pace of the simulated deployment, ms per output line. */
  demoStepMs?: number;
}

export type Backend = ApiBackend & { close(): Promise<void>; info: AppInfo; workflow: WorkflowService };

/** Creates and starts the backend; `close()` stops the workflow, journal and demo server. */
export async function createBackend(opts: BackendOptions): Promise<Backend> {
  const listeners = new Set<ApiEventListener>();
  const redactor = new Redactor();
  // Every event leaving the backend passes the redactor: a secret never reaches a renderer.
  const emit = <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => {
    const clean = JSON.parse(redactor.json(payload)) as ApiEvents[E];
    for (const l of listeners) l(event, clean);
  };
  const secrets = new SecretStore(redactor);
  const sim: SimServer | null = opts.demoServer ? await startSimServer({ hostKeyPath: path.join(opts.dataDir, 'sim', 'ssh_host_ed25519_key') }) : null;
  const demoTarget = sim ? { host: sim.host, port: sim.port, username: sim.username } : null;
  let workflow: WorkflowService | null = null;

  const log = (line: Omit<LogLine, 'at'>) => {
    const message = redactor.text(line.message);
    emit('log', { ...line, message, at: new Date().toISOString() });
    workflow?.record({ type: 'log', level: line.level, source: line.source, message });
  };

  const machine = installerMachine.provide({
    actors: {
      connectTarget: fromPromise(async ({ input }) => {
        const t = input.target;
        const password = secrets.get('ssh-password');
        const passphrase = secrets.get('key-passphrase');
        const userFile = opts.userKnownHosts === null ? undefined : (opts.userKnownHosts ?? path.join(homedir(), '.ssh', 'known_hosts'));
        const result = await connectTarget({
          host: t.host,
          port: t.port,
          username: t.username,
          auth: t.auth,
          ...(t.keyPath ? { keyPath: t.keyPath } : {}),
          ...(password ? { password } : {}),
          ...(passphrase ? { passphrase } : {}),
          knownHosts: { appFile: path.join(opts.dataDir, 'known_hosts'), ...(userFile ? { userFile } : {}) },
          ...(input.acceptFingerprint ? { acceptFingerprint: input.acceptFingerprint } : {}),
        });
        log({ level: 'info', source: 'ssh', message: `${t.username}@${t.host}:${t.port}: host key ${result.hostKey.fingerprint} is ${result.hostKey.status}` });
        return result;
      }),
      probeHardware: fromPromise(async ({ input }) => evaluateConnectionChecks(input.server)),
      verifyBundle: fromPromise(async ({ input }) => checkBundlePath(input.path, workflow?.view().mode ?? null)),
      runDeploy: placeholderDeploy(log, opts.demoStepMs),
    },
  });

  workflow = new WorkflowService({
    machine,
    dataDir: opts.dataDir,
    appVersion: opts.appVersion,
    demoTarget,
    redactor,
    onView: (view) => emit('workflow.view', view),
    onNotice: (notice) => {
      emit('notice', notice);
      workflow?.record({ type: 'log', level: notice.level, source: 'app', message: notice.message });
    },
  });
  const wf = workflow;
  // Notices raised while loading the saved snapshot go to listeners that subscribe later too.
  const early: ApiEvents['notice'][] = [];
  const unhookEarly = (() => {
    const l: ApiEventListener = (event, payload) => {
      if (event === 'notice') early.push(payload as ApiEvents['notice']);
    };
    listeners.add(l);
    return () => listeners.delete(l);
  })();
  wf.start();
  unhookEarly();

  const scrub = <T>(value: T): T => JSON.parse(redactor.json(value)) as T;
  const info: AppInfo = { name: 'CiaB Installer', version: opts.appVersion, transport: opts.transport, dataDir: opts.dataDir, demoTarget };
  return {
    info,
    workflow: wf,
    handlers: {
      'app.info': async () => info,
      'workflow.get': async () => scrub(wf.view()),
      'workflow.send': async ({ event }) => scrub(wf.send(event)),
      'workflow.resume': async () => scrub(wf.resume()),
      'workflow.discardResume': async () => scrub(wf.discardResume()),
      'secrets.set': async ({ kind, value }) => {
        secrets.set(kind, value);
        return {};
      },
    },
    subscribe(listener) {
      listeners.add(listener);
      // Replay start-up notices on the next turn, once the subscriber has its listeners in place.
      if (early.length > 0) setImmediate(() => listeners.has(listener) && early.forEach((n) => listener('notice', n)));
      return () => listeners.delete(listener);
    },
    async close() {
      wf.close();
      secrets.clear();
      await sim?.close();
    },
  };
}
