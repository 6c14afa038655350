// SPDX-License-Identifier: Apache-2.0
// Turns a render into what the review screen shows: each file's content with every secret
// masked (vault files are decrypted, their secret values replaced), and a unified diff of the
// masked content against the previous render of the same site. Secrets never leave this module.
import { createTwoFilesPatch } from 'diff';
import { parse, stringify } from 'yaml';
import type { ReviewFile } from '../../../api/contract.js';
import { decryptVault } from '../vault/ansible-vault.js';
import { sha256 } from './render-site.js';
import type { RenderedFile } from './render-types.js';

export const MASK = '••••••••';

/** Masked contents by path: what is kept of a render to diff the next one against. */
export type MaskedTree = Record<string, string>;

// Keys whose values are secret whatever they look like (short passwords included).
const SECRET_KEY = /pass|token|secret|auth|private|key$/i;

/** Masks, anywhere in parsed YAML: every leaf when `all`, values under secret-looking keys, and known secrets. */
function maskValue(value: unknown, secrets: Set<string>, all: boolean): unknown {
  if (typeof value === 'string' || typeof value === 'number') {
    if (all) return MASK;
    const text = String(value);
    for (const s of secrets) if (s.length > 0 && text.includes(s)) return MASK;
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => maskValue(v, secrets, all));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(v, secrets, all || SECRET_KEY.test(k))]));
  return value;
}

/** A file's content as the operator may see it. */
export function maskedContent(file: RenderedFile, vaultPassword: string, secrets: Set<string>): string {
  if (file.secret !== 'vault') return maskText(file.content, secrets);
  let plain: string;
  try {
    plain = decryptVault(file.content, vaultPassword);
  } catch {
    return '# (vault-encrypted; it could not be decrypted for the review)\n';
  }
  try {
    // No header comment: the review says beside the file that it is vault-encrypted and masked.
    // A secrets file is nothing but secrets: every value is masked, however short.
    const all = file.path.endsWith('secrets.yml');
    return `---\n${stringify(maskValue(parse(plain, { version: '1.1' }), secrets, all), { version: '1.1', lineWidth: 0 })}`;
  } catch {
    return maskText(plain, secrets);
  }
}

/** Masks secrets in plain text (long ones first, so a secret containing another is masked whole). */
function maskText(text: string, secrets: Set<string>): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) if (s.length >= 4 && out.includes(s)) out = out.split(s).join(MASK);
  return out;
}

/** The masked tree of a render, for the review and to keep as the next render's "previous". */
export function maskTree(files: RenderedFile[], vaultPassword: string, secrets: Set<string>): MaskedTree {
  return Object.fromEntries(files.map((f) => [f.path, maskedContent(f, vaultPassword, secrets)]));
}

/** Review entries for every file of `current` and every file of `previous` that is gone. */
export function reviewFiles(files: RenderedFile[], current: MaskedTree, previous: MaskedTree | null): ReviewFile[] {
  const out: ReviewFile[] = files.map((f) => {
    const content = current[f.path] ?? '';
    const before = previous?.[f.path];
    const change: ReviewFile['change'] = previous === null ? 'added' : before === undefined ? 'added' : before === content ? 'unchanged' : 'changed';
    const entry: ReviewFile = { path: f.path, size: Buffer.byteLength(f.content), sha256: sha256(f.content), secret: f.secret === 'vault', change, content };
    if (f.target) entry.target = f.target;
    if (previous !== null && change !== 'unchanged') entry.diff = unifiedDiff(f.path, before ?? '', content);
    return entry;
  });
  for (const [p, content] of Object.entries(previous ?? {})) {
    if (!files.some((f) => f.path === p)) out.push({ path: p, size: 0, sha256: '', secret: false, change: 'removed', content: '', diff: unifiedDiff(p, content, '') });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function unifiedDiff(file: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, 'previous render', 'this render', { context: 3 })
    .split('\n')
    .slice(1) // drop the "====" line jsdiff starts with
    .join('\n');
}
