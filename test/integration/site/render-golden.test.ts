// SPDX-License-Identifier: Apache-2.0
// Golden tests: each example site renders to exactly the files in test/fixtures/render/<type>/
// (fixed secrets and vault password). Set UPDATE_GOLDEN=1 to rewrite them after a deliberate
// change, then read the diff before committing.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderExample } from '../../helpers/render-tree.js';

const TYPES = ['sandbox', 'edge', 'kubernetes'] as const;
const goldenDir = (t: string) => path.join('test', 'fixtures', 'render', t);

function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    return statSync(full).isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

describe.each(TYPES)('render of examples/site-%s.yaml', (type) => {
  const result = renderExample(type);

  it('matches the golden files byte for byte', () => {
    const dir = goldenDir(type);
    if (process.env.UPDATE_GOLDEN) {
      rmSync(dir, { recursive: true, force: true });
      for (const f of result.files) {
        mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
        writeFileSync(path.join(dir, f.path), f.content);
      }
    }
    expect(result.files.map((f) => f.path).sort()).toEqual(listFiles(dir).sort());
    for (const f of result.files) expect(f.content, f.path).toBe(readFileSync(path.join(dir, f.path), 'utf8'));
  });

  it('is deterministic: a second render is byte-identical', () => {
    const again = renderExample(type);
    expect(again.digest).toBe(result.digest);
    expect(again.files).toEqual(result.files);
  });

  it('passes the leak check', () => {
    expect(result.leaks).toEqual([]);
  });

  it('keeps every secret out of the plain files', () => {
    const values = Object.values(result.secrets).flatMap((m) => Object.values(m).flatMap((v) => (typeof v === 'string' ? [v] : [v.private_key])));
    values.push('golden-vault-password-not-secret', 'golden-registry-password');
    for (const f of result.files.filter((x) => x.secret !== 'vault')) {
      for (const v of values) expect(f.content.includes(v), `${v} in ${f.path}`).toBe(false);
    }
    for (const f of result.files.filter((x) => x.secret === 'vault')) expect(f.mode, f.path).toBe(0o600);
  });
});
