// SPDX-License-Identifier: Apache-2.0
// lscpu in its three forms: plain "Key: value" (any locale, hard-wrapped copies too), -J JSON, -p CSV.
import { isRecord, parseJson, parsed, safeLines, toInt, type Parsed } from './parse-util.js';

/** What lscpu says about the CPU; fields it did not print are null. */
export interface LscpuInfo {
  arch: string | null;
  model: string | null;
  vendor: string | null;
  /** Logical CPUs ("CPU(s)"). */
  cpus: number | null;
  threadsPerCore: number | null;
  coresPerSocket: number | null;
  sockets: number | null;
  /** "VT-x", "AMD-V" or whatever lscpu printed after "Virtualization:". */
  virtualization: string | null;
  hypervisorVendor: string | null;
  flags: string[] | null;
  /** "Vulnerability X:" lines: name as lscpu prints it ("Spectre v2"), status text. */
  vulnerabilities: { name: string; status: string }[];
}

type Field = keyof Omit<LscpuInfo, 'flags' | 'vulnerabilities'> | 'flags' | 'coresPerCluster' | 'clusters';

// Keys in English, German and French (util-linux translations); LC_ALL=C makes English the norm.
const KEYS: Record<string, Field> = {
  architecture: 'arch', architektur: 'arch',
  'cpu(s)': 'cpus',
  'thread(s) per core': 'threadsPerCore', 'thread(s) pro kern': 'threadsPerCore', 'thread(s) par cœur': 'threadsPerCore',
  'core(s) per socket': 'coresPerSocket', 'kern(e) pro sockel': 'coresPerSocket', 'cœur(s) par socket': 'coresPerSocket',
  'core(s) per cluster': 'coresPerCluster', 'kern(e) pro cluster': 'coresPerCluster', 'cœur(s) par cluster': 'coresPerCluster',
  'socket(s)': 'sockets', sockel: 'sockets',
  'cluster(s)': 'clusters', cluster: 'clusters',
  'model name': 'model', modellname: 'model', 'nom de modèle': 'model',
  'vendor id': 'vendor', anbieterkennung: 'vendor', 'identifiant constructeur': 'vendor',
  virtualization: 'virtualization', virtualisierung: 'virtualization', virtualisation: 'virtualization',
  'hypervisor vendor': 'hypervisorVendor', 'hypervisor-anbieter': 'hypervisorVendor', "constructeur d'hyperviseur": 'hypervisorVendor',
  flags: 'flags', markierungen: 'flags', drapeaux: 'flags',
};
const VULN_PREFIX = /^(?:vulnerability|schwachstelle|vulnérabilité)\s+(.+)$/i;

/** Plain `lscpu` output (or `lscpu -p`), in any of the locales above; null when nothing matched. */
export function parseLscpu(text: string): Parsed<LscpuInfo | null> {
  const body = text.trim();
  if (body === '') return parsed(null, ['lscpu printed nothing']);
  if (/^# The following is the parsable format/m.test(body) || /^# CPU,/m.test(body)) return parseLscpuParsable(body);
  return fromFields(plainFields(text));
}

/** `lscpu -J`: {"lscpu":[{"field":"Architecture:","data":"x86_64","children":[...]}]}, flat or nested. */
export function parseLscpuJson(text: string): Parsed<LscpuInfo | null> {
  const j = parseJson(text);
  if (!j.ok) return parsed(null, [`lscpu -J output is not JSON: ${j.error}`]);
  const list = isRecord(j.value) ? j.value.lscpu : undefined;
  if (!Array.isArray(list)) return parsed(null, ['lscpu -J output has no "lscpu" list']);
  const fields: [string, string][] = [];
  const walk = (items: unknown[], depth: number) => {
    for (const it of items) {
      if (!isRecord(it) || depth > 8) continue;
      if (typeof it.field === 'string') fields.push([it.field, typeof it.data === 'string' ? it.data : '']);
      if (Array.isArray(it.children)) walk(it.children, depth + 1);
    }
  };
  walk(list, 0);
  return fromFields(fields);
}

// "Key:   value" lines; continuation lines of hard-wrapped copies are joined back on.
function plainFields(text: string): [string, string][] {
  const raw = safeLines(text);
  const cols = new Map<number, number>();
  for (const l of raw) {
    const m = keyValue(l);
    if (m && m[4]) {
      const col = l.length - (m[4] ?? '').length;
      cols.set(col, (cols.get(col) ?? 0) + 1);
    }
  }
  const valueCol = [...cols.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? -1;
  const wrapWidth = Math.max(0, ...raw.map((l) => l.length));
  const fields: [string, string][] = [];
  let prevLen = 0;
  for (const l of raw) {
    const m = keyValue(l);
    const isKey = m && (!m[4] || l.length - (m[4] ?? '').length === valueCol);
    if (m && isKey) {
      // Untrimmed for now: a trailing blank before a hard wrap is the space between two words.
      fields.push([m[2] ?? '', m[4] ?? '']);
    } else if (fields.length > 0 && l.trim() !== '') {
      const last = fields[fields.length - 1] as [string, string];
      // A line cut at the terminal width continues mid-word; otherwise words need a space.
      const glue = prevLen >= 60 && prevLen === wrapWidth ? '' : ' ';
      last[1] = `${last[1]}${glue}${glue ? l.trim() : l.trimEnd()}`;
    }
    prevLen = l.length;
  }
  return fields.map(([k, v]) => [k, v.trim()]);
}

// "  Key name :   value" → [line, indent, key, blanks after the colon, value]; null without a key.
// indexOf instead of one big regex: the regex would backtrack quadratically on hostile lines.
function keyValue(line: string): [string, string, string, string, string] | null {
  const i = line.indexOf(':');
  if (i < 0) return null;
  const key = line.slice(0, i).trim();
  if (key === '') return null;
  const rest = line.slice(i + 1);
  const value = rest.trimStart();
  return [line, line.slice(0, line.length - line.trimStart().length), key, rest.slice(0, rest.length - value.length), value];
}

function fromFields(fields: [string, string][]): Parsed<LscpuInfo | null> {
  const info: LscpuInfo = {
    arch: null, model: null, vendor: null, cpus: null, threadsPerCore: null, coresPerSocket: null, sockets: null,
    virtualization: null, hypervisorVendor: null, flags: null, vulnerabilities: [],
  };
  let coresPerCluster: number | null = null;
  let clusters: number | null = null;
  let known = 0;
  for (const [rawKey, value] of fields) {
    const key = rawKey.replace(/:$/, '').trim().toLowerCase().replace(/\s+/g, ' ');
    const vuln = VULN_PREFIX.exec(key);
    if (vuln) {
      info.vulnerabilities.push({ name: rawKey.replace(/:$/, '').trim().replace(/^\S+\s+/, ''), status: value });
      known++;
      continue;
    }
    const f = KEYS[key];
    if (!f) continue;
    known++;
    switch (f) {
      case 'cpus': case 'threadsPerCore': case 'coresPerSocket': case 'sockets':
        // Only the first occurrence: later "CPU(s):" keys exist in some locales' NUMA lines.
        if (info[f] === null) info[f] = toInt(value);
        break;
      case 'coresPerCluster': coresPerCluster = toInt(value); break;
      case 'clusters': clusters = toInt(value); break;
      case 'flags': info.flags = value.split(/\s+/).filter(Boolean); break;
      default:
        if (info[f] === null && value !== '' && value !== '-') info[f] = value;
    }
  }
  if (known === 0) return parsed(null, ['no lscpu fields recognised']);
  // arm64 lscpu may report clusters instead of sockets ("Socket(s): -").
  if (info.coresPerSocket === null && coresPerCluster !== null) info.coresPerSocket = coresPerCluster;
  if (info.sockets === null && clusters !== null && info.coresPerSocket !== null) info.sockets = clusters;
  return parsed(info);
}

// `lscpu -p`: "# CPU,Core,Socket,..." then one CSV line per logical CPU.
function parseLscpuParsable(body: string): Parsed<LscpuInfo | null> {
  const lines = body.split('\n');
  const header = lines.filter((l) => l.startsWith('# ')).map((l) => l.slice(2)).find((l) => /^CPU,/.test(l));
  if (!header) return parsed(null, ['lscpu -p output without a column header']);
  const cols = header.split(',');
  const coreIdx = cols.indexOf('Core');
  const sockIdx = cols.indexOf('Socket');
  const rows = lines.filter((l) => /^\d+(,|$)/.test(l)).map((l) => l.split(','));
  const cores = new Set(rows.map((r) => `${r[sockIdx] ?? ''}/${r[coreIdx] ?? ''}`));
  const sockets = new Set(rows.map((r) => r[sockIdx] ?? ''));
  const info: LscpuInfo = {
    arch: null, model: null, vendor: null, cpus: rows.length || null,
    threadsPerCore: coreIdx >= 0 && cores.size > 0 ? Math.round(rows.length / cores.size) : null,
    coresPerSocket: coreIdx >= 0 && sockIdx >= 0 && sockets.size > 0 ? Math.round(cores.size / sockets.size) : null,
    sockets: sockIdx >= 0 ? sockets.size || null : null,
    virtualization: null, hypervisorVendor: null, flags: null, vulnerabilities: [],
  };
  return parsed(info, ['lscpu -p (parsable) output: only counts, no model or flags']);
}
