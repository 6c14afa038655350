// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { scanForLeaks } from '../../../../../../electron/backend/site/leak-check.js';
import { ROOT_REGISTRY_VARS } from '../../../../../../electron/backend/site/render/osism/registries.js';
import { RenderError } from '../../../../../../electron/backend/site/render/render-types.js';
import { isOpenStackType } from '../../../../../../electron/backend/site/site-types.js';
import { contextFor, example, REGISTRY_PASSWORD, render, TYPES, unvault, yamlOf, type CiabType } from './osism-fixtures.js';

const COMMON_FILES = [
  'environments/configuration.yml',
  'environments/infrastructure/configuration.yml',
  'environments/manager/configuration.yml',
  'environments/manager/group_vars/manager.yml',
  'environments/manager/hosts',
  'environments/secrets.yml',
  'inventory/10-custom',
  'inventory/20-roles',
  'inventory/99-overwrite',
  'inventory/group_vars/generic/ansible.yml',
  'inventory/group_vars/generic/generic.yml',
  'inventory/group_vars/generic/network.yml',
  'inventory/group_vars/generic/registries.yml',
];
const OPENSTACK_FILES = [
  'environments/ceph/configuration.yml',
  'environments/kolla/configuration.yml',
  'environments/kolla/files/overlays/neutron/ml2_conf.ini',
  'environments/kolla/secrets.yml',
  'environments/manager/files/osism.sh',
  'environments/openstack/configuration.yml',
  'inventory/group_vars/generic/ceph.yml',
  'inventory/group_vars/generic/kolla.yml',
];
const KUBERNETES_FILES = ['environments/kubernetes/configuration.yml', 'environments/kubernetes/secrets.yml', 'inventory/group_vars/generic/k3s.yml'];

describe.each(TYPES)('renderOsismRepository of examples/site-%s.yaml', (type: CiabType) => {
  const site = example(type);
  const files = render(site);
  const paths = files.map((f) => f.path);
  const y = (p: string) => yamlOf(files, p);

  it('renders the upstream layout for the type, sorted, with host vars named after the node', () => {
    const own = isOpenStackType(type) ? OPENSTACK_FILES : KUBERNETES_FILES;
    const other = isOpenStackType(type) ? KUBERNETES_FILES : OPENSTACK_FILES;
    expect(paths).toEqual(expect.arrayContaining([...COMMON_FILES, ...own, `inventory/host_vars/${site.node.hostname}.yml`, `environments/manager/host_vars/${site.node.hostname}.yml`]));
    for (const p of other) expect(paths).not.toContain(p);
    expect(paths).toEqual([...paths].sort());
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('is byte-identical on a second render', () => {
    expect(render(site)).toEqual(files);
  });

  it('points every registry variable at the local registry', () => {
    const host = site.registry.host;
    for (const p of ['inventory/group_vars/generic/registries.yml', 'environments/manager/configuration.yml']) {
      const vars = y(p);
      const registryVars = Object.entries(vars).filter(([k]) => /^(docker_registry|.*_docker_registry)/.test(k) && !/_(insecure|username|password|mirrors)$/.test(k));
      expect(registryVars.length).toBe(ROOT_REGISTRY_VARS.length + 2);
      for (const [k, v] of registryVars) expect(v, `${p} ${k}`).toBe(k === 'httpd_docker_registry' ? `${host}/library` : host);
    }
    expect(y('inventory/group_vars/generic/registries.yml').docker_namespace).toBe('kolla');
    const global = y('environments/configuration.yml');
    expect(global.docker_registry_mirrors).toEqual([`${site.registry.insecure ? 'http' : 'https'}://${host}`]);
    expect(global.docker_insecure_registries).toEqual(site.registry.insecure ? [host] : []);
    expect(global.docker_configure_repository).toBe(false);
    expect(global.repositories).toEqual([]);
  });

  it('takes DNS, NTP, the VIP and the node addresses from the site', () => {
    const global = y('environments/configuration.yml');
    const internal = site.networks.internal;
    expect(global.resolvconf_nameserver).toEqual(site.dns.servers);
    expect(global.chrony_servers).toEqual(site.ntp.servers);
    expect(global.chrony_server_options).toBe('iburst');
    expect(global.hosts_additional_entries).toMatchObject({ [site.api_fqdn]: internal.vip, [`manager.systems.${site.domain}`]: internal.address });
    const host = y(`inventory/host_vars/${site.node.hostname}.yml`);
    expect(host).toMatchObject({ node_id: site.node.id, internal_address: internal.address, ansible_host: internal.address });
    const net = y('inventory/group_vars/generic/network.yml');
    expect(net.network_mgmt_interface).toBe(site.management.interface);
    expect(net.network_internal_interface).toBe(`vlan${internal.vlan}`);
    const vlan = (net.network_vlans as Record<string, { id: number; addresses: string[] }>)[`vlan${internal.vlan}`]!;
    expect(vlan.id).toBe(internal.vlan);
    expect(vlan.addresses[0]).toBe(`${internal.address}/${internal.cidr.split('/')[1]}`);
    const eth = (net.network_ethernets as Record<string, Record<string, unknown>>)[site.management.interface]!;
    expect(eth.dhcp4).toBe(site.management.dhcp);
    expect(eth.nameservers).toMatchObject({ addresses: site.dns.servers });
    if (!site.management.dhcp) expect(eth).toMatchObject({ addresses: [site.management.address], routes: [{ to: 'default', via: site.management.gateway }] });
    expect(y('environments/manager/group_vars/manager.yml')).toMatchObject({ network_vlans: net.network_vlans, network_ethernets: net.network_ethernets });
  });

  it('writes the manager versions and the configuration source without a public host', () => {
    const m = y('environments/manager/configuration.yml');
    expect(m).toMatchObject({ manager_version: site.versions.manager, openstack_version: site.versions.openstack, configuration_git_host: 'localhost', configuration_directory: '/opt/configuration' });
    expect(m.enable_osism_kubernetes).toBe(type === 'kubernetes');
  });

  it('vaults every secrets file with mode 0600, adding the derived operator secrets', () => {
    const vaulted = files.filter((f) => f.secret === 'vault');
    expect(vaulted.map((f) => f.path).sort()).toEqual(Object.keys(contextFor(site).secrets).sort());
    for (const f of vaulted) {
      expect(f.mode).toBe(0o600);
      expect(f.content.startsWith('$ANSIBLE_VAULT;1.1;AES256\n')).toBe(true);
    }
    const secrets = y('environments/secrets.yml');
    expect(secrets.operator_password).toMatch(/^\$6\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$/);
    expect(secrets.operator_private_key).toContain('BEGIN OPENSSH PRIVATE KEY');
    expect(y('environments/configuration.yml').operator_authorized_keys).toContain('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAImanager manager@ciab');
    expect(secrets.docker_registry_password).toBe(site.registry.username !== undefined ? REGISTRY_PASSWORD : undefined);
    for (const f of files.filter((x) => x.secret !== 'vault')) expect(f.mode === 0o644 || f.mode === 0o755, f.path).toBe(true);
  });

  it('passes the air-gap leak check', () => {
    expect(scanForLeaks(files.filter((f) => f.secret !== 'vault'), site)).toEqual([]);
  });

  it('mentions no public endpoint', () => {
    const publicNames = /registry\.osism\.tech|docker\.io|quay\.io|ghcr\.io|github|pypi\.org|archive\.ubuntu\.com|download\.docker\.com|pool\.ntp\.org|8\.8\.8\.8|9\.9\.9\.9|149\.112\.112\.|heise\.de|your-objectstorage\.com/;
    for (const f of files.filter((x) => x.secret !== 'vault' && x.path !== 'inventory/group_vars/generic/k3s.yml')) expect(f.content, f.path).not.toMatch(publicNames);
  });
});

describe('the OpenStack types', () => {
  it('turn the optional services on and off as the site profile says', () => {
    const sandbox = yamlOf(render(example('sandbox')), 'environments/kolla/configuration.yml');
    const edge = yamlOf(render(example('edge')), 'environments/kolla/configuration.yml');
    for (const s of ['skyline', 'barbican', 'prometheus', 'grafana', 'opensearch']) {
      expect(sandbox[`enable_${s}`], s).toBe('yes');
      expect(edge[`enable_${s}`], s).toBe('no');
    }
    expect(edge).toMatchObject({ enable_designate: 'yes', enable_octavia: 'yes', enable_central_logging: 'no' });
    expect(sandbox).toMatchObject({ kolla_internal_vip_address: '192.168.16.254', kolla_internal_fqdn: 'api.in-a-box.cloud', horizon_port: 1080, ceph_public_network: '192.168.16.0/20' });
  });

  it('give designate, OVN and the provider network the site resolvers', () => {
    const site = example('edge');
    const files = render(site);
    expect(yamlOf(files, 'environments/kolla/configuration.yml').designate_forwarders_addresses).toBe('172.16.40.2; 172.16.40.3');
    expect(files.find((f) => f.path.endsWith('ml2_conf.ini'))!.content).toContain('\n[ovn]\ndns_servers = 172.16.40.2,172.16.40.3\n');
    expect(yamlOf(files, 'environments/openstack/configuration.yml')).toMatchObject({
      public_subnet_cidr: '10.65.0.0/24',
      public_subnet_gateway_ip: '10.65.0.1',
      public_subnet_allocation_pool_start: '10.65.0.50',
      public_subnet_allocation_pool_end: '10.65.0.250',
      public_subnet_dns_nameservers: ['172.16.40.2', '172.16.40.3'],
    });
  });

  it('list one OSD logical volume per storage.osd_volumes in osd-vg and keep the fsid in the vault', () => {
    for (const [type, n] of [['sandbox', 6], ['edge', 4]] as const) {
      const site = example(type);
      const files = render(site);
      const lvs = yamlOf(files, `inventory/host_vars/${site.node.hostname}.yml`).lvm_volumes as { data: string; data_vg: string }[];
      expect(lvs).toHaveLength(n);
      expect(lvs[n - 1]).toEqual({ data: `osd-${n}`, data_vg: 'osd-vg' });
      const ceph = yamlOf(files, 'environments/ceph/configuration.yml');
      expect(ceph).toMatchObject({ fsid: '{{ ceph_cluster_fsid }}', public_network: site.networks.internal.cidr, ceph_dashboard_addr: site.networks.internal.address });
      expect(yamlOf(files, 'environments/configuration.yml').ceph_cluster_fsid).toBeUndefined();
    }
  });

  it('derive a stable fsid when the secret store has none', () => {
    const site = example('sandbox');
    const ctx = contextFor(site);
    const { ceph_cluster_fsid: _fsid, ...global } = ctx.secrets['environments/secrets.yml']!;
    const files = render(site, { secrets: { ...ctx.secrets, 'environments/secrets.yml': global } });
    expect(yamlOf(files, 'environments/configuration.yml').ceph_cluster_fsid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('use the kolla release namespace of OSISM 10 and later', () => {
    const site = { ...example('sandbox'), versions: { ...example('sandbox').versions, manager: '10.0.0' } };
    expect(yamlOf(render(site), 'environments/kolla/configuration.yml').docker_namespace).toBe('kolla/release/2025.1');
  });
});

describe('the kubernetes type', () => {
  const site = example('kubernetes');
  const files = render(site);

  it('switches the OpenStack parts of the manager off and keeps only the groups k3s uses', () => {
    expect(yamlOf(files, 'environments/manager/configuration.yml')).toMatchObject({
      manager_enable_openstack: false,
      enable_ceph_ansible: false,
      enable_kolla_ansible: false,
      flower_enable: false,
      enable_osism_kubernetes: true,
    });
    const groups = files.find((f) => f.path === 'inventory/20-roles')!.content.match(/^\[[^\]]+\]$/gm);
    expect(groups).toEqual(['[generic]', '[manager]', '[control]']);
    expect(yamlOf(files, 'environments/infrastructure/configuration.yml')).toEqual({ traefik_enable: false });
  });

  it('points k3s at the VIP, the internal VLAN and the local registry for every image', () => {
    expect(yamlOf(files, 'environments/kubernetes/configuration.yml')).toMatchObject({ apiserver_endpoint: '192.168.16.8', k3s_version: 'v1.34.1+k3s1', cilium_bgp: false, kube_vip_bgp: false });
    const k3s = yamlOf(files, 'inventory/group_vars/generic/k3s.yml');
    expect(k3s.flannel_iface).toBe('{{ network_internal_interface }}');
    const reg = k3s.custom_registries_yaml as { mirrors: Record<string, { endpoint: string[] }>; configs: Record<string, unknown> };
    expect(Object.keys(reg.mirrors)).toEqual(expect.arrayContaining(['*', 'docker.io', 'registry.osism.tech']));
    for (const m of Object.values(reg.mirrors)) expect(m.endpoint).toEqual(['http://localhost:5001']);
    expect(reg.configs).toEqual({ 'localhost:5001': { tls: { insecure_skip_verify: true } } });
  });

  it('keeps the registry password in the vault and refers to it from registries.yaml', () => {
    const authSite = { ...site, registry: { host: 'reg.site.lan:5000', insecure: false, username: 'puller' } };
    const out = render(authSite, { registryPassword: 'vaulted-pw' });
    const reg = yamlOf(out, 'inventory/group_vars/generic/k3s.yml').custom_registries_yaml as { configs: Record<string, { auth: unknown }> };
    expect(reg.configs['reg.site.lan:5000']!.auth).toEqual({ username: 'puller', password: '{{ docker_registry_password }}' });
    expect(yamlOf(out, 'environments/secrets.yml').docker_registry_password).toBe('vaulted-pw');
    for (const f of out.filter((x) => x.secret !== 'vault')) expect(f.content, f.path).not.toContain('vaulted-pw');
    expect(yamlOf(out, 'inventory/group_vars/generic/registries.yml')).toMatchObject({ docker_registry_username: 'puller', docker_registry_insecure: 'no' });
  });
});

describe('registry credentials', () => {
  it('refuse to render a registry that needs a password nobody gave', () => {
    const site = example('edge');
    let caught: unknown;
    try {
      render(site, { registryPassword: undefined });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(RenderError);
    expect((caught as RenderError).field).toBe('/registry/password');
    expect((caught as RenderError).message).toMatch(/^The local registry needs a password: /);
  });

  it('covers the CiaB, osism/defaults and MetalBox registry variables', () => {
    const upstream = [
      'ceph_docker_registry', 'dnsmasq_docker_registry', 'docker_registry_ansible', 'docker_registry_cephclient', 'docker_registry_cgit', 'docker_registry_dnsdist',
      'docker_registry_homer', 'docker_registry_kolla', 'docker_registry_netbox', 'docker_registry_nexus', 'docker_registry_openstackclient', 'docker_registry_memcached',
      'docker_registry_pgautoupgrade', 'docker_registry_phpmyadmin', 'docker_registry_service', 'docker_registry_traefik', 'docker_registry_vault', 'docker_registry_zookeeper',
      'docker_registry_zuul', 'gnmic_docker_registry', 'docker_registry_postgres', 'docker_registry_redis', 'docker_registry_squid',
    ];
    expect([...ROOT_REGISTRY_VARS].sort()).toEqual(upstream.sort());
    const files = render(example('sandbox'));
    expect(unvault(files.find((f) => f.path === 'environments/secrets.yml')!.content)).not.toContain('docker_registry_password');
  });
});
