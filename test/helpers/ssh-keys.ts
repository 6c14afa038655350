// SPDX-License-Identifier: Apache-2.0
// Test helpers around the real OpenSSH tools: temp dirs, ssh-keygen keys and fingerprints, running commands.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Output of a finished child process. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run a program to completion without a shell; never throws on a non-zero exit. */
export function run(file: string, args: string[], env?: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env: env ?? process.env, timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      if (code === null) return reject(err);
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** A fresh temp dir and a function that removes it. */
export async function tempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `ciab-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A key pair made by the real ssh-keygen. */
export interface TestKey {
  privatePath: string;
  publicPath: string;
  /** `type base64 comment` line of the .pub file. */
  publicLine: string;
  /** The raw public key blob. */
  blob: Buffer;
}

/** Generate a key with ssh-keygen (`ed25519`, `ecdsa`, `rsa`), optionally passphrase-protected. */
export async function generateKey(dir: string, name: string, type = 'ed25519', passphrase = ''): Promise<TestKey> {
  const privatePath = join(dir, name);
  const bits = type === 'rsa' ? ['-b', '2048'] : type === 'ecdsa' ? ['-b', '256'] : [];
  const r = await run('ssh-keygen', ['-q', '-t', type, ...bits, '-N', passphrase, '-C', `${name}@test`, '-f', privatePath]);
  if (r.code !== 0) throw new Error(`ssh-keygen failed: ${r.stderr}`);
  const publicLine = (await readFile(`${privatePath}.pub`, 'utf8')).trim();
  const b64 = publicLine.split(/\s+/)[1] ?? '';
  return { privatePath, publicPath: `${privatePath}.pub`, publicLine, blob: Buffer.from(b64, 'base64') };
}

/** The `SHA256:` fingerprint as the real `ssh-keygen -lf` prints it. */
export async function keygenFingerprint(publicPath: string): Promise<string> {
  const r = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicPath]);
  const fp = /(SHA256:[A-Za-z0-9+/]+)/.exec(r.stdout)?.[1];
  if (r.code !== 0 || !fp) throw new Error(`ssh-keygen -lf failed: ${r.stderr}${r.stdout}`);
  return fp;
}
