// SPDX-License-Identifier: Apache-2.0
// The probe's nic-sysfs section: per-interface facts from /sys/class/net (carrier, speed, driver, SR-IOV).
import { parsed, safeLines, toBool, toInt, type Parsed } from './parse-util.js';

/** What /sys/class/net/<name> says about one interface. */
export interface NicSysfs {
  carrier: boolean | null;
  /** Mb/s; null when unknown (-1) or unreadable (link down). */
  speedMbps: number | null;
  mtu: number | null;
  operState: string | null;
  mac: string | null;
  /** ARPHRD type: 1 ethernet, 772 loopback, 32 infiniband, ... */
  arpType: number | null;
  /** Has a device/ link: backed by hardware (or a paravirtual device), not a software interface. */
  hasDevice: boolean;
  driver: string | null;
  sriovTotalVfs: number | null;
  /** bridge, bond or tun when sysfs shows it. */
  kind: string | null;
}

/** Lines `eth0 carrier=1 speed=10000 mtu=1500 operstate=up address=.. type=1 device=1 driver=ixgbe sriov_totalvfs=63 kind=`. */
export function parseNicSysfs(text: string): Parsed<Map<string, NicSysfs>> {
  const out = new Map<string, NicSysfs>();
  const warnings: string[] = [];
  for (const line of safeLines(text)) {
    const l = line.trim();
    if (l === '') continue;
    const [name, ...pairs] = l.split(/\s+/);
    if (!name || !/^[^=\s/]{1,32}$/.test(name)) {
      warnings.push(`nic-sysfs line not understood: ${l.slice(0, 120)}`);
      continue;
    }
    const kv = new Map<string, string>();
    for (const p of pairs) {
      const i = p.indexOf('=');
      if (i > 0) kv.set(p.slice(0, i), p.slice(i + 1));
    }
    const speed = toInt(kv.get('speed'));
    out.set(name, {
      carrier: toBool(kv.get('carrier')),
      speedMbps: speed !== null && speed > 0 ? speed : null,
      mtu: toInt(kv.get('mtu')),
      operState: kv.get('operstate') || null,
      mac: kv.get('address') || null,
      arpType: toInt(kv.get('type')),
      hasDevice: kv.get('device') === '1',
      driver: kv.get('driver') || null,
      sriovTotalVfs: toInt(kv.get('sriov_totalvfs')),
      kind: kv.get('kind') || null,
    });
  }
  return parsed(out, warnings);
}
