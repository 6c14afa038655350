// SPDX-License-Identifier: Apache-2.0
// The workflow's deploy actor: runs runDeploy against the install's target and turns what the engine
// reports into workflow events (plan, step states, failure), journal lines (step, output, reattach) and
// batched output for the renderer. STOP_STEP from the workflow kills the running step on the server.
import { fromCallback } from 'xstate';
import type { LogLine } from '../../api/contract.js';
import type { JournalEventInput } from '../journal/journal-writer.js';
import type { SshSession } from '../ssh/ssh-session.js';
import type { ResolvedSite } from '../site/site-types.js';
import { validateSite } from '../site/validate-site.js';
import { toErrorInfo } from '../workflow/step-errors.js';
import type { DeployInput, InstallerEvent, TargetContext } from '../workflow/installer-types.js';
import type { DeployEngine, TransferStep } from './deploy-engine.js';
import type { DeployOutputStream } from './deploy-output.js';
import { runDeploy } from './deploy-run.js';

/** What the deploy actor needs from the backend. */
export interface DeployActorDeps {
  session(target: TargetContext): Promise<SshSession>;
  renderDir(site: string): string;
  vaultPassword(site: ResolvedSite): Promise<string>;
  sudoPassword(): string | undefined;
  /** Transfer steps beyond the configuration (the bundle upload), or none (demo). */
  transfers(input: DeployInput, site: ResolvedSite, session: SshSession): Promise<TransferStep[]>;
  output: DeployOutputStream;
  record(event: JournalEventInput): void;
  flush(): void;
  log(line: Omit<LogLine, 'at'>): void;
}

/** Creates the runDeploy actor of the installer machine. */
export function deployActor(deps: DeployActorDeps) {
  return fromCallback<InstallerEvent, DeployInput>(({ sendBack, input, receive }) => {
    const ac = new AbortController();
    let engine: DeployEngine | null = null;
    receive((event) => {
      if (event.type !== 'STOP_STEP' || !engine) return;
      engine.stop().then(
        (killed) => deps.log({ level: 'warn', source: 'deploy', message: killed ? 'the running step was stopped by the operator' : 'no step was running to stop' }),
        (err: unknown) => deps.log({ level: 'error', source: 'deploy', message: `stopping the step failed: ${err instanceof Error ? err.message : String(err)}` }),
      );
    });
    const decoders = new Map<string, TextDecoder>();
    void (async () => {
      const v = validateSite(input.site);
      if (!v.resolved) throw Object.assign(new Error(`The site configuration is not valid: ${v.errors[0]?.field ?? ''} ${v.errors[0]?.message ?? ''}`), { nextAction: 'Go back to the site step and correct it.' });
      if (!input.target) throw new Error('No target server is set.');
      const site = v.resolved;
      const session = await deps.session(input.target);
      const result = await runDeploy({
        session,
        site,
        renderDir: deps.renderDir(site.name),
        vaultPassword: await deps.vaultPassword(site),
        sudoPassword: deps.sudoPassword(),
        known: input.steps,
        transfers: await deps.transfers(input, site, session),
        signal: ac.signal,
        onEngine: (e) => (engine = e),
        listener: {
          plan: (phases) => sendBack({ type: 'DEPLOY_PLAN', phases }),
          step: (key, state) => {
            deps.output.flush();
            deps.record({ type: 'step', key, status: state.status === 'pending' ? 'running' : state.status, attempt: state.attempt, ...(state.durationMs !== null ? { durationMs: state.durationMs } : {}) });
            deps.flush();
            sendBack({ type: 'DEPLOY_STEP', key, state, at: new Date().toISOString() });
          },
          output: (key, attempt, offset, bytes) => {
            const id = `${key}#${attempt}`;
            let d = decoders.get(id);
            if (!d) decoders.set(id, (d = new TextDecoder('utf-8')));
            const data = d.decode(bytes, { stream: true });
            if (!data) return;
            deps.output.push(key, attempt, offset, data);
            deps.record({ type: 'output', key, attempt, offset, data });
          },
          reattach: (key, attempt, offset, drops) => {
            deps.record({ type: 'reattach', key, attempt, offset, drops });
            deps.log({ level: 'warn', source: 'deploy', message: `re-attached to ${key} (attempt ${attempt}) at byte ${offset} after the connection dropped` });
          },
        },
      });
      deps.output.flush();
      if (ac.signal.aborted) return;
      if (result.ok) {
        sendBack({ type: 'DEPLOY_DONE' });
        return;
      }
      const f = result.failure;
      deps.record({ type: 'step', key: f.key, status: 'failed', attempt: f.attempt, exitCode: f.exitCode, timedOut: f.timedOut });
      deps.flush();
      sendBack({
        type: 'DEPLOY_STEP_FAILED',
        failure: f,
        error: toErrorInfo('deploy', `${f.title} failed`, {
          message: f.message,
          command: f.command,
          exitCode: f.exitCode,
          lastLines: f.lastLines,
          nextAction: f.hints[0]?.advice ?? 'Read the last lines, fix the cause on the server (Open terminal), then Retry; or Skip the step with a reason.',
        }),
      });
    })().catch((err: unknown) => {
      deps.output.flush();
      if (ac.signal.aborted) return;
      sendBack({ type: 'DEPLOY_FAILED', error: toErrorInfo('deploy', 'The deploy could not go on', err) });
    });
    return () => ac.abort(new Error('the deploy actor was stopped'));
  });
}
