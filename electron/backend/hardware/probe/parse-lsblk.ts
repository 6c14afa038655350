// SPDX-License-Identifier: Apache-2.0
// lsblk -J (typed 2.33+ and all-strings 2.2x JSON) and lsblk -P (KEY="value" pairs) into BlockDevice trees.
import { emptyDevice, linkByParent, type BlockDevice } from './block-device.js';
import { isRecord, parseJson, parsed, safeLines, text, toBool, toSize, type Parsed } from './parse-util.js';

/** `lsblk -J [-b] [-O]`: {"blockdevices":[...]} with nested children. */
export function parseLsblkJson(input: string): Parsed<BlockDevice[] | null> {
  const j = parseJson(input);
  if (!j.ok) return parsed(null, [`lsblk -J output is not JSON: ${j.error}`]);
  const list = isRecord(j.value) ? j.value.blockdevices : undefined;
  if (!Array.isArray(list)) return parsed(null, ['lsblk -J output has no "blockdevices" list']);
  const warnings: string[] = [];
  const convert = (items: unknown[], depth: number): BlockDevice[] => {
    const out: BlockDevice[] = [];
    for (const it of items) {
      if (!isRecord(it) || typeof it.name !== 'string') {
        warnings.push('lsblk entry without a name skipped');
        continue;
      }
      const d = fromRecord(it);
      // Device trees are shallow (disk → part → lvm/crypt/md); the limit only stops hostile nesting.
      if (Array.isArray(it.children) && depth < 16) d.children = convert(it.children, depth + 1);
      out.push(d);
    }
    return out;
  };
  return parsed(convert(list, 0), warnings);
}

/** `lsblk -P -b -o NAME,KNAME,TYPE,...`: one line of KEY="value" pairs per device, linked by PKNAME. */
export function parseLsblkPairs(input: string): Parsed<BlockDevice[] | null> {
  const flat: BlockDevice[] = [];
  const warnings: string[] = [];
  for (const line of safeLines(input)) {
    if (line.trim() === '') continue;
    const rec: Record<string, string> = {};
    for (const m of line.matchAll(/([A-Z][A-Z0-9:%_-]*)="((?:[^"\\]|\\.)*)"/g)) {
      rec[(m[1] as string).toLowerCase()] = unescapePairs(m[2] ?? '');
    }
    if (!rec.name) {
      warnings.push(`lsblk -P line not understood: ${line.slice(0, 120)}`);
      continue;
    }
    flat.push(fromRecord(rec));
  }
  if (flat.length === 0) return parsed(null, ['lsblk -P printed no devices', ...warnings]);
  return parsed(linkByParent(flat), warnings);
}

/** Read one lsblk record (JSON object or pairs) whose values may be typed or strings. */
export function fromRecord(r: Record<string, unknown>): BlockDevice {
  const name = String(r.name);
  const d = emptyDevice(name);
  d.kname = text(r.kname) ?? name;
  d.type = text(r.type) ?? '';
  d.size = toSize(r.size);
  d.rota = toBool(r.rota);
  d.tran = text(r.tran);
  d.model = text(r.model);
  d.serial = text(r.serial);
  d.rm = toBool(r.rm);
  d.fstype = text(r.fstype);
  d.pttype = text(r.pttype);
  d.pkname = text(r.pkname);
  const mps = Array.isArray(r.mountpoints) ? r.mountpoints : [r.mountpoint];
  d.mountpoints = mps.map((m) => text(m)).filter((m): m is string => m !== null);
  return d;
}

// lsblk -P writes unsafe bytes as \xHH (e.g. a space in a model name as \x20).
function unescapePairs(s: string): string {
  return s.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/\\(.)/g, '$1');
}
