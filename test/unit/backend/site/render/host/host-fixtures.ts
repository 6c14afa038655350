// SPDX-License-Identifier: Apache-2.0
// Shared by the host-file tests: render contexts from site files (validated the way the app
// validates them), a stand-in vault, and writing rendered files into a scratch root for real tools.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { RenderContext, RenderedFile } from '../../../../../../electron/backend/site/render/render-types.js';
import { validateSite } from '../../../../../../electron/backend/site/validate-site.js';
import { exampleSite } from '../../../../../helpers/site-fixtures.js';

export const TYPES = ['sandbox', 'edge', 'kubernetes'] as const;

/** Stand-in for Ansible Vault: recognisable, deterministic, reversible. */
export function stubVault(_path: string, text: string): string {
  return `$ANSIBLE_VAULT;1.1;AES256\n${Buffer.from(text).toString('hex')}\n`;
}

/** The plaintext behind stubVault's output. */
export function unvault(content: string): string {
  return Buffer.from(content.split('\n')[1]!, 'hex').toString();
}

/** A render context for a site file; the site must be valid. */
export function contextFor(config: unknown, registryPassword?: string): RenderContext {
  const v = validateSite(config);
  expect(v.errors).toEqual([]);
  return { site: v.resolved!, secrets: {}, ...(registryPassword !== undefined ? { registryPassword } : {}), vault: stubVault };
}

/** The context of examples/site-<type>.yaml (the edge example's registry user gets a password). */
export function exampleContext(type: (typeof TYPES)[number]): RenderContext {
  return contextFor(exampleSite(type), type === 'edge' ? 'pull-secret' : undefined);
}

/** The file with tree path host<target>; fails the test when it is missing. */
export function fileAt(files: RenderedFile[], target: string): RenderedFile {
  const f = files.find((x) => x.target === target);
  expect(f, `no file for ${target}`).toBeDefined();
  return f!;
}

/** Writes files at their targets under a fresh scratch root (with their modes); returns the root. */
export function writeRoot(files: RenderedFile[], prefix = 'ciab-host-'): string {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  for (const f of files) {
    const full = path.join(root, f.target!);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, f.content);
    chmodSync(full, f.mode);
  }
  return root;
}

/** Runs a real tool; returns its exit code and output. */
export function run(cmd: string, args: string[], env: Record<string, string> = {}): { code: number; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status ?? -1, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** The Environment= assignments systemd reads from a service drop-in (real systemd-analyze). */
export function systemdEnvironment(dropIn: string): Record<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ciab-unit-'));
  try {
    writeFileSync(path.join(dir, 'ciab-check.service'), '[Service]\nExecStart=/bin/true\n');
    mkdirSync(path.join(dir, 'ciab-check.service.d'));
    writeFileSync(path.join(dir, 'ciab-check.service.d', 'http-proxy.conf'), dropIn);
    // At debug level, verify dumps the loaded unit, Environment entries included.
    const r = run('systemd-analyze', ['verify', '--man=no', path.join(dir, 'ciab-check.service')], { SYSTEMD_UNIT_PATH: `${dir}:`, SYSTEMD_LOG_LEVEL: 'debug' });
    expect(r.code, r.out).toBe(0);
    expect(r.out).not.toMatch(/http-proxy\.conf:\d+:/); // systemd names file:line for every line it ignores
    const env: Record<string, string> = {};
    for (const m of r.out.matchAll(/^\t+Environment: ([^=\n]+)=(.*)$/gm)) env[m[1]!] = m[2]!;
    return env;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What APT reads from an apt.conf fragment (real apt-config), as option → value. */
export function aptConfig(content: string): Record<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ciab-aptconf-'));
  try {
    writeFileSync(path.join(dir, 'conf'), content);
    const r = run('apt-config', ['-c', path.join(dir, 'conf'), 'dump']);
    expect(r.code, r.out).toBe(0);
    return Object.fromEntries([...r.out.matchAll(/^(Acquire::https?::Proxy(?:::[^ ]+)?) "(.*)";$/gm)].map((m) => [m[1]!, m[2]!]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Checks every rendered file with the tool that reads its format; vault files are checked as their plaintext. */
export function assertFormatsValid(files: RenderedFile[]): void {
  const plain = files.map((f) => (f.secret === 'vault' ? { ...f, content: unvault(f.content) } : f));
  const root = writeRoot(plain, 'ciab-formats-');
  try {
    const yamlFiles = plain.filter((f) => /\.(ya?ml|cfg)$/.test(f.target!)).map((f) => path.join(root, f.target!));
    const lint = run('yamllint', ['-s', '-f', 'parsable', '-d', 'relaxed', ...yamlFiles]);
    expect(lint.code, lint.out).toBe(0);
    // Strict (-s): relaxed's warnings fail too, so the header comments stay within 80 columns.
    expect(lint.out).not.toContain('[error]');
    for (const f of plain) {
      if (f.target!.endsWith('.json')) expect(() => JSON.parse(f.content) as unknown).not.toThrow();
      if (f.target!.includes('.service.d/')) systemdEnvironment(f.content);
      if (f.target!.startsWith('/etc/apt/apt.conf.d/')) aptConfig(f.content);
      expect(f.content.endsWith('\n'), f.path).toBe(true);
    }
    const sources = plain.find((f) => f.target!.endsWith('.sources'));
    if (sources) {
      const r = aptUris(path.join(root, 'etc/apt/sources.list.d'));
      expect(r.length).toBeGreaterThan(0);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The index URIs APT would fetch for the .sources files in `dir` (real apt-get, nothing fetched). */
export function aptUris(dir: string): string[] {
  const state = mkdtempSync(path.join(tmpdir(), 'ciab-aptstate-'));
  try {
    for (const d of ['state/lists/partial', 'cache/archives/partial']) mkdirSync(path.join(state, d), { recursive: true });
    const r = run('apt-get', ['-o', 'Dir::Etc::SourceList=/dev/null', '-o', `Dir::Etc::SourceParts=${dir}`, '-o', `Dir::State=${state}/state`, '-o', `Dir::Cache=${state}/cache`, '--print-uris', 'update']);
    expect(r.code, r.out).toBe(0);
    expect(r.out).not.toMatch(/^[EW]:/m);
    return [...r.out.matchAll(/^'([^']+)'/gm)].map((m) => m[1]!);
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
}
