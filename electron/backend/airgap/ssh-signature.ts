// SPDX-License-Identifier: Apache-2.0
// OpenSSH signatures of the bundle manifest through the real `ssh-keygen -Y` (sign, find-principals,
// verify): the message is passed as bytes on stdin, so what was verified is what gets parsed.
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';

export interface SshKeygenResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs ssh-keygen with `args`, feeding `input` (or nothing) on stdin; never throws on a non-zero exit. */
export function sshKeygen(args: string[], input?: Buffer, timeoutMs = 60_000): Promise<SshKeygenResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('ssh-keygen', args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (err) => reject(Object.assign(new Error(`cannot run ssh-keygen: ${err.message}`), { nextAction: 'Install the OpenSSH client (Debian: openssh-client).' })));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.on('error', () => undefined); // ssh-keygen may exit before reading all of stdin
    child.stdin.end(input ?? Buffer.alloc(0));
  });
}

/** The principals in `allowedSigners` whose key made `sigFile` (empty when none). */
export async function findPrincipals(allowedSigners: string, sigFile: string): Promise<{ principals: string[]; error: string | null }> {
  const r = await sshKeygen(['-Y', 'find-principals', '-f', allowedSigners, '-s', sigFile]);
  if (r.code !== 0) return { principals: [], error: lastLine(r.stderr) || 'no principal in the allowed signers file matches the signing key' };
  return { principals: r.stdout.split('\n').map((l) => l.trim()).filter(Boolean), error: null };
}

/** Checks `sigFile` over `message` for `identity` in `namespace`; returns the key fingerprint when good. */
export async function verifySignature(opts: { allowedSigners: string; identity: string; namespace: string; sigFile: string; message: Buffer }): Promise<{ ok: true; key: string | null } | { ok: false; error: string }> {
  const r = await sshKeygen(['-Y', 'verify', '-f', opts.allowedSigners, '-I', opts.identity, '-n', opts.namespace, '-s', opts.sigFile], opts.message);
  if (r.code !== 0) return { ok: false, error: lastLine(r.stderr) || lastLine(r.stdout) || `ssh-keygen -Y verify exited with ${r.code}` };
  const key = /with \S+ key (SHA256:\S+)/.exec(r.stdout + r.stderr)?.[1] ?? null;
  return { ok: true, key };
}

/** Signs `file` with `key` (a private key, or a public key held by ssh-agent), writing `file.sig`. */
export async function signFile(file: string, key: string, namespace: string): Promise<void> {
  await rm(`${file}.sig`, { force: true }); // ssh-keygen refuses to overwrite an old signature
  const r = await sshKeygen(['-Y', 'sign', '-n', namespace, '-f', key, file], undefined, 5 * 60_000);
  if (r.code !== 0) throw Object.assign(new Error(`ssh-keygen could not sign ${file}: ${lastLine(r.stderr) || `exit ${r.code}`}`), { nextAction: 'Check the --key file (a private key without passphrase, or a public key whose private key is in ssh-agent).' });
}

/** The allowed_signers line for `key` as `principal`, restricted to `namespace` (public half via ssh-keygen -y). */
export async function allowedSignersLine(key: string, principal: string, namespace: string): Promise<string> {
  const pub = key.endsWith('.pub') ? { code: 0, stdout: await readFile(key, 'utf8'), stderr: '' } : await sshKeygen(['-y', '-f', key]);
  if (pub.code !== 0) throw new Error(`cannot read the public key of ${key}: ${lastLine(pub.stderr)}`);
  const [type, blob] = pub.stdout.trim().split(/\s+/);
  return `${principal} namespaces="${namespace}" ${type} ${blob}`;
}

function lastLine(text: string): string {
  return text.trim().split('\n').filter(Boolean).at(-1)?.trim() ?? '';
}
