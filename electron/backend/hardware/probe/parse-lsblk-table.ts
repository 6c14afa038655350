// SPDX-License-Identifier: Apache-2.0
// Best effort for plain `lsblk` / `lsblk -o ...` tables (tree-drawn, column-aligned, human sizes).
import { emptyDevice, humanSize, type BlockDevice } from './block-device.js';
import { parsed, safeLines, text, toBool, type Parsed } from './parse-util.js';

interface Column {
  key: string;
  start: number;
  end: number;
}

// Tree drawing in UTF-8 ("├─", "└─", "│ ") and ASCII ("|-", "`-", "| ") mode.
const TREE = /^((?:[│|] | {2})*)(├─|└─|\|-|`-)?/;

/** Parse a plain lsblk table; columns are found from the header's positions. */
export function parseLsblkTable(input: string): Parsed<BlockDevice[] | null> {
  const lines = safeLines(input).filter((l) => l.trim() !== '');
  const header = lines.shift();
  if (!header || !/^NAME\s/.test(header)) return parsed(null, ['plain lsblk output without a NAME header']);
  const cols: Column[] = [];
  for (const m of header.matchAll(/\S+/g)) cols.push({ key: (m[0] as string).toLowerCase(), start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });

  const roots: BlockDevice[] = [];
  const stack: BlockDevice[] = [];
  for (const line of lines) {
    const values = new Map<string, string[]>();
    for (const m of line.matchAll(/\S+/g)) {
      const start = m.index ?? 0;
      const col = owner(cols, start, start + m[0].length);
      if (!col) continue;
      values.set(col.key, [...(values.get(col.key) ?? []), m[0]]);
    }
    const rawName = (values.get('name') ?? []).join(' ');
    const lead = line.slice(0, line.length - line.trimStart().length);
    const tree = TREE.exec(lead + rawName);
    const depth = tree ? (tree[1] ?? '').length / 2 + (tree[2] ? 1 : 0) : 0;
    const name = (lead + rawName).slice(tree ? tree[0].length : 0).trim();
    if (!name) continue;
    const get = (k: string) => (values.get(k) ?? []).join(' ');
    const d = emptyDevice(name);
    d.kname = text(get('kname')) ?? name;
    d.type = get('type');
    d.size = humanSize(get('size'));
    d.rota = toBool(get('rota'));
    d.rm = toBool(get('rm'));
    d.tran = text(get('tran'));
    d.model = text(get('model'));
    d.serial = text(get('serial'));
    d.fstype = text(get('fstype'));
    d.pttype = text(get('pttype'));
    d.pkname = text(get('pkname'));
    const mp = text(get('mountpoint') || get('mountpoints'));
    d.mountpoints = mp ? [mp] : [];
    stack.length = Math.min(stack.length, depth);
    const parent = stack[depth - 1];
    if (depth > 0 && parent) parent.children.push(d);
    else roots.push(d);
    stack[depth] = d;
  }
  return parsed(roots, ['plain lsblk table: sizes are rounded and values with spaces are guessed from column positions']);
}

// The column a token belongs to: the header it overlaps most, else the left-aligned column it overflows from.
function owner(cols: Column[], start: number, end: number): Column | undefined {
  let best: Column | undefined;
  let bestOverlap = 0;
  for (const c of cols) {
    const overlap = Math.min(end, c.end) - Math.max(start, c.start);
    if (overlap > bestOverlap) {
      best = c;
      bestOverlap = overlap;
    }
  }
  if (best) return best;
  return [...cols].reverse().find((c) => c.start <= start);
}
