// SPDX-License-Identifier: Apache-2.0
// Files of a stock Ubuntu 24.04 install that airgap-prepare moves aside before it installs the
// host files: left in place they would send APT, netplan or DNS to public endpoints.
import type { RenderContext } from '../render-types.js';
import { APT_SOURCES_PATH } from './apt-sources.js';
import { NETPLAN_PATH } from './netplan.js';

/** One file to move aside on the node, and why. */
export interface HostFileAction {
  /** Absolute path on the node; nothing happens when it does not exist. */
  path: string;
  /** Rename to `<path>.ciab-disabled`, so the operator can see and restore it. */
  action: 'move-aside';
  reason: string;
}

/** The files to move aside, sorted by path. */
export function hostFileActions(_ctx: RenderContext): HostFileAction[] {
  const actions: HostFileAction[] = [
    {
      path: '/etc/apt/sources.list',
      action: 'move-aside',
      reason: `One-line APT sources of older installs point at the public Ubuntu archive; ${APT_SOURCES_PATH} is the only source.`,
    },
    {
      path: '/etc/apt/sources.list.d/ubuntu.sources',
      action: 'move-aside',
      reason: `Ubuntu 24.04's deb822 sources point at the public archive and security servers; ${APT_SOURCES_PATH} replaces them.`,
    },
    {
      path: '/etc/netplan/00-installer-config.yaml',
      action: 'move-aside',
      reason: `The Ubuntu installer's network config; netplan merges every file, so its DHCP settings would still apply beside ${NETPLAN_PATH}.`,
    },
    {
      path: '/etc/netplan/50-cloud-init.yaml',
      action: 'move-aside',
      reason: `cloud-init's DHCP config takes DNS servers from DHCP and would merge with ${NETPLAN_PATH}; upstream CiaB deletes it too.`,
    },
  ];
  return actions.sort((a, b) => (a.path < b.path ? -1 : 1));
}
