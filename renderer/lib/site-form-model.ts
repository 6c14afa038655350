// SPDX-License-Identifier: Apache-2.0
// The site form as data: its sections, the groups in them and each field's widget, with when a
// field shows (per CiaB type, DHCP on or off, a registry named or not). Labels and hints come
// from the schema; this only says how to lay the fields out.
import { getAt, siteType, type SiteObject } from './site-draft.js';

/** The widget a field uses. */
export type WidgetKind = 'text' | 'integer' | 'checkbox' | 'select' | 'pem' | 'list' | 'tokens' | 'keys' | 'type' | 'nic' | 'disk' | 'password' | 'services';

/** One field of the form. */
export interface FieldSpec {
  pointer: string;
  kind: WidgetKind;
  /** Narrow (numbers, VLAN ids), medium (names, addresses) or the full width. */
  width?: 'narrow' | 'medium' | 'full';
  mono?: boolean;
  /** A label that reads better than the schema title here. */
  label?: string;
  /** A hint that replaces the schema description. */
  hint?: string;
  /** Placeholder when there is no default to show. */
  example?: string;
  when?: (site: SiteObject) => boolean;
}

/** Fields shown together; `optional` groups (IPv6) hide behind a checkbox that adds or removes the object. */
export interface GroupSpec {
  title?: string;
  hint?: string;
  rows: FieldSpec[][];
  optional?: { pointer: string; label: string };
  when?: (site: SiteObject) => boolean;
}

/** A collapsible section of the form. */
export interface SectionSpec {
  id: string;
  title: string;
  lead: string;
  /** Collapsed until opened, unless it holds values or errors. */
  collapsed?: boolean;
  /** Top-level keys whose presence counts as "holds values". */
  keys: string[];
  when?: (site: SiteObject) => boolean;
  groups: GroupSpec[];
}

const openstack = (s: SiteObject): boolean => siteType(s) !== 'kubernetes';
const staticAddress = (s: SiteObject): boolean => getAt(s, '/management/dhcp') === false || getAt(s, '/management/address') !== undefined || getAt(s, '/management/gateway') !== undefined;
const hasRegistry = (s: SiteObject): boolean => s.registry !== undefined;
const hasMirror = (s: SiteObject): boolean => s.apt_mirror !== undefined;

/** Every section of the site form, in order. */
export const SECTIONS: SectionSpec[] = [
  {
    id: 'general',
    title: 'General',
    lead: 'What the site is called, what it runs and the versions to install.',
    keys: ['name', 'type', 'description', 'domain', 'api_fqdn', 'versions'],
    groups: [
      { rows: [[{ pointer: '/name', kind: 'text', width: 'medium', mono: true, hint: 'Lower-case letters, digits and dashes, for example fra1-edge. Used in host names and file names.' }], [{ pointer: '/type', kind: 'type' }], [{ pointer: '/description', kind: 'text', example: 'e.g. Rack 3, bottom unit' }]] },
      { rows: [[{ pointer: '/domain', kind: 'text', mono: true }, { pointer: '/api_fqdn', kind: 'text', mono: true }]] },
      {
        title: 'Versions',
        hint: 'They must match the air-gap bundle.',
        rows: [
          [
            { pointer: '/versions/openstack', kind: 'text', width: 'narrow', mono: true, when: openstack },
            { pointer: '/versions/ceph', kind: 'select', width: 'narrow', when: openstack },
            { pointer: '/versions/manager', kind: 'text', width: 'narrow', mono: true, when: openstack, label: 'OSISM manager' },
            { pointer: '/versions/k3s', kind: 'text', width: 'medium', mono: true, when: (s) => !openstack(s) },
          ],
        ],
      },
    ],
  },
  {
    id: 'node',
    title: 'Node & management network',
    lead: 'The server itself and the NIC the laptop reaches it on.',
    keys: ['node', 'management'],
    groups: [
      { rows: [[{ pointer: '/node/hostname', kind: 'text', width: 'medium', mono: true }, { pointer: '/node/id', kind: 'integer', width: 'narrow', hint: 'Host part of the internal addresses (192.168.16.<id> upstream).' }]] },
      {
        rows: [
          [{ pointer: '/management/interface', kind: 'nic' }],
          [{ pointer: '/management/dhcp', kind: 'checkbox', label: 'Take the IPv4 address from DHCP', hint: 'Turn it off to give a static address and gateway (the NIC’s current ones are suggested).' }],
          [
            { pointer: '/management/address', kind: 'text', width: 'medium', mono: true, when: staticAddress },
            { pointer: '/management/gateway', kind: 'text', width: 'medium', mono: true, when: staticAddress, example: 'e.g. 10.20.0.1' },
            { pointer: '/management/mtu', kind: 'integer', width: 'narrow', example: 'NIC default', hint: '1280–9216 bytes.' },
          ],
        ],
      },
      { optional: { pointer: '/management/ipv6', label: 'Also give the management NIC a static IPv6 address' }, rows: [[{ pointer: '/management/ipv6/address', kind: 'text', width: 'medium', mono: true, example: 'e.g. fd00:20::5/64' }, { pointer: '/management/ipv6/gateway', kind: 'text', width: 'medium', mono: true, example: 'e.g. fd00:20::1' }]] },
    ],
  },
  {
    id: 'networks',
    title: 'Networks',
    lead: 'VLANs on the management NIC for the cloud’s own traffic.',
    keys: ['networks'],
    groups: [
      {
        title: 'Internal network',
        hint: 'API, Ceph and service traffic.',
        rows: [
          [{ pointer: '/networks/internal/vlan', kind: 'integer', width: 'narrow', hint: '1–4094.' }, { pointer: '/networks/internal/cidr', kind: 'text', width: 'medium', mono: true }],
          [{ pointer: '/networks/internal/address', kind: 'text', width: 'medium', mono: true }, { pointer: '/networks/internal/vip', kind: 'text', width: 'medium', mono: true }],
        ],
      },
      {
        optional: { pointer: '/networks/internal/ipv6', label: 'Dual-stack: add IPv6 on the internal network' },
        rows: [[{ pointer: '/networks/internal/ipv6/cidr', kind: 'text', width: 'medium', mono: true, example: 'e.g. fd00:16::/64' }, { pointer: '/networks/internal/ipv6/address', kind: 'text', width: 'medium', mono: true, example: 'e.g. fd00:16::10' }, { pointer: '/networks/internal/ipv6/vip', kind: 'text', width: 'medium', mono: true, example: 'e.g. fd00:16::fe' }]],
      },
      { title: 'Workload network', hint: 'VLAN for VM traffic (OVN).', rows: [[{ pointer: '/networks/workload/vlan', kind: 'integer', width: 'narrow' }]] },
      {
        title: 'External provider network',
        hint: 'The flat network floating IPs come from.',
        when: openstack,
        rows: [
          [{ pointer: '/networks/external/cidr', kind: 'text', width: 'medium', mono: true }, { pointer: '/networks/external/gateway', kind: 'text', width: 'medium', mono: true }],
          [{ pointer: '/networks/external/pool/start', kind: 'text', width: 'medium', mono: true, label: 'Floating IPs from' }, { pointer: '/networks/external/pool/end', kind: 'text', width: 'medium', mono: true, label: 'Floating IPs to' }],
        ],
      },
    ],
  },
  {
    id: 'dns',
    title: 'DNS & NTP',
    lead: 'The site’s own resolvers and time sources — never public ones at an air-gapped site.',
    keys: ['dns', 'ntp'],
    groups: [{ rows: [[{ pointer: '/dns/servers', kind: 'list', mono: true, example: 'e.g. 10.20.0.2' }, { pointer: '/ntp/servers', kind: 'list', mono: true, example: 'e.g. ntp1.site.lan' }], [{ pointer: '/dns/search', kind: 'list', mono: true }]] }],
  },
  {
    id: 'storage',
    title: 'Storage',
    lead: 'The disk Ceph takes as a whole; everything on it is lost.',
    keys: ['storage'],
    when: openstack,
    groups: [{ rows: [[{ pointer: '/storage/disk', kind: 'disk' }], [{ pointer: '/storage/osd_volumes', kind: 'integer', width: 'narrow', hint: 'Logical volumes (OSDs) on the disk.' }]] }],
  },
  {
    id: 'registry',
    title: 'Local registry & APT mirror',
    lead: 'Where images and packages come from. Left empty, the bundle’s own registry and mirror on the node are used.',
    keys: ['registry', 'apt_mirror'],
    groups: [
      {
        title: 'Container registry',
        rows: [
          [{ pointer: '/registry/host', kind: 'text', width: 'medium', mono: true }],
          [{ pointer: '/registry/insecure', kind: 'checkbox', when: hasRegistry }],
          [{ pointer: '/registry/ca_certificate', kind: 'pem', when: hasRegistry, example: '-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----' }],
          [{ pointer: '/registry/username', kind: 'text', width: 'medium', mono: true, when: hasRegistry }, { pointer: '/registry/password', kind: 'password', width: 'medium', when: hasRegistry }],
        ],
      },
      {
        title: 'APT mirror',
        rows: [
          [{ pointer: '/apt_mirror/url', kind: 'text', mono: true }],
          [{ pointer: '/apt_mirror/suites', kind: 'tokens', mono: true, when: hasMirror }, { pointer: '/apt_mirror/components', kind: 'tokens', mono: true, when: hasMirror }],
          [{ pointer: '/apt_mirror/signing_key', kind: 'pem', when: hasMirror, example: '-----BEGIN PGP PUBLIC KEY BLOCK-----\n…\n-----END PGP PUBLIC KEY BLOCK-----' }],
          [{ pointer: '/apt_mirror/trusted', kind: 'checkbox', when: hasMirror }],
        ],
      },
    ],
  },
  {
    id: 'proxy',
    title: 'HTTP proxy',
    lead: 'Optional; most air-gapped sites have none.',
    collapsed: true,
    keys: ['proxy'],
    groups: [{ rows: [[{ pointer: '/proxy/http', kind: 'text', width: 'medium', mono: true, example: 'http://proxy.site.lan:3128' }, { pointer: '/proxy/https', kind: 'text', width: 'medium', mono: true, example: 'http://proxy.site.lan:3128' }], [{ pointer: '/proxy/no_proxy', kind: 'tokens', mono: true, example: 'e.g. .site.lan 10.0.0.0/8' }]] }],
  },
  {
    id: 'operator',
    title: 'Operator SSH keys',
    lead: 'Who may log in to the finished node.',
    keys: ['operator'],
    groups: [{ rows: [[{ pointer: '/operator/user', kind: 'text', width: 'medium', mono: true }], [{ pointer: '/operator/ssh_keys', kind: 'keys' }]] }],
  },
  {
    id: 'services',
    title: 'Optional services',
    lead: 'Each starts at the default of the CiaB type; change only what this site needs.',
    keys: ['services'],
    groups: [{ rows: [[{ pointer: '/services', kind: 'services' }]] }],
  },
  {
    id: 'airgap',
    title: 'Air-gap allow list',
    lead: 'Names or addresses the leak check accepts although they look public.',
    collapsed: true,
    keys: ['airgap'],
    groups: [{ rows: [[{ pointer: '/airgap/allow', kind: 'list', mono: true, example: 'e.g. ntp1.fra1.example.net' }]] }],
  },
];

/** The sections and fields that show for a draft. */
export function visibleSections(site: SiteObject): { section: SectionSpec; groups: { group: GroupSpec; rows: FieldSpec[][] }[] }[] {
  return SECTIONS.filter((s) => s.when?.(site) ?? true).map((section) => ({
    section,
    groups: section.groups
      .filter((g) => g.when?.(site) ?? true)
      .map((group) => ({ group, rows: group.rows.map((r) => r.filter((f) => f.when?.(site) ?? true)).filter((r) => r.length > 0) })),
  }));
}

/** Every visible field pointer with its section id (optional groups count, open or not). */
export function visibleWidgets(site: SiteObject): { pointer: string; section: string }[] {
  return visibleSections(site).flatMap(({ section, groups }) => groups.flatMap(({ rows }) => rows.flat().map((f) => ({ pointer: f.pointer, section: section.id }))));
}
