// SPDX-License-Identifier: Apache-2.0
// Every example site resolves into a plan: the right playbooks and steps per type, gating by
// services and type, the reference's osism apply order, valid shell, and no public endpoint.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { playbooksForType, planVariables, resolvePlan, type DeployPlan } from '../../../../electron/backend/deploy/resolve-plan.js';
import { scanForLeaks } from '../../../../electron/backend/site/leak-check.js';
import { validateSite } from '../../../../electron/backend/site/validate-site.js';
import type { ResolvedSite } from '../../../../electron/backend/site/site-types.js';
import { exampleSite } from '../../../helpers/site-fixtures.js';

type SiteType = 'sandbox' | 'edge' | 'kubernetes';

function site(type: SiteType, patch: (s: Record<string, unknown>) => void = () => undefined): ResolvedSite {
  const raw = exampleSite(type);
  patch(raw);
  const v = validateSite(raw);
  expect(v.errors).toEqual([]);
  return v.resolved!;
}

const planFor = (s: ResolvedSite): DeployPlan => resolvePlan(playbooksForType(s.type), s);
const keys = (plan: DeployPlan) => plan.phases.flatMap((p) => p.steps.map((s) => s.key));
const applied = (plan: DeployPlan) =>
  plan.phases.flatMap((p) => p.steps).flatMap((s) => {
    const m = /^osism apply (?:--environment \S+ )?(\S+)/.exec(s.command);
    return m ? [m[1]!] : [];
  });

// reference osism-ciab.md §2.2, deploy.sh for sandbox (after the manager bootstrap's `osism apply bootstrap`).
const SANDBOX_APPLY_ORDER = [
  'bootstrap',
  'pull-container-images',
  'common', 'loadbalancer', 'opensearch', 'openvswitch', 'ovn', 'memcached', 'redis', 'mariadb', 'rabbitmq',
  'create-logical-volumes', 'ceph', 'ceph-pools', 'cephclient', 'ceph-bootstrap-dashboard',
  'keystone', 'horizon', 'placement', 'glance', 'neutron', 'nova', 'cinder', 'designate', 'octavia', 'openstackclient', 'kolla-ceph-rgw',
  'skyline', 'barbican', 'prometheus', 'grafana', 'phpmyadmin', 'cgit', 'homer', 'netdata',
  'wireguard', 'workarounds', 'bootstrap-sandbox', 'test',
];

describe('resolvePlan for the example sites', () => {
  it.each([
    ['sandbox', 71, ['airgap-prepare', 'osism-ciab']],
    ['edge', 57, ['airgap-prepare', 'osism-ciab']],
    ['kubernetes', 21, ['airgap-prepare', 'k3s-edge']],
  ] as const)('%s: %i steps from %j', (type, count, playbooks) => {
    const plan = planFor(site(type));
    expect(plan.playbooks).toEqual(playbooks);
    expect(plan.steps).toBe(count);
    expect(new Set(keys(plan)).size).toBe(count);
    expect(plan.duration).toBe(plan.phases.reduce((t, p) => t + p.steps.reduce((u, s) => u + s.duration, 0), 0));
    expect(plan.phases.every((p) => p.steps.length > 0)).toBe(true);
  });

  it('sandbox runs the osism apply sequence in the order of upstream deploy.sh', () => {
    expect(applied(planFor(site('sandbox')))).toEqual(SANDBOX_APPLY_ORDER);
  });

  it('edge leaves out what the edge profile turns off, and the local registry it does not use', () => {
    const plan = planFor(site('edge'));
    const edgeOff = ['opensearch', 'skyline', 'barbican', 'prometheus', 'grafana', 'phpmyadmin', 'cgit', 'homer', 'netdata'];
    expect(applied(plan)).toEqual(SANDBOX_APPLY_ORDER.filter((r) => !edgeOff.includes(r)).map((r) => (r === 'bootstrap-sandbox' ? 'bootstrap-edge' : r)));
    const skipped = plan.phases.flatMap((p) => p.skipped);
    expect(skipped.find((s) => s.key === 'osism-ciab/apply-opensearch')?.reason).toBe('services.opensearch is off');
    expect(keys(plan).filter((k) => k.includes('registry'))).toEqual([]);
    expect(keys(plan)).not.toContain('airgap-prepare/unpack-apt-mirror');
    expect(skipped.find((s) => s.key === 'airgap-prepare/unpack-apt-mirror')?.reason).toMatch(/mirror\.fra1\.example\.net/);
  });

  it('kubernetes installs k3s from the bundle and never runs OSISM', () => {
    const plan = planFor(site('kubernetes'));
    const commands = plan.phases.flatMap((p) => p.steps.map((s) => s.command)).join('\n');
    expect(commands).not.toMatch(/\bosism\b/);
    expect(commands).toContain('INSTALL_K3S_SKIP_DOWNLOAD=true');
    expect(keys(plan)).toEqual(expect.arrayContaining(['airgap-prepare/place-k3s-binary', 'airgap-prepare/place-k3s-images', 'k3s-edge/install-k3s', 'k3s-edge/wait-node-ready', 'k3s-edge/k8s-dashboard', 'k3s-edge/netdata']));
    expect(keys(planFor(site('sandbox')))).not.toContain('airgap-prepare/place-k3s-binary');
  });

  it('services flags gate their steps', () => {
    const off = planFor(site('sandbox', (s) => (s.services = { octavia: false, wireguard: false, k8s_dashboard: true })));
    expect(keys(off)).not.toContain('osism-ciab/apply-octavia');
    expect(keys(off)).not.toContain('osism-ciab/octavia-image');
    expect(keys(off)).not.toContain('osism-ciab/apply-wireguard');
    const k8s = planFor(site('kubernetes', (s) => (s.services = { k8s_dashboard: false, netdata: false })));
    expect(keys(k8s).filter((k) => k.startsWith('k3s-edge/'))).toEqual(['k3s-edge/install-k3s', 'k3s-edge/wait-node-ready', 'k3s-edge/wait-system-pods']);
  });

  it('picks valkey from OpenStack 2025.2 on, redis before', () => {
    expect(planVariables(site('sandbox')).valkey_or_redis).toBe('redis');
    expect(planVariables(site('sandbox', (s) => (s.versions = { openstack: '2025.2' }))).valkey_or_redis).toBe('valkey');
    expect(applied(planFor(site('sandbox', (s) => (s.versions = { openstack: '2026.1' }))))).toContain('valkey');
  });

  it('puts the octavia and OS images and the flavors from the bundle, never from a base URL', () => {
    const commands = planFor(site('sandbox')).phases.flatMap((p) => p.steps.map((s) => s.command));
    expect(commands.find((c) => c.startsWith('osism manage image octavia'))).toBe('osism manage image octavia --base-url file:///srv/ciab/bundle/images/octavia/');
    expect(commands.filter((c) => c.startsWith('osism manage images')).every((c) => c.includes('--images /srv/ciab/bundle/images/definitions'))).toBe(true);
    expect(commands).toContain('osism manage flavors --cloud admin --name local');
    expect(commands.join('\n')).not.toMatch(/heise\.de|pip install|git clone|ansible-galaxy|run\.sh configuration/);
  });

  it.each(['sandbox', 'edge', 'kubernetes'] as const)('%s: every command and check is valid bash and names no public endpoint', (type) => {
    const s = site(type);
    const plan = planFor(s);
    const files = plan.phases.flatMap((p) => p.steps.flatMap((st) => [{ path: `${st.key}/command`, content: st.command }, ...(st.check ? [{ path: `${st.key}/check`, content: st.check }] : [])]));
    for (const f of files) expect(() => execFileSync('bash', ['-n', '-c', f.content], { stdio: 'pipe' }), f.path).not.toThrow();
    expect(scanForLeaks(files, s)).toEqual([]);
  });

  it('honours the upload directories it is given', () => {
    const plan = resolvePlan(['airgap-prepare'], site('sandbox'), { bundle_dir: '/data/ciab bundle', config_dir: '/data/config' });
    const first = plan.phases[0]!.steps[0]!;
    expect(first.command).toContain("test -s '/data/ciab bundle'/manifest.json && test -s /data/config/ciab/render.json");
  });

  it('refuses a playbook for another type', () => {
    expect(() => resolvePlan(['k3s-edge'], site('sandbox'))).toThrow(/k3s-edge: installs kubernetes, not a sandbox site/);
  });
});
