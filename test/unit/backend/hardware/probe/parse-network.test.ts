// SPDX-License-Identifier: Apache-2.0
// Network and system parsers on real captures: ip (JSON, -o, plain), routes, sysfs NICs, DNS, time, ss, os-release.
import { describe, expect, it } from 'vitest';
import { isStubResolver, parseResolvConf, parseResolvectlDns } from '../../../../../electron/backend/hardware/probe/parse-dns.js';
import { firstLine, parseBootMode, parseId, parseOsReleaseSection } from '../../../../../electron/backend/hardware/probe/parse-identity.js';
import { parseIommu } from '../../../../../electron/backend/hardware/probe/parse-iommu.js';
import { parseIpJson, parseIpText } from '../../../../../electron/backend/hardware/probe/parse-ip.js';
import { parseNicSysfs } from '../../../../../electron/backend/hardware/probe/parse-nic-sysfs.js';
import { isDisplayController, parsePci, pciVendorName } from '../../../../../electron/backend/hardware/probe/parse-pci.js';
import { parseRoutesJson, parseRoutesText } from '../../../../../electron/backend/hardware/probe/parse-routes.js';
import { parseSs } from '../../../../../electron/backend/hardware/probe/parse-ss.js';
import { parseTimedatectl } from '../../../../../electron/backend/hardware/probe/parse-timedatectl.js';
import { fixture, fixtureNames } from './fixtures.js';

describe('ip', () => {
  it('ip -d -j addr of a laptop: kinds, MACs, a tunnel with IPv6 only', () => {
    const links = parseIpJson(fixture('ip', 'canonical-netplan__laptop-ip-d-j-addr.txt')).value!;
    expect(links.map((l) => l.name)).toEqual(['lo', 'enp0s31f6', 'wlan0', 'wg0', 'wwan0', 'tun0', 'tun1']);
    const eth = links[1]!;
    expect(eth).toMatchObject({ mac: '54:e1:ad:5f:24:b4', mtu: 1500, operState: 'UP', linkType: 'ether' });
    expect(eth.addresses[0]).toEqual({ family: 'inet', address: '192.168.178.62', prefix: 24, scope: 'global' });
    expect(links.find((l) => l.name === 'wg0')?.kind).toBe('wireguard');
    // No IPv4 at all on tun0:
    expect(links.find((l) => l.name === 'tun0')?.addresses).toEqual([{ family: 'inet6', address: '2001:dead:beef::2', prefix: 64, scope: 'global' }]);
  });

  it('ip -o link (bond, infiniband) and plain ip addr with a secondary address', () => {
    const links = parseIpText(fixture('ip', 'puppetlabs-facter__bond-ib-ip-o-link.txt')).value!;
    expect(links.map((l) => [l.name, l.linkType, l.operState])).toEqual([
      ['lo', 'loopback', 'UNKNOWN'], ['ens160', 'ether', 'UP'], ['ib0', 'infiniband', 'DOWN'], ['eth2', 'ether', 'UP'], ['eth3', 'ether', 'UP'], ['bond0', 'ether', 'UP'],
    ]);
    expect(links[2]!.flags).toContain('NO-CARRIER');
    const alias = parseIpText(fixture('ip', 'rexops-rex__centos7-ip-addr-alias.txt')).value!;
    expect(alias[1]!.addresses.map((a) => `${a.address}/${a.prefix}`)).toEqual(['192.168.112.198/24', '1.2.3.4/32', 'fe80::5054:ff:fef4:d74/64']);
  });

  it('ip -o addr joined with ip -o link, vlan parents', () => {
    const text = '3: eth0.100@eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000\\    link/ether 52:54:00:aa:bb:cc brd ff:ff:ff:ff:ff:ff\n3: eth0.100    inet6 2001:db8::5/64 scope global \\       valid_lft forever preferred_lft forever\n';
    expect(parseIpText(text).value).toEqual([{
      name: 'eth0.100', mac: '52:54:00:aa:bb:cc', mtu: 1500, operState: 'UP', linkType: 'ether', kind: null, parent: 'eth0',
      flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], addresses: [{ family: 'inet6', address: '2001:db8::5', prefix: 64, scope: 'global' }],
    }]);
    expect(parseIpText('').value).toBeNull();
    expect(parseIpJson('{}').value).toBeNull();
  });

  it('default routes from JSON (IPv6 via link-local, multipath) and text', () => {
    expect(parseRoutesJson(fixture('ip', 'canonical-netplan__laptop-ip-d-j-route6.txt')).value).toEqual([
      { dev: 'enp0s31f6', gateway: 'fe80::cece:1eff:fe3d:c737' },
      { dev: 'wlan0', gateway: 'fe80::cece:1eff:fe3d:c737' },
    ]);
    expect(parseRoutesJson('[{"dst":"default","flags":[],"nexthops":[{"gateway":"10.0.0.1","dev":"eno1","weight":1},{"gateway":"10.0.1.1","dev":"eno2","weight":1}]}]').value).toEqual([
      { dev: 'eno1', gateway: '10.0.0.1' }, { dev: 'eno2', gateway: '10.0.1.1' },
    ]);
    expect(parseRoutesJson('[]\n').value).toEqual([]);
    expect(parseRoutesText(fixture('ip', 'kellyjonbrazil-jc__centos77-ip-route.txt')).value).toEqual([{ dev: 'enp0s3', gateway: '10.0.2.2' }]);
    expect(parseRoutesText(fixture('ip', 'puppetlabs-facter__ens192-ip-route.txt')).value).toEqual([{ dev: 'ens192', gateway: '10.16.112.1' }]);
    expect(parseRoutesText(fixture('ip', 'puppetlabs-facter__ens160-ip-6-route.txt')).value).toEqual([]);
    expect(parseRoutesText('default proto static metric 100\n\tnexthop via 10.0.0.1 dev eno1 weight 1\n\tnexthop via 10.0.1.1 dev eno2 weight 1\ndefault dev wg0 scope link\n').value).toEqual([
      { dev: 'eno1', gateway: '10.0.0.1' }, { dev: 'eno2', gateway: '10.0.1.1' }, { dev: 'wg0', gateway: null },
    ]);
  });

  it('sysfs NIC facts: unknown speed, unreadable carrier, SR-IOV', () => {
    const m = parseNicSysfs('eno1 carrier=1 speed=10000 mtu=9000 operstate=up address=3c:ec:ef:12:34:56 type=1 device=1 driver=ixgbe sriov_totalvfs=63 kind=\neno2 carrier= speed=-1 mtu=1500 operstate=down address=x type=1 device=1 driver=ixgbe sriov_totalvfs= kind=\nbr0 carrier=0 speed= mtu=1500 operstate=down address=y type=1 device=0 driver= sriov_totalvfs= kind=bridge\n').value;
    expect(m.get('eno1')).toEqual({ carrier: true, speedMbps: 10000, mtu: 9000, operState: 'up', mac: '3c:ec:ef:12:34:56', arpType: 1, hasDevice: true, driver: 'ixgbe', sriovTotalVfs: 63, kind: null });
    expect(m.get('eno2')).toMatchObject({ carrier: null, speedMbps: null, sriovTotalVfs: null });
    expect(m.get('br0')).toMatchObject({ hasDevice: false, kind: 'bridge' });
  });
});

describe('system facts', () => {
  it('resolv.conf and resolvectl dns', () => {
    expect(parseResolvConf('# c\nnameserver 127.0.0.53\noptions edns0 trust-ad\nsearch a.example b.example\nnameserver 127.0.0.53\n').value).toEqual({ servers: ['127.0.0.53'], search: ['a.example', 'b.example'] });
    expect(parseResolvectlDns('Global: 1.1.1.1#cloudflare-dns.com\nLink 2 (eno1): 192.168.10.1 fe80::1%eno1\nLink 3 (eno2):\n').value).toEqual(['1.1.1.1', '192.168.10.1', 'fe80::1']);
    expect(isStubResolver('127.0.0.53')).toBe(true);
  });

  it('timedatectl: show form and the human form of older systemd', () => {
    expect(parseTimedatectl('Timezone=Europe/Berlin\nLocalRTC=no\nCanNTP=yes\nNTP=yes\nNTPSynchronized=no\n').value).toEqual({ synchronized: false, ntpActive: true, timezone: 'Europe/Berlin' });
    expect(parseTimedatectl(fixture('timedatectl', 'kellyjonbrazil-jc__centos77.txt')).value).toEqual({ synchronized: true, ntpActive: true, timezone: 'America/Los_Angeles' });
    expect(parseTimedatectl(fixture('timedatectl', 'kellyjonbrazil-jc__ubuntu1804.txt')).value).toEqual({ synchronized: true, ntpActive: true, timezone: 'Etc/UTC' });
    expect(parseTimedatectl('               Local time: Mo 2026-11-16\n System clock synchronized: yes\n              NTP service: inactive\n').value).toEqual({ synchronized: true, ntpActive: false, timezone: null });
    expect(parseTimedatectl('Failed to connect to bus').value).toBeNull();
  });

  it('ss: listening sockets with and without header, service names, IPv6 and %iface', () => {
    expect(parseSs(fixture('ss', 'kellyjonbrazil-jc__centos77-a.txt')).value).toEqual([
      { proto: 'udp', address: '*', port: 68 }, { proto: 'udp', address: '127.0.0.1', port: 323 }, { proto: 'udp', address: '::1', port: 323 },
      { proto: 'tcp', address: '127.0.0.1', port: 25 }, { proto: 'tcp', address: '*', port: 22 }, { proto: 'tcp', address: '::1', port: 25 }, { proto: 'tcp', address: '::', port: 22 },
    ]);
    const probe = 'udp   UNCONN 0      0      127.0.0.53%lo:53        0.0.0.0:*\ntcp   LISTEN 0      4096            [::]:22           [::]:*    users:(("sshd",pid=1,fd=3))\n';
    expect(parseSs(probe).value).toEqual([{ proto: 'udp', address: '127.0.0.53%lo', port: 53 }, { proto: 'tcp', address: '::', port: 22, process: 'sshd' }]);
  });

  it('os-release of many distributions; lsb-release is not os-release', () => {
    for (const name of fixtureNames('os-release')) {
      const r = parseOsReleaseSection(fixture('os-release', name));
      // Two python-distro files are git symlinks ("../usr/lib/os-release"): no data, no crash.
      if (name.includes('lsb-release') || /almalinux10|rocky9/.test(name)) expect(r.value, name).toBeNull();
      else expect(r.value?.id, name).toMatch(/^[a-z-]+$/);
    }
    expect(parseOsReleaseSection(fixture('os-release', 'python-distro-distro__ubuntu24.txt')).value).toEqual({ id: 'ubuntu', versionId: '24.04', prettyName: 'Ubuntu 24.04.3 LTS', codename: 'noble' });
  });

  it('id, boot mode, first lines, PCI and IOMMU', () => {
    expect(parseId('uid=1000(ciab) gid=1000(ciab) groups=1000(ciab),27(sudo)').value).toEqual({ uid: 1000, user: 'ciab' });
    expect(parseId('').value).toEqual({ uid: null, user: null });
    expect([parseBootMode('uefi\n'), parseBootMode('bios'), parseBootMode('?')]).toEqual(['uefi', 'bios', null]);
    expect(firstLine('\n\n  kvm \n')).toBe('kvm');
    const pci = parsePci('0000:03:00.0 class=0x030000 vendor=0x1a03 device=0x2000 driver=ast sriov_totalvfs=\n0000:41:00.0 class=0x020000 vendor=0x8086 device=0x1563 driver=ixgbe sriov_totalvfs=63\nbad line\n');
    expect(pci.value.filter(isDisplayController).map((p) => [p.address, pciVendorName(p.vendorId), p.driver])).toEqual([['0000:03:00.0', 'ASPEED', 'ast']]);
    expect(pci.value[1]?.sriovTotalVfs).toBe(63);
    expect(pci.warnings).toHaveLength(1);
    expect(parseIommu('groups:43\nunit:ivhd0\n').value).toEqual({ enabled: true, groups: 43, units: ['ivhd0'] });
    expect(parseIommu('groups:0\n').value.enabled).toBe(false);
  });
});
