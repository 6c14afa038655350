// SPDX-License-Identifier: Apache-2.0
// The air-gap leak check: finds public hosts, URLs and addresses in rendered files that an
// air-gapped site cannot reach, from playbooks/site/public-endpoints.yaml and the site's own names.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { validatePublicEndpoints } from '../../api/generated/site-validators.js';
import ipaddr from 'ipaddr.js';
import { LineCounter, parseDocument } from 'yaml';
import type { LeakFinding } from '../../api/generated/api-types.js';
import { schemasDir } from '../../api/schema-files.js';
import { parseAddress, SiteLocality, type PublicAddr } from './leak-locality.js';
import type { ResolvedSite } from './site-types.js';


interface Entry {
  category: string;
  note?: string;
}

/** The parsed public-endpoints data file. */
export interface PublicEndpoints {
  categories: Record<string, { what: string; fix: string }>;
  domains: Record<string, Entry>;
  addresses: Record<string, Entry>;
}

/** The data file, relative to the app root (the directory above schemas/). */
export const PUBLIC_ENDPOINTS_FILE = 'playbooks/site/public-endpoints.yaml';

let loaded: PublicEndpoints | null = null;

/** Parses and validates public-endpoints YAML; throws an Error naming the file, line and entry. */
export function parsePublicEndpoints(text: string, file = PUBLIC_ENDPOINTS_FILE): PublicEndpoints {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) throw new Error(`${file}:${syntax.linePos?.[0].line ?? 1}: not valid YAML: ${syntax.message.split('\n')[0]}`);
  const data = doc.toJS() as unknown;
  const lineOf = (segs: string[]): string => {
    for (let n = segs.length; n > 0; n--) {
      const node = doc.getIn(segs.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      // A key's value node starts on the key's line for the flow mappings this file uses.
      if (node?.range) return `:${lineCounter.linePos(node.range[0]).line}`;
    }
    return '';
  };
  // Precompiled by scripts/gen-validators.mjs (no schema compile on the first render).
  const validator = validatePublicEndpoints;
  if (!validator(data)) {
    throw new Error(`${file}${describeError(validator.errors![0]!, lineOf)}`);
  }
  const out = data as PublicEndpoints;
  for (const section of ['domains', 'addresses'] as const) {
    for (const [key, value] of Object.entries(out[section])) {
      // Own keys only: a category called "constructor" must not resolve to Object's.
      if (!Object.hasOwn(out.categories, value.category)) {
        throw new Error(`${file}${lineOf([section, key])}: ${section} entry "${key}" names category "${value.category}", which is not under categories`);
      }
    }
  }
  return out;
}

/** ":line: <entry> <problem>" for the first schema error, naming the entry it is about. */
function describeError(e: ErrorObject, lineOf: (segs: string[]) => string): string {
  const segs = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const p = e.params as { additionalProperty?: string; missingProperty?: string };
  // ajv tags the errors inside propertyNames with the offending key.
  const badName = (e as ErrorObject & { propertyName?: string }).propertyName;
  if (badName !== undefined) return `${lineOf([...segs, badName])}: ${segs.join('.')} entry "${badName}" is not a valid name (${e.message ?? 'invalid'})`;
  const entry = segs.length >= 2 ? `${segs[0]} entry "${segs[1]}"` : (segs[0] ?? 'the top level');
  const field = segs.slice(2).join('.');
  const problem = p.missingProperty !== undefined ? `needs ${[field, p.missingProperty].filter(Boolean).join('.')}` : p.additionalProperty !== undefined ? `has ${[field, p.additionalProperty].filter(Boolean).join('.')}, which is not a known field` : `${field ? `${field} ` : ''}${e.message ?? 'is invalid'}`;
  return `${lineOf(segs)}: ${entry} ${problem}`;
}

/** The shipped public-endpoints list (read and validated once). */
export function loadPublicEndpoints(): PublicEndpoints {
  loaded ??= parsePublicEndpoints(readFileSync(path.join(path.dirname(schemasDir()), PUBLIC_ENDPOINTS_FILE), 'utf8'));
  return loaded;
}

/** The data file compiled for scanning: one regex for every domain, lookups by canonical form. */
interface Compiled {
  domainRe: RegExp;
  domains: Map<string, Entry>;
  addresses: Map<string, Entry>;
  data: PublicEndpoints;
}

const compiledCache = new WeakMap<PublicEndpoints, Compiled>();

function compile(data: PublicEndpoints): Compiled {
  let c = compiledCache.get(data);
  if (c) return c;
  const names = Object.keys(data.domains).sort((a, b) => b.length - a.length);
  const alternation = names.map((n) => n.replace(/[.]/g, '\\.')).join('|');
  // Starts where a name starts (not mid-label, not after "label."; a leading dot as in no_proxy is
  // fine), takes any subdomain labels, and ends where the name ends (not before "-x" or ".x").
  const domainRe = new RegExp(`(?<![A-Za-z0-9_-]|[A-Za-z0-9_-]\\.)(?:[A-Za-z0-9_-]+\\.)*(?:${alternation})(?![A-Za-z0-9_-]|\\.[A-Za-z0-9_-])`, 'gi');
  const addresses = new Map(Object.entries(data.addresses).map(([a, e]) => [ipaddr.parse(a).toString(), e] as const));
  c = { domainRe, domains: new Map(Object.entries(data.domains)), addresses, data };
  compiledCache.set(data, c);
  return c;
}

// IPv4 literals, but not version strings: not after "v", "pkg-" or an epoch "5:", not inside a
// longer dotted number, not before "-rc1"; "a.b.c.d-e.f.g.h" ranges and "/24" suffixes are fine.
const IPV4_RE = /(?<![A-Za-z0-9_.]|[A-Za-z_]-|\d:)\d{1,3}(?:\.\d{1,3}){3}(?![A-Za-z0-9_]|\.\d|-(?!\d{1,3}(?:\.\d{1,3}){3}))/g;
// IPv6 candidates (at least two colons); ipaddr.js decides which are addresses (times and MACs are not).
const IPV6_RE = /(?<![A-Za-z0-9_.:-])(?:[0-9A-Fa-f]{0,4}:){2,8}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{1,4})?(?![A-Za-z0-9_.:-])/g;
// scheme://[userinfo@]host — the host is a name, an IPv4 literal or a bracketed IPv6 literal.
const URL_RE = /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:[A-Za-z0-9._~%!$&()*+,;=:-]*@)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~%-]+)/g;
const URL_TAIL_RE = /[^\s"'<>`\\]*/y;

interface Hit {
  start: number;
  end: number;
  /** Where the finding is reported (a URL finding starts at its scheme). */
  at: number;
  match: string;
  reason: string;
}

/** The closing advice of every finding. */
const allowHint = (what = 'it', verb = 'resolves'): string => `or add ${what} to airgap.allow in the site file if it ${verb} inside the site`;

/** Every public host, URL and address in `files` the site cannot reach, by file, line and column. */
export function scanForLeaks(files: { path: string; content: string }[], site: ResolvedSite, endpoints: PublicEndpoints = loadPublicEndpoints()): LeakFinding[] {
  const c = compile(endpoints);
  const local = new SiteLocality(site);
  const memo = new Memo(c, local);
  const findings: LeakFinding[] = [];
  for (const file of files) {
    // Ansible Vault ciphertext is hex lines only, so it cannot name a host: skip it outright.
    if (file.content.startsWith('$ANSIBLE_VAULT')) continue;
    const hits = scanText(file.content, c, local, memo);
    if (hits.length > 0) findings.push(...locate(file.path, file.content, hits));
  }
  return findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

function scanText(text: string, c: Compiled, local: SiteLocality, memo: Memo): Hit[] {
  const hits: Hit[] = [];
  const covered = (start: number, end: number): boolean => hits.some((h) => h.start < end && start < h.end);

  // (a) listed public domains, anywhere in the text (the most specific listed suffix names it).
  for (const m of text.matchAll(c.domainRe)) {
    const host = m[0].toLowerCase();
    const start = m.index;
    if (local.allows(host)) continue;
    if (isMirrorKey(text, start, m[0])) continue;
    const [listed, entry] = mostSpecific(host, c.domains);
    const cat = c.data.categories[entry.category]!;
    const under = listed === host ? '' : ` is under ${listed}, and`;
    const desc = `${entry.note ? `${entry.note}, ` : ''}a ${cat.what}`;
    hits.push({ start, end: start + m[0].length, at: start, match: m[0], reason: `${m[0]}${under} is ${desc}; the air-gapped site cannot reach it. ${cat.fix}, ${allowHint()}.` });
  }

  // (c) address literals: listed public ones unless allowed, other public ones unless the site declares them.
  for (const re of [IPV4_RE, IPV6_RE]) {
    for (const m of text.matchAll(re)) {
      const reason = memo.address(m[0]);
      if (reason && !covered(m.index, m.index + m[0].length)) hits.push({ start: m.index, end: m.index + m[0].length, at: m.index, match: m[0], reason });
    }
  }

  // (b) URLs whose host is not one of the site's own.
  for (const m of text.matchAll(URL_RE)) {
    const scheme = m[1]!.toLowerCase();
    const rawHost = m[2]!;
    const hostStart = m.index + m[0].length - rawHost.length;
    // file: has no host; a host running into "{{" is a template the renderer fills with a site value.
    if (scheme === 'file' || text[hostStart + rawHost.length] === '{') continue;
    const host = rawHost.replace(/^\[|\]$/g, '').replace(/\.+$/, '').toLowerCase();
    if (!host || memo.localHost(host) || covered(hostStart, hostStart + rawHost.length)) continue;
    URL_TAIL_RE.lastIndex = m.index + m[0].length;
    const url = (m[0] + (URL_TAIL_RE.exec(text)?.[0] ?? '')).replace(/[.,;:)\]}]+$/, '');
    const addr = parseAddress(host);
    const why = addr ? 'a public address the site file does not declare' : `not a site-local host (${local.describe()})`;
    hits.push({ start: hostStart, end: hostStart + rawHost.length, at: m.index, match: url, reason: `${url} points at ${host}, which is ${why}; the air-gapped site cannot reach it. Point it at a site-local host, ${allowHint(host)}.` });
  }
  return hits;
}

/** Verdicts by literal text: a render repeats the same few addresses and hosts many times. */
class Memo {
  private readonly addresses = new Map<string, string | null>();
  private readonly hosts = new Map<string, boolean>();

  constructor(
    private readonly c: Compiled,
    private readonly local: SiteLocality,
  ) {}

  /** The finding's reason for an address literal, or null when it is fine (or no address). */
  address(text: string): string | null {
    let r = this.addresses.get(text);
    if (r === undefined) {
      const addr = parseAddress(text);
      r = addr ? addressReason(text, addr, this.c, this.local) : null;
      this.addresses.set(text, r);
    }
    return r;
  }

  /** True when a URL host is inside the site. */
  localHost(host: string): boolean {
    let r = this.hosts.get(host);
    if (r === undefined) this.hosts.set(host, (r = this.local.isLocalHost(host)));
    return r;
  }
}

function addressReason(text: string, addr: PublicAddr, c: Compiled, local: SiteLocality): string | null {
  if (local.allowsAddress(addr)) return null;
  const entry = c.addresses.get(addr.toString());
  if (entry) {
    const cat = c.data.categories[entry.category]!;
    // A listed resolver stays a finding even when dns.servers names it: only airgap.allow accepts it.
    return `${text} is ${entry.note ? `${entry.note}, ` : ''}a ${cat.what}; the air-gapped site cannot reach it. ${cat.fix}, ${allowHint('it', 'is reachable')}.`;
  }
  if (addr.range() !== 'unicast' || local.declares(addr)) return null;
  return `${text} is a public address the site file does not declare (not in a site network, nor a DNS or NTP server); the air-gapped site cannot reach it. Use a site address, ${allowHint('it', 'is reachable')}.`;
}

/** The longest listed suffix of `host` and its entry (the regex guarantees there is one). */
function mostSpecific(host: string, domains: Map<string, Entry>): [string, Entry] {
  for (let rest = host; ; ) {
    const e = domains.get(rest);
    if (e) return [rest, e];
    const dot = rest.indexOf('.');
    if (dot < 0) throw new Error(`no listed domain for ${host}`);
    rest = rest.slice(dot + 1);
  }
}

/**
 * True when the hit is a key line directly under `mirrors:` in a k3s registries.yaml
 * ("docker.io:" names what is mirrored, not where it is pulled from). Nothing else is exempt.
 */
function isMirrorKey(text: string, offset: number, match: string): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const key = /^(\s+)(["']?)([^\s"':]+)\2:(\s|$)/.exec(text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd).replace(/\r$/, ''));
  if (!key || key[3] !== match || key[1]!.length + key[2]!.length !== offset - lineStart) return false;
  // The parent is the nearest line above with less indentation (blank and comment lines aside).
  for (let end = lineStart - 1; end > 0; ) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).replace(/\r$/, '');
    end = start - 1;
    if (/^\s*(#|$)/.test(line)) continue;
    if (/^\s*/.exec(line)![0].length < key[1]!.length) return /^\s*mirrors:\s*(#.*)?$/.test(line);
  }
  return false;
}

/** Turns text offsets into 1-based lines and columns (columns count characters, not UTF-16 units). */
function locate(file: string, text: string, hits: Hit[]): LeakFinding[] {
  let line = 1;
  let lineStart = 0;
  return [...hits]
    .sort((a, b) => a.at - b.at)
    .map((h) => {
      // Hits come in text order, so the line count only ever moves forward.
      for (let nl = text.indexOf('\n', lineStart); nl >= 0 && nl < h.at; nl = text.indexOf('\n', lineStart)) {
        line++;
        lineStart = nl + 1;
      }
      return { file, line, column: [...text.slice(lineStart, h.at)].length + 1, match: h.match, reason: h.reason };
    });
}
