// SPDX-License-Identifier: Apache-2.0
// Cross-field rules a JSON Schema cannot express: addresses inside their networks, the external
// pool inside its network and clear of the gateway, the VIP apart from the node address, no two
// networks overlapping, distinct VLANs. Each problem names the field it belongs to.
import { contains, isNetworkOrBroadcast, networkOf, overlaps, parseAddr, parseInterface, toBigInt, type Net } from './ip-math.js';
import { isOpenStackType, type ResolvedSite, type SiteError } from './site-types.js';

/** Parses a CIDR field that must name a network (base address), reporting where it is not. */
function networkField(text: string, field: string, errors: SiteError[]): Net | null {
  const parsed = parseInterface(text);
  if (!parsed) {
    errors.push({ field, message: 'is not a valid network' });
    return null;
  }
  const net = networkOf(parsed.addr, parsed.prefix);
  if (net.text !== `${parsed.addr.toString()}/${parsed.prefix}`) {
    errors.push({ field, message: `must be the network's own address: ${net.text}` });
  }
  return net;
}

/** Checks that a host address lies inside `net` and is usable there. */
function hostIn(net: Net | null, value: string | undefined, field: string, netField: string, errors: SiteError[]): void {
  if (!net || value === undefined) return;
  const addr = parseAddr(value);
  if (!addr) return; // the schema already reported it
  if (!contains(net, addr)) errors.push({ field, message: `${value} is outside ${net.text} (${netField})` });
  else if (isNetworkOrBroadcast(net, addr)) errors.push({ field, message: `${value} is the network or broadcast address of ${net.text}` });
}

/** Every cross-field problem of a resolved site (empty when it is consistent). */
export function checkSiteRules(site: ResolvedSite): SiteError[] {
  const errors: SiteError[] = [];
  const nets: { net: Net; field: string; label: string }[] = [];
  const m = site.management;

  if (m.dhcp && m.address !== undefined) errors.push({ field: '/management/address', message: 'is set while DHCP is on: set management.dhcp to false to use a static address' });
  if (m.address !== undefined) {
    const iface = parseInterface(m.address);
    if (iface) {
      const net = networkOf(iface.addr, iface.prefix);
      if (isNetworkOrBroadcast(net, iface.addr)) errors.push({ field: '/management/address', message: `${iface.addr.toString()} is the network or broadcast address of ${net.text}` });
      if (m.gateway !== undefined) {
        const gw = parseAddr(m.gateway);
        if (gw && !contains(net, gw)) errors.push({ field: '/management/gateway', message: `${m.gateway} is outside the management network ${net.text}` });
        else if (gw && isNetworkOrBroadcast(net, gw)) errors.push({ field: '/management/gateway', message: `${m.gateway} is the network or broadcast address of ${net.text}` });
        if (gw && toBigInt(gw) === toBigInt(iface.addr)) errors.push({ field: '/management/gateway', message: 'must differ from the node address' });
      }
      nets.push({ net, field: '/management/address', label: 'the management network' });
    }
  }
  if (m.ipv6) {
    const iface = parseInterface(m.ipv6.address);
    if (!iface || iface.addr.kind() !== 'ipv6') errors.push({ field: '/management/ipv6/address', message: 'must be an IPv6 address with prefix length' });
    else nets.push({ net: networkOf(iface.addr, iface.prefix), field: '/management/ipv6/address', label: 'the management IPv6 network' });
  }

  const { internal, workload, external } = site.networks;
  const inet = networkField(internal.cidr, '/networks/internal/cidr', errors);
  if (inet) {
    hostIn(inet, internal.address, '/networks/internal/address', 'the internal network', errors);
    hostIn(inet, internal.vip, '/networks/internal/vip', 'the internal network', errors);
    nets.push({ net: inet, field: '/networks/internal/cidr', label: 'the internal network' });
  }
  if (internal.vip === internal.address) errors.push({ field: '/networks/internal/vip', message: `must differ from the node address ${internal.address}` });
  if (internal.ipv6) {
    const net6 = networkField(internal.ipv6.cidr, '/networks/internal/ipv6/cidr', errors);
    if (net6 && net6.family !== 'ipv6') errors.push({ field: '/networks/internal/ipv6/cidr', message: 'must be an IPv6 network' });
    else if (net6) {
      hostIn(net6, internal.ipv6.address, '/networks/internal/ipv6/address', 'the internal IPv6 network', errors);
      hostIn(net6, internal.ipv6.vip, '/networks/internal/ipv6/vip', 'the internal IPv6 network', errors);
      nets.push({ net: net6, field: '/networks/internal/ipv6/cidr', label: 'the internal IPv6 network' });
      if (internal.ipv6.vip !== undefined && parseAddr(internal.ipv6.vip)?.toString() === parseAddr(internal.ipv6.address)?.toString()) {
        errors.push({ field: '/networks/internal/ipv6/vip', message: 'must differ from the node IPv6 address' });
      }
    }
  }

  if (workload.vlan === internal.vlan) errors.push({ field: '/networks/workload/vlan', message: `must differ from the internal network's VLAN ${internal.vlan}` });
  if (workload.address !== undefined && workload.cidr === undefined) errors.push({ field: '/networks/workload/cidr', message: 'is required when the workload network has a node address' });
  if (workload.cidr !== undefined) {
    const wnet = networkField(workload.cidr, '/networks/workload/cidr', errors);
    hostIn(wnet, workload.address, '/networks/workload/address', 'the workload network', errors);
    if (wnet) nets.push({ net: wnet, field: '/networks/workload/cidr', label: 'the workload network' });
  }
  if (workload.ipv6) {
    const net6 = networkField(workload.ipv6.cidr, '/networks/workload/ipv6/cidr', errors);
    if (net6 && net6.family !== 'ipv6') errors.push({ field: '/networks/workload/ipv6/cidr', message: 'must be an IPv6 network' });
    else if (net6) {
      hostIn(net6, workload.ipv6.address, '/networks/workload/ipv6/address', 'the workload IPv6 network', errors);
      nets.push({ net: net6, field: '/networks/workload/ipv6/cidr', label: 'the workload IPv6 network' });
    }
  }

  if (isOpenStackType(site.type)) checkExternal(external, nets, errors);

  // No two networks may share addresses: routing on the node would become ambiguous.
  for (let i = 0; i < nets.length; i++) {
    for (let j = 0; j < i; j++) {
      if (overlaps(nets[i]!.net, nets[j]!.net)) {
        errors.push({ field: nets[i]!.field, message: `${nets[i]!.net.text} overlaps ${nets[j]!.label} ${nets[j]!.net.text}` });
      }
    }
  }

  // A VLAN cannot exceed its parent NIC's MTU; without a management MTU the NIC keeps Linux's 1500.
  const parentMtu = m.mtu ?? 1500;
  for (const [field, mtu] of [['/networks/internal/mtu', internal.mtu], ['/networks/workload/mtu', workload.mtu]] as const) {
    if (mtu !== undefined && mtu > parentMtu) {
      errors.push({ field, message: `${mtu} is larger than the management NIC's MTU ${parentMtu}${m.mtu === undefined ? ' (the default; set management.mtu to raise it)' : ''}; a VLAN cannot exceed its parent` });
    }
  }

  const r = site.registry;
  if (r.insecure && r.ca_certificate !== undefined) errors.push({ field: '/registry/ca_certificate', message: 'is set while insecure is true: use the CA certificate or insecure, not both' });
  // A user name without a password is fine here: the password usually comes from the app's secret
  // store (or --registry-password-file) at render time rather than from the site file.
  if (r.password !== undefined && r.username === undefined) errors.push({ field: '/registry/username', message: 'is required when a password is given' });

  const a = site.apt_mirror;
  if (a.signing_key === undefined && !a.trusted) errors.push({ field: '/apt_mirror/signing_key', message: 'is required unless trusted is true' });
  if (a.signing_key !== undefined && a.trusted) errors.push({ field: '/apt_mirror/trusted', message: 'must not be true when a signing key is given: the key is what APT checks' });
  // A single label ("com", "io") would allow a whole top-level domain past the leak check.
  site.airgap.allow.forEach((entry, i) => {
    if (!entry.includes('.') && !entry.includes(':')) errors.push({ field: `/airgap/allow/${i}`, message: `"${entry}" is a single label: name the host (e.g. ntp.${entry === 'com' ? 'example.com' : `example.${entry}`})` });
  });
  if ((site.proxy?.http ?? site.proxy?.https) === undefined && site.proxy?.no_proxy !== undefined) errors.push({ field: '/proxy/no_proxy', message: 'needs an http or https proxy' });

  return errors;
}

function checkExternal(external: ResolvedSite['networks']['external'], nets: { net: Net; field: string; label: string }[], errors: SiteError[]): void {
  const enet = networkField(external.cidr, '/networks/external/cidr', errors);
  if (!enet) return;
  if (enet.family !== 'ipv4') {
    errors.push({ field: '/networks/external/cidr', message: 'must be an IPv4 network' });
    return;
  }
  hostIn(enet, external.gateway, '/networks/external/gateway', 'the external network', errors);
  hostIn(enet, external.pool.start, '/networks/external/pool/start', 'the external network', errors);
  hostIn(enet, external.pool.end, '/networks/external/pool/end', 'the external network', errors);
  const start = parseAddr(external.pool.start);
  const end = parseAddr(external.pool.end);
  const gw = parseAddr(external.gateway);
  if (start && end && toBigInt(start) > toBigInt(end)) errors.push({ field: '/networks/external/pool/end', message: `must not come before the first address ${external.pool.start}` });
  else if (start && end && gw && toBigInt(gw) >= toBigInt(start) && toBigInt(gw) <= toBigInt(end)) {
    errors.push({ field: '/networks/external/gateway', message: `${external.gateway} lies inside the allocation pool ${external.pool.start}–${external.pool.end}` });
  }
  nets.push({ net: enet, field: '/networks/external/cidr', label: 'the external network' });
  if (external.ipv6) {
    const net6 = networkField(external.ipv6.cidr, '/networks/external/ipv6/cidr', errors);
    if (net6 && net6.family !== 'ipv6') errors.push({ field: '/networks/external/ipv6/cidr', message: 'must be an IPv6 network' });
    else if (net6) {
      hostIn(net6, external.ipv6.gateway, '/networks/external/ipv6/gateway', 'the external IPv6 network', errors);
      nets.push({ net: net6, field: '/networks/external/ipv6/cidr', label: 'the external IPv6 network' });
    }
  }
}
