// SPDX-License-Identifier: Apache-2.0
// One deploy run against one server, shared by the app's workflow and `ciab deploy`: resolves the plan,
// opens the control channel (as root through sudo when the login user is not root; the password goes on
// stdin), copies the rendered configuration and the password-holding host files, then runs the engine.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SshSession } from '../ssh/ssh-session.js';
import { MANIFEST_PATH } from '../site/render/render-site.js';
import type { ResolvedSite } from '../site/site-types.js';
import { decryptVault } from '../site/vault/ansible-vault.js';
import type { DeployPhaseOutline, DeployStepState } from '../workflow/installer-types.js';
import { DeployEngine, planOutline, type EngineListener, type EngineResult, type TransferStep } from './deploy-engine.js';
import { loadHints } from './load-playbook.js';
import { DEFAULT_CONFIG_DIR, playbooksForType, resolvePlan, type DeployPlan, type PlanVars } from './resolve-plan.js';
import { ControlChannel, sessionOpener } from './runner/control-channel.js';
import type { CtlStepAgent } from './runner/ctl-step.js';

/** Where the runner keeps its state on the server, per site (so another laptop resumes the same run). */
export function runnerStateDir(site: string): string {
  return `/var/lib/ciab-installer/runner/${site}`;
}

/** A file of the rendered tree as render.json lists it. */
interface RenderManifestFile {
  path: string;
  mode: string;
  target?: string;
  secret?: 'vault';
}

export interface DeployRunInput {
  session: Pick<SshSession, 'openChannel' | 'status' | 'onStatus' | 'target'>;
  site: ResolvedSite;
  /** The rendered tree of this site (ciab/render.json inside). */
  renderDir: string;
  vaultPassword: string;
  sudoPassword?: string | undefined;
  known: Record<string, DeployStepState>;
  listener: EngineListener & { plan(phases: DeployPhaseOutline[]): void };
  /** Extra transfer steps after the configuration (the bundle upload). */
  transfers?: TransferStep[];
  vars?: PlanVars;
  signal: AbortSignal;
  /** Hands out the engine so the caller can stop the running step. */
  onEngine?: (engine: DeployEngine) => void;
  /** Overrides (tests): the plan, the state directory. */
  plan?: DeployPlan;
  stateDir?: string;
}

/** Runs the deploy to its end or first failure. Throws for infrastructure problems (connection lost, sudo refused). */
export async function runDeploy(input: DeployRunInput): Promise<EngineResult> {
  const { site } = input;
  const plan = input.plan ?? resolvePlan(playbooksForType(site.type), site, input.vars ?? {});
  const manifest = JSON.parse(await readFile(path.join(input.renderDir, MANIFEST_PATH), 'utf8')) as { site: string; files: RenderManifestFile[] };
  if (manifest.site !== site.name) throw new Error(`the rendered configuration in ${input.renderDir} is for site ${manifest.site}, not ${site.name}: render again`);
  const transfers = [configTransfer(input, manifest.files), ...hostSecretTransfer(input, manifest.files), ...(input.transfers ?? [])];
  input.listener.plan(planOutline(plan, transfers));

  const user = input.session.target.username;
  const asRoot = user !== 'root';
  const ctl = new ControlChannel(sessionOpener(input.session), input.stateDir ?? runnerStateDir(site.name), undefined, asRoot ? { sudo: { ...(input.sudoPassword ? { password: input.sudoPassword } : {}) } } : {});
  // A session that gave up reconnecting ends the run (the step keeps running on the server; Retry re-attaches).
  const ac = new AbortController();
  const onAbort = () => ac.abort(input.signal.reason);
  input.signal.addEventListener('abort', onAbort, { once: true });
  let lostMessage: string | null = null;
  const off = input.session.onStatus((s) => {
    if (s.status === 'lost') {
      lostMessage = s.message ?? 'the connection was lost';
      ac.abort(new Error(lostMessage));
    }
  });
  try {
    const engine = new DeployEngine({ plan, ctl, hints: loadHints(), known: input.known, listener: input.listener, runAsUser: asRoot ? user : null, transfers, signal: ac.signal });
    input.onEngine?.(engine);
    return await engine.run();
  } catch (err) {
    if (lostMessage !== null && !input.signal.aborted) {
      throw Object.assign(new Error(`The connection to ${input.session.target.host} was lost: ${lostMessage}. Steps that were running keep running on the server.`), {
        nextAction: 'Check the network and press Retry: the installer re-attaches to the running step and skips what is done.',
      });
    }
    throw err;
  } finally {
    off();
    input.signal.removeEventListener('abort', onAbort);
    ctl.close();
  }
}

// The rendered tree goes to config_dir file by file over the channel (root: the directory is root's).
function configTransfer(input: DeployRunInput, files: RenderManifestFile[]): TransferStep {
  const dir = input.vars?.config_dir ?? DEFAULT_CONFIG_DIR;
  const all = [...files, { path: MANIFEST_PATH, mode: '0644' }];
  return {
    key: 'ciab/copy-config',
    title: `Copy the rendered configuration to ${dir}`,
    expectedS: 2,
    async run(agent: CtlStepAgent, signal: AbortSignal) {
      for (const f of all) {
        signal.throwIfAborted();
        const content = await readFile(path.join(input.renderDir, f.path));
        await agent.put(`${dir}/${f.path}`, parseInt(f.mode, 8), content);
      }
    },
  };
}

// Host files holding a password are vault-encrypted in the tree: decrypted here and installed over the
// channel's stdin, so the plain text is never on a command line, in the state directory or in a log.
function hostSecretTransfer(input: DeployRunInput, files: RenderManifestFile[]): TransferStep[] {
  const vaulted = files.filter((f) => f.secret === 'vault' && f.target);
  if (vaulted.length === 0) return [];
  return [
    {
      key: 'ciab/install-host-secrets',
      title: `Install ${vaulted.length} host file${vaulted.length === 1 ? '' : 's'} holding passwords`,
      expectedS: 1,
      async run(agent: CtlStepAgent, signal: AbortSignal) {
        for (const f of vaulted) {
          signal.throwIfAborted();
          const plain = decryptVault(await readFile(path.join(input.renderDir, f.path), 'utf8'), input.vaultPassword);
          await agent.put(f.target as string, 0o600, plain);
        }
      },
    },
  ];
}
