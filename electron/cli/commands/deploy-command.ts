// SPDX-License-Identifier: Apache-2.0
// `ciab deploy <site.yaml> --plan [--json]`: validates a site file and prints the resolved deploy
// plan (airgap-prepare, then osism-ciab or k3s-edge by type). Touches nothing; exit 0 printed,
// 1 invalid site or playbook, 2 without --plan or --target (deploy-run-command.ts runs it).
import { formatPlanText, planRecord } from '../../backend/deploy/plan-format.js';
import { playbooksForType, resolvePlan, type PlanVars } from '../../backend/deploy/resolve-plan.js';
import { readSiteArg } from '../read-site-arg.js';
import { EXIT, type Output } from '../cli-output.js';

export interface DeployOptions {
  siteFile: string;
  plan: boolean;
  vars?: PlanVars;
  /** Deploy playbooks to use instead of the built-in ones. */
  playbooksDir?: string | undefined;
}

/** Prints the deploy plan of a site file; resolves with the exit code. */
export async function deployCommand(opts: DeployOptions, out: Output): Promise<number> {
  if (!opts.plan) {
    out.error('deploy needs --target (where to deploy) or --plan (print the steps only)', 'ciab deploy <site.yaml> --target user@host, or ciab deploy <site.yaml> --plan');
    return EXIT.usage;
  }
  const site = await readSiteArg(opts.siteFile, out, 'ciab deploy --plan');
  if (!site) return EXIT.failed;
  let plan;
  try {
    plan = resolvePlan(playbooksForType(site.type), site, opts.vars ?? {}, opts.playbooksDir ? { dir: opts.playbooksDir } : {});
  } catch (err) {
    out.error(`cannot make the deploy plan: ${(err as Error).message}`, 'fix the playbook or site field named above');
    return EXIT.failed;
  }
  if (out.json) out.record({ event: 'plan', ...planRecord(plan) });
  else for (const line of formatPlanText(plan, out)) out.info(line);
  return EXIT.ok;
}
