// SPDX-License-Identifier: Apache-2.0
// Builds the Electron-free backend: the installer workflow with its real services, the
// embedded demo server, and the implementation of every request in the API contract.
import path from 'node:path';
import { fromPromise } from 'xstate';
import type { ApiBackend, ApiEventListener, ApiEventName, ApiEvents, AppInfo, LogLine, WorkflowEvent, WorkflowView } from '../api/contract.js';
import { lockDataDir } from './data-dir-lock.js';
import { scrubView } from './journal/scrub-view.js';
import { checkBundlePath, DEMO_BUNDLE } from './airgap/check-bundle-path.js';
import { bundleTransfer } from './deploy/bundle-transfer.js';
import { DEFAULT_BUNDLE_DIR } from './deploy/resolve-plan.js';
import { DeployOutputStream } from './deploy/deploy-output.js';
import { deployActor } from './deploy/deploy-actor.js';
import { loadSiteSecrets } from './site/secrets/site-secret-store.js';
import { TerminalService } from './terminal/terminal-service.js';
import { RenderService } from './site/render-service.js';
import { probeTarget } from './target/probe-target.js';
import { wipeDisk } from './target/wipe-disk.js';
import { wipeRefusal } from './target/wipe-guard.js';
import { Redactor } from './journal/redactor.js';
import { SecretStore } from './secrets/secret-store.js';
import { startSimServer, type SimHardwareId, type SimServer } from './sim/sim-server.js';
import type { SimDeployOptions } from './sim/sim-step-runs.js';
import { TargetLink } from './target/target-link.js';
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
  /** Which simulated hardware the demo server reports (good, small-dirty, vm-no-nested). */
  demoHardware?: SimHardwareId;
  /** The user's ssh config for host aliases; default ~/.ssh/config, null to ignore it. */
  sshConfig?: string | null;
  /** How the demo server runs deploy steps: speed (simulated seconds per second), faults, shortest step. */
  demoDeploy?: SimDeployOptions;
}

export type Backend = ApiBackend & {
  close(): Promise<void>;
  info: AppInfo;
  workflow: WorkflowService;
  /** The embedded simulated server (demo controls such as its deploy speed), or null. */
  demoServer: SimServer | null;
};

/** Creates and starts the backend; `close()` stops the workflow, journal and demo server. */
export async function createBackend(opts: BackendOptions): Promise<Backend> {
  const listeners = new Set<ApiEventListener>();
  const unlock = lockDataDir(opts.dataDir);
  const redactor = new Redactor();
  // Free text leaving the backend passes the redactor (views: their free-text fields only, since
  // structured values such as a user name may legitimately equal a short password).
  const emit = <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => {
    const clean = (event === 'workflow.view' ? decorate(scrubView(payload as WorkflowView, redactor)) : JSON.parse(redactor.json(payload))) as ApiEvents[E];
    for (const l of listeners) l(event, clean);
  };
  const secrets = new SecretStore(redactor);
  const renders = new RenderService(opts.dataDir, redactor, () => secrets.get('registry-password'));
  // The view says whether a registry password is held, never the password itself.
  const decorate = (view: WorkflowView): WorkflowView => ({ ...view, site: { ...view.site, registryPassword: secrets.get('registry-password') !== undefined } });
  let sim: SimServer | null = null;
  try {
    sim = opts.demoServer
      ? await startSimServer({ hostKeyPath: path.join(opts.dataDir, 'sim', 'ssh_host_ed25519_key'), ...(opts.demoHardware ? { hardware: opts.demoHardware } : {}), ...(opts.demoDeploy ? { deploy: opts.demoDeploy } : {}) })
      : null;
  } catch (err) {
    unlock();
    throw err;
  }
  const demoTarget = sim ? { host: sim.host, port: sim.port, username: sim.username } : null;
  let workflow: WorkflowService | null = null;

  const log = (line: Omit<LogLine, 'at'>) => {
    const message = redactor.text(line.message);
    emit('log', { ...line, message, at: new Date().toISOString() });
    workflow?.record({ type: 'log', level: line.level, source: line.source, message });
  };

  const link = new TargetLink({
    dataDir: opts.dataDir,
    secrets,
    userKnownHosts: opts.userKnownHosts,
    sshConfig: opts.sshConfig,
    onStatus: (status) => workflow?.setConnection(status),
    demoServer: sim ? { host: sim.host, port: sim.port, fingerprint: sim.hostKeyFingerprint } : null,
  });

  const deployOutput = new DeployOutputStream((chunk) => emit('deploy.output', chunk));
  const terminals = new TerminalService({
    session: async () => {
      const t = workflow?.target();
      if (!t) throw new Error('No server is connected yet: connect to the target first.');
      return link.sessionFor(t);
    },
    // Terminal output is the operator's own session: shown, never journaled.
    emit: (payload) => emit('terminal.output', payload),
  });

  const machine = installerMachine.provide({
    actors: {
      connectTarget: fromPromise(async ({ input }) => {
        const t = input.target;
        // Demo mode can never reach a real server, whatever the renderer sends.
        if (workflow?.view().mode === 'demo' && !(demoTarget && t.host === demoTarget.host && t.port === demoTarget.port)) {
          throw Object.assign(new Error(`Demo mode only connects to the built-in simulated server, not ${t.host}:${t.port}.`), {
            nextAction: 'Cancel the demo and start a new install to connect to a real server.',
          });
        }
        const { result, endpoint } = await link.connect(t, input.acceptFingerprint);
        const where = result.hostKey.hop ? `jump host ${result.hostKey.hop}` : `${t.username ?? ''}@${t.host}:${t.port ?? 22}`;
        log({ level: 'info', source: 'ssh', message: `${where}: host key ${result.hostKey.fingerprint} is ${result.hostKey.status}` });
        return { ...result, endpoint };
      }),
      probeHardware: fromPromise(async ({ input }) => {
        const run = () => probeTarget((command, o) => link.exec(input.target, command, o));
        // The probe only reads: after a dropped connection, run it again once the session is back.
        const report = await run().catch((err: { kind?: string }) => {
          if (err?.kind !== 'dropped') throw err;
          log({ level: 'warn', source: 'probe', message: 'the connection dropped during the probe; probing again after the reconnect' });
          return run();
        });
        log({ level: 'info', source: 'probe', message: `probed ${report.host.hostname ?? '?'} in ${report.durationMs} ms (${report.errors.length} section errors)` });
        return { report };
      }),
      wipeDisk: fromPromise(async ({ input }) => {
        log({ level: 'warn', source: 'wipe', message: `wiping ${input.disk} as confirmed by the operator: ${input.commands.join(' && ')}` });
        const session = await link.sessionFor(input.target);
        // Probe again right before: the same disk, still unused, and the same commands as confirmed.
        const fresh = await probeTarget((command, o) => session.exec(command, o));
        const refusal = wipeRefusal(input.disk, input.confirmed, input.commands, fresh);
        if (refusal) {
          throw Object.assign(new Error(`Nothing was wiped: ${refusal}`), { title: `Wiping ${input.disk} was stopped`, nextAction: 'Probe again, review the disk and its wipe commands, and confirm again.' });
        }
        const result = await wipeDisk(session, input.disk, input.commands, secrets.get('sudo-password'));
        log({ level: 'info', source: 'wipe', message: `${input.disk} wiped` });
        return result;
      }),
      verifyBundle: fromPromise(async ({ input }) => checkBundlePath(input.path, workflow?.view().mode ?? null, opts.dataDir)),
      renderSite: fromPromise(async ({ input }) => {
        const summary = await renders.render(input.site);
        log({ level: summary.leaks > 0 ? 'warn' : 'info', source: 'render', message: `rendered ${summary.files} files (${summary.changed ?? 0} changed), ${summary.leaks} public endpoints found` });
        return summary;
      }),
      runDeploy: deployActor({
        session: (t) => link.sessionFor(t),
        renderDir: (site) => renders.outputDir(site),
        vaultPassword: async (site) => {
          const { vaultPassword } = await loadSiteSecrets(opts.dataDir, site);
          redactor.add(vaultPassword);
          return vaultPassword;
        },
        sudoPassword: () => secrets.get('sudo-password'),
        // A real install uploads the verified bundle first; the demo's bundle is simulated.
        transfers: async (input, _site, session) => (input.mode === 'install' && input.bundlePath && input.bundlePath !== DEMO_BUNDLE ? [await bundleTransfer(session, input.bundlePath, DEFAULT_BUNDLE_DIR)] : []),
        output: deployOutput,
        record: (e) => workflow?.record(e),
        flush: () => workflow?.flushJournal(),
        log,
      }),
    },
  });

  workflow = new WorkflowService({
    machine,
    dataDir: opts.dataDir,
    appVersion: opts.appVersion,
    demoTarget,
    redactor,
    onView: (view) => {
      // followInstall may close the session, which changes the view: send the current one.
      if (followInstall()) emit('workflow.view', workflow?.view() ?? view);
      else emit('workflow.view', view);
    },
    onNotice: (notice) => {
      emit('notice', notice);
      workflow?.record({ type: 'log', level: notice.level, source: 'app', message: notice.message });
    },
  });
  const wf = workflow;
  let installKey: string | null = null;
  // Secrets and the SSH session belong to one install and one server as the operator typed it
  // (not the resolved address, which appears only after connecting): drop both when either changes.
  function followInstall(): boolean {
    const key = workflow?.installKey() ?? null;
    const changed = installKey !== null && key !== installKey;
    installKey = key;
    if (changed) {
      terminals.closeAll();
      deployOutput.reset();
      secrets.clear();
      link.close();
    }
    return changed;
  }
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

  // A registry password typed into the site (or its YAML) goes to the secret store, never into the
  // workflow context, which is persisted, journaled and sent back to the renderer.
  function withoutSecrets(event: WorkflowEvent): WorkflowEvent {
    if (event.type !== 'SET_SITE') return event;
    const registry = (event.site as { registry?: Record<string, unknown> }).registry;
    if (!registry || typeof registry !== 'object' || !('password' in registry)) return event;
    const { password, ...rest } = registry;
    // YAML may type a password as a number or boolean: keep its text, never the field.
    const text = typeof password === 'string' || typeof password === 'number' || typeof password === 'boolean' ? String(password) : '';
    if (text.length > 0) secrets.set('registry-password', text);
    return { ...event, site: { ...event.site, registry: rest } };
  }

  const scrub = <T extends WorkflowView | { view: WorkflowView }>(value: T): T =>
    'view' in value ? { ...value, view: decorate(scrubView(value.view, redactor)) } : (decorate(scrubView(value as WorkflowView, redactor)) as T);
  const info: AppInfo = { name: 'CiaB Installer', version: opts.appVersion, transport: opts.transport, dataDir: opts.dataDir, demoTarget };
  return {
    info,
    workflow: wf,
    demoServer: sim,
    handlers: {
      'app.info': async () => info,
      'workflow.get': async () => scrub(wf.view()),
      'workflow.send': async ({ event }) => scrub(wf.send(withoutSecrets(event))),
      'workflow.resume': async () => scrub(wf.resume()),
      'workflow.discardResume': async () => scrub(wf.discardResume()),
      'connection.reconnect': async () => {
        link.reconnectNow();
        return {};
      },
      'hardware.report': async () => {
        const copy = wf.hardwareCopy();
        return { ...copy, report: copy.report as Record<string, unknown> | null };
      },
      'site.review': async () => JSON.parse(redactor.json(renders.review())) as ReturnType<RenderService['review']>,
      'deploy.log': async () => deployOutput.log(),
      'terminal.open': async ({ cols, rows }) => ({ id: await terminals.start(cols, rows) }),
      'terminal.input': async ({ id, data }) => {
        terminals.input(id, data);
        return {};
      },
      'terminal.resize': async ({ id, cols, rows }) => {
        terminals.resize(id, cols, rows);
        return {};
      },
      'terminal.close': async ({ id }) => {
        terminals.close(id);
        return {};
      },
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
      terminals.closeAll();
      link.close();
      wf.close();
      secrets.clear();
      await sim?.close();
      unlock();
    },
  };
}
