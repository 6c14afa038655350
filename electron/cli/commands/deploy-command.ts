// SPDX-License-Identifier: Apache-2.0
// `ciab deploy <site.yaml> --plan [--json]`: validates a site file and prints the resolved deploy
// plan (airgap-prepare, then osism-ciab or k3s-edge by type). Touches nothing; exit 0 printed,
// 1 invalid site or playbook, 2 without --plan (the runner is not part of this version yet).
import { formatPlanText, planRecord } from '../../backend/deploy/plan-format.js';
import { playbooksForType, resolvePlan, type PlanVars } from '../../backend/deploy/resolve-plan.js';
import { formatSiteErrors, readSiteFile } from '../../backend/site/site-file.js';
import { EXIT, type Output } from '../cli-output.js';

export interface DeployOptions {
  siteFile: string;
  plan: boolean;
  vars?: PlanVars;
}

/** Prints the deploy plan of a site file; resolves with the exit code. */
export async function deployCommand(opts: DeployOptions, out: Output): Promise<number> {
  if (!opts.plan) {
    out.error('the deploy runner is not part of this version yet; use --plan', 'ciab deploy <site.yaml> --plan prints what would run');
    return EXIT.usage;
  }
  let parsed;
  try {
    parsed = await readSiteFile(opts.siteFile);
  } catch (err) {
    out.error(`cannot read the site file ${opts.siteFile}: ${(err as Error).message}`);
    return EXIT.failed;
  }
  if (!parsed.resolved) {
    if (out.json) out.record({ site: opts.siteFile, valid: false, errors: parsed.errors });
    for (const line of formatSiteErrors(opts.siteFile, parsed.errors)) out.info(line);
    out.error(`${opts.siteFile} is not a valid site file (${parsed.errors.length} problem${parsed.errors.length === 1 ? '' : 's'})`, 'fix the fields named above and run ciab deploy --plan again');
    return EXIT.failed;
  }
  const site = parsed.resolved;
  let plan;
  try {
    plan = resolvePlan(playbooksForType(site.type), site, opts.vars ?? {});
  } catch (err) {
    out.error(`cannot make the deploy plan: ${(err as Error).message}`, 'fix the playbook or site field named above');
    return EXIT.failed;
  }
  if (out.json) out.record({ event: 'plan', ...planRecord(plan) });
  else for (const line of formatPlanText(plan, out)) out.info(line);
  return EXIT.ok;
}
