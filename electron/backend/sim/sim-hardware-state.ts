// SPDX-License-Identifier: Apache-2.0
// One simulated server's hardware: serves the scenario's probe output, with disks that can be wiped.
import { randomUUID } from 'node:crypto';
import type { SimCommandResult } from './sim-commands.js';
import { simProbeOutput, type SimHardwareId } from './sim-hardware.js';
import {
  clearFilesystem, clearPartitionTable, isBusy, kname, mountedBelow, result, splitDmName, walk, wipefsOutput, type LsblkNode,
} from './sim-disks.js';

const SIM_REFUSAL = 'ciab-sim: refusing to wipe';

/** Mutable per-server state; a new server starts from the scenario file again. */
export class SimHardwareState {
  readonly id: SimHardwareId;
  /** `sudo -n true` fails in this scenario: sudo wants a password. */
  readonly sudoNeedsPassword: boolean;
  private readonly template: string;
  private readonly nonce: string;
  private readonly roots: LsblkNode[];
  private byId: [string, string][];
  /** VG name → the PV's kernel name, for every VG the scenario starts with. */
  private readonly vgs = new Map<string, string>();

  constructor(id: SimHardwareId, private readonly username = 'ciab') {
    this.id = id;
    this.template = simProbeOutput(id);
    this.nonce = /^@@ciab-probe:begin:v\d+:(\S+)/.exec(this.template)?.[1] ?? '';
    this.sudoNeedsPassword = !new RegExp(`@@ciab-probe:exit:sudo:0:`).test(this.template);
    const lsblk = JSON.parse(this.section('lsblk-json')) as { blockdevices: LsblkNode[] };
    this.roots = lsblk.blockdevices;
    this.byId = this.section('by-id')
      .split('\n')
      .map((l) => /(\S+) -> \.\.\/\.\.\/(\S+)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1] as string, m[2] as string]);
    for (const [n, parent] of walk(this.roots)) {
      const vg = n.type === 'lvm' ? splitDmName(n.name)?.[0] : undefined;
      if (vg && parent) this.vgs.set(vg, kname(parent));
    }
  }

  /** The probe output as the script would print it now, with a fresh nonce like a real run. */
  probeOutput(): string {
    let text = this.template;
    text = replaceSection(text, 'lsblk-json', this.nonce, `${ulJson({ blockdevices: this.roots })}\n`);
    text = replaceSection(text, 'by-id', this.nonce, this.renderById());
    text = replaceSection(text, 'holders', this.nonce, this.renderHolders());
    const u = this.username;
    text = replaceSection(text, 'id', this.nonce, `uid=1000(${u}) gid=1000(${u}) groups=1000(${u}),4(adm),27(sudo)\n`);
    return this.nonce ? text.split(this.nonce).join(randomUUID()) : text;
  }

  /** `vgchange -an VG`: deactivate the VG's logical volumes (their dm devices vanish). */
  deactivateVg(vg: string): SimCommandResult {
    const pv = this.vgs.get(vg);
    const pvNode = pv ? this.find(pv) : undefined;
    if (!pvNode || pvNode.node.fstype !== 'LVM2_member') {
      return result('', `  Volume group "${vg}" not found\n  Cannot process volume group ${vg}\n`, 5);
    }
    const lvs = (pvNode.node.children ?? []).filter((c) => c.type === 'lvm' && splitDmName(c.name)?.[0] === vg);
    const open = lvs.filter((lv) => mountedBelow(lv) !== null);
    if (open.length > 0) {
      const lvName = splitDmName(open[0]!.name)?.[1] ?? open[0]!.name;
      return result('', `  Logical volume ${vg}/${lvName} in use.\n  Can't deactivate volume group "${vg}" with ${open.length} open logical volume(s)\n`, 5);
    }
    pvNode.node.children = (pvNode.node.children ?? []).filter((c) => !lvs.includes(c));
    this.dropLinksTo(lvs.map(kname));
    return result(`  0 logical volume(s) in volume group "${vg}" now active\n`);
  }

  /** `wipefs --all --force /dev/X` on a disk or partition. */
  wipe(path: string): SimCommandResult {
    const hit = this.find(path.replace(/^\/dev\//, ''));
    if (!hit || (hit.node.type !== 'disk' && hit.node.type !== 'part')) {
      return result('', `wipefs: error: ${path}: probing initialization failed: No such file or directory\n`, 1);
    }
    const { node } = hit;
    const mp = mountedBelow(node);
    // A real wipefs --force would destroy the running system here; the demo says so and does nothing.
    if (mp) return result('', `${SIM_REFUSAL} ${path}: it holds ${mp} of the running system. A real server would have been damaged; nothing was done.\n`, 1);
    let out = wipefsOutput(path, node);
    clearFilesystem(node);
    if (node.type === 'part') {
      this.byId = this.byId.filter(([link, target]) => !(target === kname(node) && link.startsWith('lvm-pv-uuid-')));
      return result(out);
    }
    const hadTable = typeof node.pttype === 'string';
    clearPartitionTable(node);
    if (hadTable) {
      // wipefs asks the kernel to re-read the (now empty) table; busy partitions stay.
      const busy = (node.children ?? []).some((c) => c.type === 'part' && isBusy(c));
      if (!busy) this.dropPartitions(node);
      out += `${path}: calling ioctl to re-read partition table: ${busy ? 'Device or resource busy' : 'Success'}\n`;
    }
    return result(out);
  }

  /** `blockdev --rereadpt /dev/X`: the kernel forgets partitions that are no longer in the table. */
  rereadPartitions(path: string): SimCommandResult {
    const hit = this.find(path.replace(/^\/dev\//, ''));
    if (!hit) return result('', `blockdev: cannot open ${path}: No such file or directory\n`, 1);
    if (hit.node.type !== 'disk' || (hit.node.children ?? []).some((c) => c.type === 'part' && isBusy(c))) {
      return result('', 'blockdev: ioctl error on BLKRRPART: Device or resource busy\n', 1);
    }
    if (typeof hit.node.pttype !== 'string') this.dropPartitions(hit.node);
    return result('');
  }

  private dropPartitions(disk: LsblkNode): void {
    const parts = (disk.children ?? []).filter((c) => c.type === 'part');
    disk.children = (disk.children ?? []).filter((c) => !parts.includes(c));
    if (disk.children.length === 0) delete disk.children;
    this.dropLinksTo(parts.map(kname));
  }

  private dropLinksTo(knames: string[]): void {
    this.byId = this.byId.filter(([, target]) => !knames.includes(target));
  }

  private find(name: string): { node: LsblkNode; parent: LsblkNode | null } | undefined {
    for (const [node, parent] of walk(this.roots)) if (kname(node) === name) return { node, parent };
    return undefined;
  }

  private section(name: string): string {
    const head = `\n@@ciab-probe:section:${name}:${this.nonce}\n`;
    const start = this.template.indexOf(head);
    const end = this.template.indexOf(`\n@@ciab-probe:exit:${name}:`, start);
    return start < 0 || end < 0 ? '' : this.template.slice(start + head.length, end);
  }

  private renderById(): string {
    const rows = [...this.byId].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const width = Math.max(1, ...rows.map(([, t]) => `../../${t}`.length.toString().length));
    return `total 0\n${rows.map(([l, t]) => `lrwxrwxrwx 1 root root ${`../../${t}`.length.toString().padStart(width)} Nov 19 08:12 ${l} -> ../../${t}\n`).join('')}`;
  }

  private renderHolders(): string {
    const lines: string[] = [];
    const dm: string[] = [];
    for (const [n, parent] of walk(this.roots)) {
      if (parent && /^dm-\d+$/.test(kname(n))) {
        lines.push(`${kname(parent)}:${kname(n)}`);
        dm.push(`${kname(n)}=${n.name}`);
      }
    }
    return [...lines, ...dm].map((l) => `${l}\n`).join('');
  }
}

// Swap one section's stdout; the script's newline conventions stay as they were.
function replaceSection(text: string, name: string, nonce: string, stdout: string): string {
  const head = `\n@@ciab-probe:section:${name}:${nonce}\n`;
  const start = text.indexOf(head);
  const end = text.indexOf(`\n@@ciab-probe:exit:${name}:`, start);
  if (start < 0 || end < 0) return text;
  return text.slice(0, start + head.length) + stdout + text.slice(end);
}

// util-linux's JSON layout: three-space indent, "},{" between objects, scalar list items indented by four.
function ulJson(value: unknown, indent = 0): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))) {
      return `[\n${pad}   ${value.map((v) => ulJson(v, indent + 3)).join(',')}\n${pad}]`;
    }
    return `[\n${value.map((v) => `${' '.repeat(indent + 4)}${JSON.stringify(v)}`).join(',\n')}\n${pad}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${pad}   ${JSON.stringify(k)}: ${ulJson(v, indent + 3)}`);
    return `{\n${entries.join(',\n')}\n${pad}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
