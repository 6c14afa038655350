// SPDX-License-Identifier: Apache-2.0
// The single-node Ceph of sandbox and edge: environments/ceph/configuration.yml (fsid, networks,
// OpenStack keys, dashboard, single-node overrides), the pools in group_vars and the OSD
// logical volumes the node's host_vars list.
import type { RenderContext, RenderedFile } from '../render-types.js';
import type { ResolvedSite } from '../../site-types.js';
import { yamlFile, type Vars } from './osism-files.js';

/** The volume group the OSD logical volumes live in (upstream CiaB's disk layout). */
export const OSD_VG = 'osd-vg';

/** The CRUSH rule every pool uses: replicas across OSDs, as there is one host. */
const RULE = 'replicated_rule_ciab';

/** lvm_volumes of the node: osd-1 … osd-N in osd-vg, N from storage.osd_volumes. */
export function lvmVolumes(site: ResolvedSite): Vars[] {
  const n = site.storage?.osd_volumes ?? 0;
  return Array.from({ length: n }, (_, i) => ({ data: `osd-${i + 1}`, data_vg: OSD_VG }));
}

/** The node's Ceph host variables (upstream host_vars/cumulus.yml). */
export function cephHostVars(site: ResolvedSite): Vars {
  const address = site.networks.internal.address;
  return {
    monitor_address: address,
    radosgw_address: address,
    lvm_volumes: lvmVolumes(site),
    crush_rules: [{ name: RULE, root: 'default', type: 'osd', default: true }],
  };
}

function pool(name: string, extra: Vars = {}): Vars {
  return { name, pg_num: 8, pgp_num: 8, rule_name: RULE, ...extra };
}

/** inventory/group_vars/generic/ceph.yml: the pools (upstream moved them here). */
function renderCephPools(): RenderedFile {
  const rgwPool = (size?: number): Vars => ({ pg_num: 8, pgp_num: 8, ...(size ? { size } : {}), type: 'replicated', rule_name: RULE });
  const vars: Vars = {
    openstack_cinder_backup_pool: pool('backups', { application: 'rbd' }),
    openstack_cinder_pool: pool('volumes', { application: 'rbd' }),
    openstack_glance_pool: pool('images', { application: 'rbd' }),
    openstack_gnocchi_pool: pool('metrics', { application: 'rbd' }),
    openstack_nova_pool: pool('vms', { application: 'rbd' }),
    openstack_pools: ['{{ openstack_cinder_backup_pool }}', '{{ openstack_cinder_pool }}', '{{ openstack_glance_pool }}', '{{ openstack_gnocchi_pool }}', '{{ openstack_nova_pool }}'],
    cephfs_data_pool: pool('cephfs_data'),
    cephfs_metadata_pool: pool('cephfs_metadata'),
    cephfs_pools: ['{{ cephfs_data_pool }}', '{{ cephfs_metadata_pool }}'],
    rgw_zone: 'default',
    rgw_create_pools: {
      '{{ rgw_zone }}.rgw.buckets.data': rgwPool(),
      '{{ rgw_zone }}.rgw.buckets.index': rgwPool(3),
      '{{ rgw_zone }}.rgw.meta': rgwPool(3),
      '{{ rgw_zone }}.rgw.log': rgwPool(3),
      '{{ rgw_zone }}.rgw.control': rgwPool(3),
    },
  };
  return yamlFile('inventory/group_vars/generic/ceph.yml', vars, 'Ceph pools of the single-node cluster (8 PGs each, one CRUSH rule over OSDs).');
}

/** Keys OpenStack services use, with upstream's capabilities. */
function openstackKeys(): Vars[] {
  const rbd = 'allow class-read object_prefix rbd_children';
  const key = (name: string, osd: string): Vars => ({ name, caps: { mon: 'allow r', osd: `${rbd}, ${osd}` }, mode: '0600' });
  return [
    key('client.cinder-backup', 'allow rwx pool={{ openstack_cinder_backup_pool.name }}'),
    key('client.cinder', 'allow rwx pool={{ openstack_cinder_pool.name }}, allow rwx pool={{ openstack_nova_pool.name }}, allow rx pool={{ openstack_glance_pool.name }}'),
    key('client.glance', 'allow rwx pool={{ openstack_glance_pool.name }}'),
    key('client.gnocchi', 'allow rwx pool={{ openstack_gnocchi_pool.name }}'),
    key(
      'client.nova',
      'allow rwx pool={{ openstack_glance_pool.name }}, allow rwx pool={{ openstack_nova_pool.name }}, allow rwx pool={{ openstack_cinder_pool.name }}, allow rwx pool={{ openstack_cinder_backup_pool.name }}',
    ),
  ];
}

/** environments/ceph/configuration.yml. */
function renderCephConfiguration(ctx: RenderContext): RenderedFile {
  const site = ctx.site;
  const internal = site.networks.internal;
  // The fsid is written once, in environments/configuration.yml or by the secret store; ceph
  // reads it from there unless the secret store gives the ceph environment its own `fsid`.
  const fsidInCephSecrets = Object.prototype.hasOwnProperty.call(ctx.secrets['environments/ceph/secrets.yml'] ?? {}, 'fsid');
  const vars: Vars = {
    containerized_deployment: true,
    osd_objectstore: 'bluestore',
    osd_scenario: 'lvm',
    generate_fsid: false,
    ...(fsidInCephSecrets ? {} : { fsid: '{{ ceph_cluster_fsid }}' }),
    dmcrypt: false,
    osds_per_device: 1,
    crush_rule_config: true,
    public_network: internal.cidr,
    cluster_network: internal.cidr,
    // Only needed until the pools and keys exist; upstream leaves it on.
    openstack_config: true,
    openstack_keys: openstackKeys(),
    ceph_mgr_modules: ['balancer', 'dashboard', 'prometheus', 'status'],
    ceph_dashboard_port: 7000,
    ceph_dashboard_addr: internal.address,
    ceph_conf_overrides: {
      global: {
        'auth allow insecure global id reclaim': false,
        'mon host': internal.address,
        // One host: replicas are spread over OSDs, not hosts.
        'osd crush chooseleaf type': 0,
        'osd pool default min size': 2,
        'osd pool default pg num': 8,
        'osd pool default size': 3,
      },
      mon: { 'mon allow pool delete': true, 'mon max pg per osd': 400 },
      "client.rgw.{{ hostvars[inventory_hostname]['ansible_hostname'] }}.rgw0": {
        'rgw content length compat': 'true',
        'rgw enable apis': 'swift, s3, admin',
        'rgw keystone accepted roles': 'member, admin',
        'rgw keystone accepted admin roles': 'admin',
        'rgw keystone admin domain': 'default',
        // The same secret kolla registers for the ceph_rgw user (secret store, vaulted).
        'rgw keystone admin password': '{{ ceph_rgw_keystone_password }}',
        'rgw keystone admin project': 'service',
        'rgw keystone admin tenant': 'service',
        'rgw keystone admin user': 'ceph_rgw',
        'rgw keystone api version': '3',
        'rgw keystone url': `https://${site.api_fqdn}:5000`,
        'rgw keystone implicit tenants': 'true',
        'rgw s3 auth use keystone': 'true',
        'rgw swift account in url': 'true',
        'rgw swift versioning enabled': 'true',
      },
    },
  };
  return yamlFile('environments/ceph/configuration.yml', vars, 'ceph-ansible settings of the single-node Ceph cluster.');
}

/** Every file of the ceph environment. */
export function renderCephEnvironment(ctx: RenderContext): RenderedFile[] {
  return [renderCephConfiguration(ctx), renderCephPools()];
}
