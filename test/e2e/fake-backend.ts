// SPDX-License-Identifier: Apache-2.0
// A scripted backend behind the real web server and WebSocket transport (same token, origin and
// schema validation), for screen tests that need states the demo never reaches. It records every
// request so tests can assert what the renderer sent.
import { formatHardwareReport } from '../../electron/backend/hardware/hardware-evaluation.js';
import path from 'node:path';
import type { ApiBackend, ApiEventListener, ApiEventName, ApiEvents, AppInfo, DeployLog, SecretInput, SiteReview, WorkflowEvent, WorkflowView } from '../../electron/api/contract.js';
import type { HardwareReport } from '../../electron/api/generated/hardware-report-types.js';
import { defValidator } from '../../electron/api/schema-registry.js';
import { startWebServer, type WebServer } from '../../electron/backend/web/web-server.js';

/** The fake backend plus the web server that serves the built renderer for it. */
export interface FakeBackend {
  url: string;
  /** Events the renderer sent with workflow.send, in order. */
  events: WorkflowEvent[];
  /** Every request method called, in order. */
  calls: string[];
  secrets: SecretInput[];
  /** What `hardware.report` answers (validated against the hardware report schema when asked). */
  report: HardwareReport | null;
  /** What `site.review` answers (validated against the contract); null: no render yet. */
  review: SiteReview | null;
  /** What `deploy.log` answers (the output tail a screen loads when it opens). */
  deployLog: DeployLog;
  /** What the operator typed into the fake terminal, per terminal id (the fake echoes it back). */
  terminalInput: Map<string, string>;
  /** Shows a new view (validated against the contract) and streams it to the page. */
  setView(v: WorkflowView): void;
  emit<E extends ApiEventName>(name: E, payload: ApiEvents[E]): void;
  /** How the next workflow.send is answered; default: accepted, view unchanged. */
  onSend: (e: WorkflowEvent, current: WorkflowView) => { accepted: boolean; reason?: string; view?: WorkflowView };
  /** Stops serving (the page loses its socket) and serves again on the same port and token. */
  restartServer(downMs: number): Promise<void>;
  close(): Promise<void>;
}

const RENDERER_DIR = path.resolve('out', 'renderer');

/** Starts a fake backend showing `initial`. */
export async function startFakeBackend(initial: WorkflowView, info: Partial<AppInfo> = {}): Promise<FakeBackend> {
  const validate = defValidator('api.schema.json', 'WorkflowView');
  const validateReport = defValidator('hardware-report.schema.json', 'HardwareReport');
  const validateReview = defValidator('api.schema.json', 'SiteReview');
  const listeners = new Set<ApiEventListener>();
  let current = checked(initial);
  let web: WebServer | null = null;

  function checked(v: WorkflowView): WorkflowView {
    if (!validate(v)) throw new Error(`fixture view does not match the contract: ${JSON.stringify(validate.errors)}`);
    return v;
  }

  const fake: FakeBackend = {
    url: '',
    events: [],
    calls: [],
    secrets: [],
    report: null,
    review: null,
    deployLog: { chunks: [], truncated: false },
    terminalInput: new Map(),
    setView(v) {
      current = checked(v);
      for (const l of listeners) l('workflow.view', current);
    },
    emit(name, payload) {
      for (const l of listeners) l(name, payload);
    },
    onSend: () => ({ accepted: true }),
    restartServer: async (downMs) => {
      const { port, token } = web!;
      await web!.close();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      web = await startWebServer(backend, { rendererDir: RENDERER_DIR, port, token });
    },
    close: async () => {
      await web?.close();
    },
  };

  const appInfo: AppInfo = { name: 'CiaB Installer', version: '0.1.0', transport: 'websocket', dataDir: '/home/operator/.local/share/ciab-installer', demoTarget: { host: '127.0.0.1', port: 2222, username: 'ciab' }, ...info };
  const backend: ApiBackend = {
    handlers: {
      'app.info': async () => (fake.calls.push('app.info'), appInfo),
      'workflow.get': async () => (fake.calls.push('workflow.get'), current),
      'workflow.send': async ({ event }) => {
        fake.calls.push('workflow.send');
        fake.events.push(event);
        const answer = fake.onSend(event, current);
        if (answer.view) fake.setView(answer.view);
        return { accepted: answer.accepted, ...(answer.reason ? { reason: answer.reason } : {}), view: current };
      },
      'workflow.resume': async () => (fake.calls.push('workflow.resume'), current),
      'connection.reconnect': async () => (fake.calls.push('connection.reconnect'), {}),
      'hardware.report': async () => {
        fake.calls.push('hardware.report');
        if (fake.report !== null && !validateReport(fake.report)) throw new Error(`fixture report does not match the schema: ${JSON.stringify(validateReport.errors)}`);
        if (fake.report === null) return { report: null, markdown: null, json: null };
        // The view shows waivers applied; the backend's formatter wants the checks and the waivers apart.
        const waivers = Object.fromEntries(current.checks.filter((c) => c.state === 'waived').map((c) => [c.id, c.waiver ?? '']));
        const checks = current.checks.map((c) => (c.state === 'waived' ? { ...c, state: 'fail' as const } : c));
        const profileId = current.hardware?.profileId ?? 'ciab-sandbox';
        return {
          report: fake.report as unknown as Record<string, unknown>,
          markdown: formatHardwareReport('markdown', fake.report, checks, profileId, waivers),
          json: formatHardwareReport('json', fake.report, checks, profileId, waivers),
        };
      },
      'workflow.discardResume': async () => {
        fake.calls.push('workflow.discardResume');
        fake.setView({ ...current, resumeOffer: null });
        return current;
      },
      'site.review': async () => {
        fake.calls.push('site.review');
        if (fake.review === null) return { status: 'none', previousAt: null, files: [], leaks: [] };
        if (!validateReview(fake.review)) throw new Error(`fixture review does not match the contract: ${JSON.stringify(validateReview.errors)}`);
        return fake.review;
      },
      'deploy.log': async () => (fake.calls.push('deploy.log'), fake.deployLog),
      // A shell that greets, echoes what is typed and ends on "exit".
      'terminal.open': async ({ cols, rows }) => {
        fake.calls.push('terminal.open');
        const id = `t${fake.terminalInput.size + 1}`;
        fake.terminalInput.set(id, '');
        setTimeout(() => fake.emit('terminal.output', { id, data: `Welcome to fra1-ciab-01 (${cols}x${rows})\r\n$ `, closed: false }), 20);
        return { id };
      },
      'terminal.input': async ({ id, data }) => {
        fake.calls.push('terminal.input');
        const typed = (fake.terminalInput.get(id) ?? '') + data;
        fake.terminalInput.set(id, typed);
        const ended = /exit\r$/.test(typed);
        fake.emit('terminal.output', { id, data: data.replace(/\r/g, '\r\n$ '), closed: ended });
        return {};
      },
      'terminal.resize': async () => (fake.calls.push('terminal.resize'), {}),
      'terminal.close': async () => (fake.calls.push('terminal.close'), {}),
      'secrets.set': async (s) => {
        fake.calls.push('secrets.set');
        fake.secrets.push(s);
        return {};
      },
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  web = await startWebServer(backend, { rendererDir: RENDERER_DIR });
  fake.url = web.url;
  return fake;
}
