// SPDX-License-Identifier: Apache-2.0
// A support bundle from an install journal: everything support staff need to replay and understand
// that install, and no secret. The journal (scrubbed once more), the workflow snapshot with the hardware
// report, the deploy plan, the rendered configuration with vault payloads removed, versions, a
// redaction report and a manifest with the sha256 of every file, in one .tar.gz.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { appVersion } from '../app-paths.js';
import { planRecord } from '../deploy/plan-format.js';
import { playbooksForType, resolvePlan } from '../deploy/resolve-plan.js';
import { parseJournal } from '../journal/journal-reader.js';
import { scrubPatterns, type RedactionCounts } from '../journal/redact-patterns.js';
import { Redactor } from '../journal/redactor.js';
import { resolveSite } from '../site/site-defaults.js';
import type { SiteConfig } from '../site/site-types.js';

/** Format name in the bundle's manifest.json. */
export const SUPPORT_BUNDLE_FORMAT = 'ciab-support-bundle';

/** What was written. */
export interface SupportBundleResult {
  file: string;
  installId: string;
  files: { path: string; size: number; sha256: string }[];
  redactions: RedactionCounts;
  /** What could not be included, and why (no snapshot of this install, no rendered tree...). */
  missing: string[];
}

// An inline or whole-file Ansible vault payload: the marker line and its hex lines.
const VAULT = /(\$ANSIBLE_VAULT;[^\n]*)\n(?:[ \t]*[0-9a-f]+\n?)+/g;

/** Builds `<out>` (a .tar.gz) from the journal and what the data dir holds about the same install. */
export async function createSupportBundle(journalFile: string, out: string, opts: { dataDir?: string } = {}): Promise<SupportBundleResult> {
  const text = readFileSync(journalFile, 'utf8');
  const journal = parseJournal(text, journalFile);
  const installId = journal.header.installId;
  const dataDir = opts.dataDir ?? (path.basename(path.dirname(journalFile)) === 'journals' ? path.dirname(path.dirname(journalFile)) : null);
  const redactor = new Redactor();
  // Every value of the data dir's secret stores, so none of them can be in the bundle.
  if (dataDir) for (const v of storedSecrets(dataDir)) redactor.add(v);
  const counts: RedactionCounts = {};
  const files = new Map<string, string>();
  const missing: string[] = [];

  // The journal, each readable line scrubbed once more (it was scrubbed when written); torn and
  // garbage lines are dropped: they cannot be scrubbed reliably.
  const lines: string[] = [];
  let dropped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      lines.push(redactor.json(JSON.parse(line), { patterns: true, counts }));
    } catch {
      dropped++;
    }
  }
  files.set('journal.ndjson', `${lines.join('\n')}\n`);

  const snapshot = dataDir ? readSnapshot(dataDir, installId) : null;
  if (snapshot) {
    files.set('workflow.json', redactor.json(snapshot, { patterns: true, counts }));
    const ctx = (snapshot as { snapshot?: { context?: Record<string, unknown> } }).snapshot?.context ?? {};
    const report = (ctx.hardware as { report?: unknown } | undefined)?.report;
    if (report) files.set('hardware-report.json', redactor.json(report, { patterns: true, counts }));
    else missing.push('hardware report (the install had not checked the hardware)');
    const site = ctx.site as { config?: SiteConfig; valid?: boolean } | undefined;
    if (site?.config && site.valid) {
      try {
        files.set('plan.json', redactor.json(planRecord(resolvePlan(playbooksForType(site.config.type), resolveSite(site.config))), { patterns: true, counts }));
      } catch (err) {
        missing.push(`deploy plan (${(err as Error).message})`);
      }
      const tree = path.join(dataDir as string, 'renders', site.config.name, 'tree');
      if (existsSync(tree)) {
        for (const rel of listFiles(tree)) {
          const masked = readFileSync(path.join(tree, rel), 'utf8').replace(VAULT, (_m, marker: string) => `${marker}\n«vault payload removed»\n`);
          files.set(`config/${rel}`, scrubPatterns(redactor.text(masked, counts), counts));
        }
      } else missing.push(`rendered configuration (no ${tree})`);
    } else missing.push('deploy plan and rendered configuration (no valid site in the snapshot)');
  } else missing.push(`workflow snapshot, hardware report, plan and configuration (the data dir has no snapshot of install ${installId})`);

  files.set('versions.json', JSON.stringify({ app: appVersion(), journalApp: journal.header.appVersion, node: process.version, os: `${os.type()} ${os.release()} ${os.arch()}`, createdAt: new Date().toISOString() }, null, 2));
  files.set('redactions.json', JSON.stringify({ counts, droppedJournalLines: dropped, note: 'Counts of replacements made while building this bundle; the journal had been scrubbed when it was written.' }, null, 2));
  const manifestFiles = [...files].map(([p, content]) => ({ path: p, size: Buffer.byteLength(content), sha256: createHash('sha256').update(content).digest('hex') }));
  files.set('manifest.json', JSON.stringify({ format: SUPPORT_BUNDLE_FORMAT, version: 1, installId, mode: journal.header.mode, files: manifestFiles, missing }, null, 2));

  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ciab-support-'));
  try {
    const root = `ciab-support-${installId}`;
    for (const [p, content] of files) {
      const full = path.join(tmp, root, p);
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, content, { mode: 0o600 });
    }
    await tar.c({ gzip: true, file: out, cwd: tmp, portable: true }, [root]);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return { file: out, installId, files: manifestFiles, redactions: counts, missing };
}

/** The journal text inside a support bundle (.tar.gz), or an error naming what is wrong with it. */
export async function journalFromBundle(file: string): Promise<string> {
  const chunks: Buffer[] = [];
  let found = false;
  await tar.t({
    file,
    onReadEntry: (entry) => {
      if (!found && /^[^/]+\/journal\.ndjson$/.test(entry.path)) {
        found = true;
        entry.on('data', (c: Buffer) => chunks.push(c));
      } else entry.resume();
    },
  }).catch((err: Error) => {
    throw new Error(`${file}: not a readable .tar.gz (${err.message})`);
  });
  if (!found) throw new Error(`${file} is a .tar.gz but not a CiaB support bundle: it has no journal.ndjson`);
  return Buffer.concat(chunks).toString('utf8');
}

/** Whether a file starts like gzip data. */
export function isGzip(file: string): boolean {
  const head = Buffer.alloc(2);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 2, 0);
  } finally {
    closeSync(fd);
  }
  return head[0] === 0x1f && head[1] === 0x8b;
}

const PUBLIC_KEY = /^(?:ssh-(?:ed25519|rsa|dss)|ecdsa-sha2-\S+|sk-\S+) AAAA/;

function storedSecrets(dataDir: string): string[] {
  const dir = path.join(dataDir, 'site-secrets');
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (v: unknown): void => {
    // Public keys are stored beside their private halves but are no secret: support may see them.
    if (typeof v === 'string') {
      if (!PUBLIC_KEY.test(v)) out.push(v);
    }
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const name of readdirSync(dir)) {
    try {
      const store = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as { vaultPassword?: unknown; secrets?: unknown };
      walk(store.vaultPassword);
      walk(store.secrets);
    } catch {
      // Not a store: nothing to learn from it.
    }
  }
  return out;
}

function readSnapshot(dataDir: string, installId: string): unknown {
  const file = path.join(dataDir, 'workflow', 'current.json');
  if (!existsSync(file)) return null;
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as { installId?: string };
    return s.installId === installId ? s : null;
  } catch {
    return null;
  }
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : e.isFile() ? [`${prefix}${e.name}`] : []));
}
