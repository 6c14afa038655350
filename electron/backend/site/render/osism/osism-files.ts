// SPDX-License-Identifier: Apache-2.0
// Shared pieces of the OSISM configuration-repository renderers: how a YAML file of the tree is
// made, Ansible-safe text for operator input, and the host names every environment agrees on.
import { Scalar } from 'yaml';
import type { RenderedFile } from '../render-types.js';
import { toYaml } from '../yaml-text.js';
import type { ResolvedSite } from '../../site-types.js';

/** Where osism.commons.configuration keeps the repository on the manager (upstream default). */
export const CONFIGURATION_DIRECTORY = '/opt/configuration';

/** A mapping of Ansible variables, in the order they are written. */
export type Vars = Record<string, unknown>;

/** A YAML file of the tree (mode 0644) with a header that says what it is for. */
export function yamlFile(path: string, vars: Vars, purpose: string): RenderedFile {
  return { path, content: toYaml(vars, `${purpose}\nRendered by the CiaB Installer from the site file; do not edit by hand.`), mode: 0o644 };
}

/** A plain-text file of the tree (INI inventories, overlays, scripts). */
export function textFile(path: string, content: string, mode = 0o644): RenderedFile {
  return { path, content, mode };
}

// Ansible templates every string it reads from variables; text from the operator that holds a
// Jinja opener would be evaluated (code execution on the manager). `!unsafe` keeps it literal.
const JINJA_OPENER = /\{[{%#]/;

/** Operator-written text for a variable: tagged `!unsafe` when Ansible would otherwise template it. */
export function ansibleText(value: string): string | Scalar {
  if (!JINJA_OPENER.test(value)) return value;
  const node = new Scalar(value);
  node.tag = '!unsafe';
  node.type = Scalar.QUOTE_DOUBLE; // escapes keep trailing spaces and line breaks intact
  return node;
}

/** kolla-ansible's yes/no strings (it tests them with `| bool`, upstream writes them quoted). */
export function yesNo(on: boolean): 'yes' | 'no' {
  return on ? 'yes' : 'no';
}

/** Host name of a manager service behind Traefik, e.g. ara.services.<domain> (upstream layout). */
export function serviceHost(site: ResolvedSite, service: string): string {
  return `${service}.services.${site.domain}`;
}

/** The manager's name on the internal network, as upstream's manager.systems.<domain>. */
export function managerHost(site: ResolvedSite): string {
  return `manager.systems.${site.domain}`;
}

/** Prefix length of a CIDR string (the schema has checked its shape). */
export function prefixOf(cidr: string): number {
  return Number(cidr.split('/')[1]);
}

/** The internal VLAN interface name, vlan<id> as upstream. */
export function internalInterface(site: ResolvedSite): string {
  return `vlan${site.networks.internal.vlan}`;
}

/** The workload VLAN interface name, vlan<id> as upstream. */
export function workloadInterface(site: ResolvedSite): string {
  return `vlan${site.networks.workload.vlan}`;
}

/** Entries in first-seen order without repeats. */
export function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** Manager services published by Traefik under services.<domain> (OpenStack types run Traefik). */
export function traefikServices(site: ResolvedSite): string[] {
  if (site.type === 'kubernetes') return [];
  const s = site.services;
  return ['ara', 'flower', 'netbox', ...(s.homer ? ['homer'] : []), ...(s.cgit ? ['cgit'] : []), ...(s.phpmyadmin ? ['phpmyadmin'] : [])];
}
