// SPDX-License-Identifier: Apache-2.0
// `ciab deploy <site> --plan` as an operator or a script runs it: the built CLI prints the plan
// (JSON with --json), refuses an invalid site with file:line, and without --plan runs nothing.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
async function ciab(args: string[]) {
  try {
    const r = await run(process.execPath, [path.resolve('bin/ciab.mjs'), ...args], { timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

interface PlanJson {
  event: string;
  site: string;
  type: string;
  playbooks: string[];
  steps: number;
  duration: number;
  phases: { playbook: string; id: string; steps: { key: string; command: string }[] }[];
}

describe('ciab deploy --plan', () => {
  it('prints the sandbox plan as JSON (exit 0)', async () => {
    const r = await ciab(['deploy', 'examples/site-sandbox.yaml', '--plan', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as PlanJson;
    expect(plan.event).toBe('plan');
    expect(plan.site).toBe('lab-sandbox');
    expect(plan.playbooks).toEqual(['airgap-prepare', 'osism-ciab']);
    expect(plan.phases.map((p) => `${p.playbook}/${p.id}`)).toEqual([
      'airgap-prepare/bundle',
      'airgap-prepare/host',
      'airgap-prepare/packages',
      'airgap-prepare/registry',
      'airgap-prepare/configuration',
      'osism-ciab/manager-bootstrap',
      'osism-ciab/prepare',
      'osism-ciab/infrastructure',
      'osism-ciab/ceph',
      'osism-ciab/openstack',
      'osism-ciab/extras',
      'osism-ciab/post-install',
    ]);
    expect(plan.steps).toBe(plan.phases.reduce((n, p) => n + p.steps.length, 0));
    expect(plan.duration).toBeGreaterThan(3600);
    expect(plan.phases.flatMap((p) => p.steps.map((s) => s.command))).toContain('osism apply keystone');
  });

  it('prints the kubernetes plan for people', async () => {
    const r = await ciab(['deploy', 'examples/site-kubernetes.yaml', '--plan']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Deploy plan for shop-k3s (kubernetes): airgap-prepare + k3s-edge');
    expect(r.stdout).toContain('Nothing was run: this is the plan only.');
  });

  it('refuses an invalid site naming file and line (exit 1)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ciab-deploy-'));
    const file = path.join(dir, 'site.yaml');
    writeFileSync(file, 'name: Bad_Name\ntype: sandbox\n');
    const r = await ciab(['deploy', file, '--plan']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${file}:1: /name`);
    expect(r.stderr).toContain('is not a valid site file');
  });

  it('without --plan or --target runs nothing and says why (exit 2)', async () => {
    const r = await ciab(['deploy', 'examples/site-sandbox.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('deploy needs --target (where to deploy) or --plan (print the steps only)');
  });
});
