// SPDX-License-Identifier: Apache-2.0
// Review fixtures for the screen tests: a rendered edge site as `site.review` answers it — OSISM
// environments, inventory, host files with their targets, vault-encrypted secrets (masked), a
// file gone since the previous render, unified diffs — and a leak the check found in chrony.conf.
import { createTwoFilesPatch } from 'diff';
import type { LeakFinding, ReviewFile, SiteReview, WorkflowView } from '../../electron/api/contract.js';
import { stepsFor, view } from './fixture-views.js';

const SITE = { name: 'fra1-edge', type: 'edge', domain: 'edge.fra1.example.net', management: { interface: 'enp65s0f0', dhcp: false, address: '172.16.40.20/24', gateway: '172.16.40.1' }, networks: { internal: { vlan: 200, cidr: '10.64.0.0/20', address: '10.64.0.20', vip: '10.64.0.254' } }, dns: { servers: ['172.16.40.2'] }, ntp: { servers: ['172.16.40.3'] }, storage: { disk: '/dev/nvme1n1' }, registry: { host: 'registry.fra1.example.net:5000' } };

function diff(path: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, 'previous render', 'this render', { context: 3 }).split('\n').slice(1).join('\n');
}

function file(path: string, content: string, change: ReviewFile['change'], before?: string, extra: Partial<ReviewFile> = {}): ReviewFile {
  const f: ReviewFile = { path, size: Buffer.byteLength(content), sha256: 'c0ffee'.repeat(10) + 'abcd', secret: false, change, content, ...extra };
  if (before !== undefined) f.diff = diff(path, before, content);
  return f;
}

const CONFIG_BEFORE = ['---', '# Rendered by the CiaB installer for fra1-edge.', 'kolla_internal_vip_address: 10.64.0.250', 'kolla_internal_fqdn: api-int.edge.fra1.example.net', 'docker_registry: registry.fra1.example.net:5000', 'docker_namespace: osism', 'enable_octavia: "yes"', 'enable_designate: "yes"', 'enable_skyline: "no"', 'openstack_version: "2025.1"', ''].join('\n');
const CONFIG_AFTER = CONFIG_BEFORE.replace('10.64.0.250', '10.64.0.254').replace('enable_designate: "yes"', 'enable_designate: "no"\nenable_barbican: "yes"');
const CHRONY_BEFORE = ['# Rendered by the CiaB installer: site time sources only.', 'server 172.16.40.3 iburst', 'driftfile /var/lib/chrony/chrony.drift', 'makestep 1.0 3', 'rtcsync', ''].join('\n');
const CHRONY_AFTER = CHRONY_BEFORE.replace('server 172.16.40.3 iburst', 'server 172.16.40.3 iburst\npool 2.ubuntu.pool.ntp.org iburst');
const NETPLAN = ['network:', '  version: 2', '  ethernets:', '    enp65s0f0:', '      dhcp4: false', '      addresses: [172.16.40.20/24]', '      routes:', '        - to: default', '          via: 172.16.40.1', '  vlans:', '    vlan200:', '      id: 200', '      link: enp65s0f0', '      addresses: [10.64.0.20/20]', ''].join('\n');
const SECRETS = ['# (vault-encrypted on disk; secret values are masked here)', 'database_password: ••••••••', 'keystone_admin_password: ••••••••', 'rabbitmq_password: ••••••••', ''].join('\n');
const HOSTS = ['[generic]', 'fra1-ciab', '', '[control:children]', 'generic', ''].join('\n');

/** The rendered files of the edge site, against an earlier render. */
export const REVIEW_FILES: ReviewFile[] = [
  file('ciab/render.json', '{\n  "format": "ciab-render",\n  "version": 1,\n  "site": "fra1-edge"\n}\n', 'changed', '{\n  "format": "ciab-render",\n  "version": 1,\n  "site": "fra1-edge-old"\n}\n'),
  file('ciab/site.yaml', 'name: fra1-edge\ntype: edge\n', 'unchanged'),
  file('environments/configuration.yml', '---\nprefer_ipv6: false\n', 'unchanged'),
  file('environments/kolla/configuration.yml', CONFIG_AFTER, 'changed', CONFIG_BEFORE),
  file('environments/kolla/secrets.yml', SECRETS, 'unchanged', undefined, { secret: true }),
  file('environments/secrets.yml', SECRETS, 'unchanged', undefined, { secret: true }),
  file('environments/ceph/configuration.yml', '---\nceph_osd_devices:\n  /dev/nvme1n1: {}\n', 'added', ''),
  file('host/etc/chrony/chrony.conf', CHRONY_AFTER, 'changed', CHRONY_BEFORE, { target: '/etc/chrony/chrony.conf' }),
  file('host/etc/netplan/60-ciab.yaml', NETPLAN, 'unchanged', undefined, { target: '/etc/netplan/60-ciab.yaml' }),
  { path: 'host/etc/apt/sources.list.d/ubuntu-archive.list', size: 0, sha256: '', secret: false, change: 'removed', content: '', diff: diff('host/etc/apt/sources.list.d/ubuntu-archive.list', 'deb http://10.20.0.1/ubuntu noble main\n', '') },
  file('inventory/20-roles', HOSTS, 'unchanged'),
];

/** The leak the check finds in chrony.conf. */
export const LEAK: LeakFinding = { file: 'host/etc/chrony/chrony.conf', line: 3, column: 6, match: '2.ubuntu.pool.ntp.org', reason: 'A public NTP pool: an air-gapped site cannot reach it. Use the site’s own time sources (ntp.servers), or add the name to airgap.allow if it resolves inside the site.' };

/** What `site.review` answers; `leaks` as given. */
export function siteReview(leaks: LeakFinding[] = [], patch: Partial<SiteReview> = {}): SiteReview {
  return { status: 'ready', site: 'fra1-edge', ciabType: 'edge', renderedAt: '2026-11-22T14:05:10.000Z', previousAt: '2026-11-21T09:12:00.000Z', outputDir: '/home/operator/.local/share/ciab-installer/renders/fra1-edge/tree', digest: '9f2c4e1ab37d0c55e6f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7', files: REVIEW_FILES, leaks, ...patch };
}

/** The review view in a render state, with the site and a verified bundle. */
export function reviewView(render: WorkflowView['render'], patch: Partial<WorkflowView> = {}): WorkflowView {
  const state = render.status === 'ready' ? 'review.ready' : render.status === 'failed' ? 'review.failed' : 'review.rendering';
  const reason = render.leaks > 0 ? `The leak check found ${render.leaks} public endpoint${render.leaks > 1 ? 's' : ''} in the rendered configuration: replace ${render.leaks > 1 ? 'them' : 'it'} with site-local sources, or allow ${render.leaks > 1 ? 'them' : 'it'} in airgap.allow.` : render.status !== 'ready' ? 'Wait for the configuration to be rendered.' : undefined;
  return view({
    state,
    steps: stepsFor('review', render.status === 'failed' ? 'failed' : 'current', reason),
    site: { config: SITE, valid: true, errors: [] },
    bundle: { path: '/media/usb/ciab-bundle', verified: true },
    render,
    can: { next: reason === undefined, back: true, cancel: true, ...(reason ? { nextBlockedReason: reason } : {}) },
    ...patch,
  });
}
