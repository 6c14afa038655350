// SPDX-License-Identifier: Apache-2.0
// `ciab deploy <site.yaml> --target T [--resume]`: renders the site, logs in, and runs the deploy with the
// same engine as the app. Step output streams to stdout; the journal and the per-site step states are
// kept in the data dir, so a killed run continues with --resume (the server's checkpoints cover the rest).
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { appVersion, defaultDataDir } from '../../backend/app-paths.js';
import { bundleTransfer } from '../../backend/deploy/bundle-transfer.js';
import { runDeploy } from '../../backend/deploy/deploy-run.js';
import { DEFAULT_BUNDLE_DIR, playbooksForType, resolvePlan, type PlanVars } from '../../backend/deploy/resolve-plan.js';
import { JournalWriter } from '../../backend/journal/journal-writer.js';
import { Redactor } from '../../backend/journal/redactor.js';
import { renderSite } from '../../backend/site/render/render-site.js';
import { writeRenderedTree } from '../../backend/site/render/write-tree.js';
import { allSecretValues, loadSiteSecrets } from '../../backend/site/secrets/site-secret-store.js';
import type { DeployStepState } from '../../backend/workflow/installer-types.js';
import { EXIT, type Output } from '../cli-output.js';
import { openCliSession, type CliTargetOptions } from '../cli-session.js';
import { readSiteArg } from '../read-site-arg.js';
import { readSecretFile } from './render-command.js';

export interface DeployRunOptions extends CliTargetOptions {
  siteFile: string;
  resume: boolean;
  dataDir?: string | undefined;
  sudoPasswordFile?: string | undefined;
  vaultPasswordFile?: string | undefined;
  registryPasswordFile?: string | undefined;
  /** A verified bundle directory to upload first (omit when the bundle is on the node already). */
  bundle?: string | undefined;
  vars?: PlanVars;
  /** The runner's state directory on the node (default /var/lib/ciab-installer/runner/<site>). */
  stateDir?: string | undefined;
  /** Deploy playbooks to use instead of the built-in ones (a site's own, or stand-ins in tests). */
  playbooksDir?: string | undefined;
}

const UNFINISHED = (known: Record<string, DeployStepState>) => Object.values(known).some((s) => s.status !== 'done' && s.status !== 'already-done' && s.status !== 'skipped');

/** Runs the deploy of a site file against a target; resolves with the exit code. */
export async function deployRunCommand(opts: DeployRunOptions, out: Output): Promise<number> {
  const site = await readSiteArg(opts.siteFile, out, 'ciab deploy');
  if (!site) return EXIT.failed;
  const dataDir = opts.dataDir ?? defaultDataDir();
  const stateFile = path.join(dataDir, 'cli-deploy', `${site.name}.json`);
  let known: Record<string, DeployStepState> = {};
  if (existsSync(stateFile)) {
    known = (JSON.parse(await readFile(stateFile, 'utf8')) as { steps: Record<string, DeployStepState> }).steps;
    if (!opts.resume && UNFINISHED(known)) {
      out.error(`a deploy of ${site.name} was started before and has not finished (${stateFile})`, 'continue it with --resume, or delete that file to start over (the server skips what its checkpoints say is done)');
      return EXIT.usage;
    }
    if (!opts.resume) known = {};
  }
  const redactor = new Redactor();
  let sudoPassword: string | undefined;
  let renderDir: string;
  let vaultPassword: string;
  try {
    sudoPassword = opts.sudoPasswordFile ? await readSecretFile(opts.sudoPasswordFile, '--sudo-password-file') : undefined;
    const vaultGiven = opts.vaultPasswordFile ? await readSecretFile(opts.vaultPasswordFile, '--vault-password-file') : undefined;
    const registryPassword = opts.registryPasswordFile ? await readSecretFile(opts.registryPasswordFile, '--registry-password-file') : site.registry.password;
    const secrets = await loadSiteSecrets(dataDir, site, vaultGiven);
    vaultPassword = secrets.vaultPassword;
    for (const v of [sudoPassword, registryPassword, vaultPassword, ...allSecretValues(secrets.secrets)]) if (v) redactor.add(v);
    const result = renderSite({ site, secrets: secrets.secrets, vaultPassword, ...(registryPassword !== undefined ? { registryPassword } : {}) });
    if (result.leaks.length > 0) {
      out.error(`the rendered configuration names ${result.leaks.length} public endpoint(s), e.g. ${result.leaks[0]?.file}:${result.leaks[0]?.line} ${result.leaks[0]?.match}`, 'run `ciab render --check` for the list and fix the site file');
      return EXIT.failed;
    }
    renderDir = path.join(dataDir, 'renders', site.name, 'tree');
    await writeRenderedTree(renderDir, result.files);
  } catch (err) {
    out.error(`cannot prepare the deploy: ${(err as Error).message}`);
    return EXIT.failed;
  }
  const session = await openCliSession(opts, out).catch((err: { message?: string; nextAction?: string }) => {
    out.error(`could not connect to ${opts.target}: ${err.message ?? String(err)}`, err.nextAction);
    return null;
  });
  if (!session) return EXIT.usage;
  const journal = JournalWriter.create(
    path.join(dataDir, 'journals', `cli-${site.name}-${new Date().toISOString().replace(/[:.]/g, '-')}.ndjson`),
    { appVersion: appVersion(), installId: `cli-${site.name}`, startedAt: new Date().toISOString(), mode: 'install', profile: null, target: { host: session.target.host, port: session.target.port, username: session.target.username } },
    { redactor },
  );
  const ac = new AbortController();
  let signalled: 'SIGINT' | 'SIGTERM' | null = null;
  const onSignal = (s: 'SIGINT' | 'SIGTERM') => () => {
    signalled ??= s;
    ac.abort(new Error(`${s}: the deploy stops following (running steps keep running on the server)`));
  };
  const onInt = onSignal('SIGINT');
  const onTerm = onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  const decoders = new Map<string, TextDecoder>();
  let saving = Promise.resolve();
  const save = () => {
    const snapshot = JSON.stringify({ site: site.name, steps: known }, null, 2);
    saving = saving.then(async () => {
      await mkdir(path.dirname(stateFile), { recursive: true });
      await writeFile(`${stateFile}.tmp`, snapshot, { mode: 0o600 });
      await rename(`${stateFile}.tmp`, stateFile);
    });
  };
  const say = (text: string, record: Record<string, unknown>) => (out.json ? out.record(record) : out.info(text));
  try {
    const plan = resolvePlan(playbooksForType(site.type), site, opts.vars ?? {}, opts.playbooksDir ? { dir: opts.playbooksDir } : {});
    const transfers = opts.bundle ? [await bundleTransfer(session, opts.bundle, opts.vars?.bundle_dir ?? DEFAULT_BUNDLE_DIR)] : [];
    const result = await runDeploy({
      session, site, plan, renderDir, vaultPassword, sudoPassword, known, transfers, signal: ac.signal,
      ...(opts.vars ? { vars: opts.vars } : {}),
      ...(opts.stateDir ? { stateDir: opts.stateDir } : {}),
      listener: {
        plan: (phases) => say(out.bold(`Deploying ${site.name} (${site.type}) to ${session.target.username}@${session.target.host}: ${phases.reduce((n, p) => n + p.steps.length, 0)} steps in ${phases.length} phases`), { event: 'plan', phases }),
        step: (key, state) => {
          known = { ...known, [key]: state };
          save();
          journal.append({ type: 'step', key, status: state.status === 'pending' ? 'running' : state.status, attempt: state.attempt, ...(state.durationMs !== null ? { durationMs: state.durationMs } : {}) });
          journal.flush();
          const mark = state.status === 'running' ? '▶' : state.status === 'done' ? out.green('✓') : state.status === 'already-done' ? out.green('=') : state.status;
          say(`${mark} ${key}${state.attempt > 1 ? ` (attempt ${state.attempt})` : ''}${state.status === 'already-done' ? ' (already done)' : ''}${state.durationMs !== null ? out.dim(` ${(state.durationMs / 1000).toFixed(1)} s`) : ''}`, { event: 'step', key, ...state });
        },
        output: (key, attempt, offset, bytes) => {
          const id = `${key}#${attempt}`;
          let d = decoders.get(id);
          if (!d) decoders.set(id, (d = new TextDecoder('utf-8')));
          const data = d.decode(bytes, { stream: true });
          if (data) journal.append({ type: 'output', key, attempt, offset, data });
          if (!out.json) process.stdout.write(redactor.text(bytes.toString('utf8')));
        },
        reattach: (key, attempt, offset, drops) => {
          journal.append({ type: 'reattach', key, attempt, offset, drops });
          say(out.dim(`(re-attached to ${key} at byte ${offset} after a dropped connection)`), { event: 'reattach', key, attempt, offset, drops });
        },
      },
    });
    await saving;
    if (result.ok) {
      journal.append({ type: 'marker', label: 'deploy finished', kind: 'end' });
      say(out.bold(out.green(`Deploy of ${site.name} finished.`)), { event: 'done', site: site.name });
      return EXIT.ok;
    }
    const f = result.failure;
    known = { ...known, [f.key]: { status: 'failed', attempt: f.attempt, durationMs: known[f.key]?.durationMs ?? null } };
    save();
    await saving;
    journal.append({ type: 'step', key: f.key, status: 'failed', attempt: f.attempt, exitCode: f.exitCode, timedOut: f.timedOut });
    if (out.json) out.record({ event: 'failed', ...f });
    else {
      out.info(out.red(`✗ ${f.key}: ${f.title} — ${f.message}`));
      for (const l of f.lastLines) out.info(out.dim(`  | ${l}`));
      for (const h of f.hints) out.info(`  hint: ${out.bold(h.title)} — ${h.advice}`);
    }
    out.error(`step ${f.key} failed`, `fix the cause on the server, then run \`ciab deploy ${opts.siteFile} --target ${opts.target} --resume\` to retry it`);
    return EXIT.failed;
  } catch (err) {
    await saving.catch(() => undefined);
    if (signalled) return signalled === 'SIGINT' ? EXIT.interrupted : EXIT.terminated;
    const e = err as { message?: string; nextAction?: string };
    out.error(`the deploy could not go on: ${e.message ?? String(err)}`, e.nextAction ?? 'run again with --resume once the cause is fixed');
    return EXIT.usage;
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    journal.close();
    await session.close();
  }
}
