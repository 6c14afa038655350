// SPDX-License-Identifier: Apache-2.0
// Small helpers over ipaddr.js for the site rules: parse networks, test membership, compare.
import ipaddr from 'ipaddr.js';

export type Addr = ipaddr.IPv4 | ipaddr.IPv6;

/** A parsed network: its base address, prefix length and family. */
export interface Net {
  base: Addr;
  prefix: number;
  family: 'ipv4' | 'ipv6';
  text: string;
}

/** Parses an address, or null when it is not one. */
export function parseAddr(text: string): Addr | null {
  try {
    return ipaddr.parse(text);
  } catch {
    return null;
  }
}

/** Parses "a.b.c.d/nn" (or IPv6) into the address and its prefix; null when invalid. */
export function parseInterface(text: string): { addr: Addr; prefix: number } | null {
  try {
    const [addr, prefix] = ipaddr.parseCIDR(text);
    return { addr, prefix };
  } catch {
    return null;
  }
}

/** The network an interface address belongs to. */
export function networkOf(addr: Addr, prefix: number): Net {
  const bytes = addr.toByteArray();
  const bits = bytes.length * 8;
  const value = toBigInt(addr) & (((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - prefix)) - 1n));
  const base = fromBigInt(value, bytes.length);
  return { base, prefix, family: base.kind(), text: `${base.toString()}/${prefix}` };
}

/** The address as an unsigned integer (for ordering and ranges). */
export function toBigInt(addr: Addr): bigint {
  return addr.toByteArray().reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
}

function fromBigInt(value: bigint, bytes: number): Addr {
  const out: number[] = [];
  for (let i = bytes - 1; i >= 0; i--) out.push(Number((value >> BigInt(i * 8)) & 0xffn));
  return ipaddr.fromByteArray(out);
}

/** True when `addr` lies inside `net` (same family). */
export function contains(net: Net, addr: Addr): boolean {
  return addr.kind() === net.family && addr.match(net.base, net.prefix);
}

/** The first and last address of a network as integers. */
export function span(net: Net): [bigint, bigint] {
  const bits = net.family === 'ipv4' ? 32 : 128;
  const first = toBigInt(net.base);
  return [first, first + (1n << BigInt(bits - net.prefix)) - 1n];
}

/** True when two networks share any address. */
export function overlaps(a: Net, b: Net): boolean {
  if (a.family !== b.family) return false;
  const [a0, a1] = span(a);
  const [b0, b1] = span(b);
  return a0 <= b1 && b0 <= a1;
}

/** True for an IPv4 network's own address or broadcast address (unusable for hosts below /31). */
export function isNetworkOrBroadcast(net: Net, addr: Addr): boolean {
  if (net.family !== 'ipv4' || net.prefix >= 31) return false;
  const [first, last] = span(net);
  const v = toBigInt(addr);
  return v === first || v === last;
}

/** The ipaddr.js range name ("private", "loopback", "unicast" for public, ...). */
export function rangeOf(addr: Addr): string {
  return addr.range();
}
