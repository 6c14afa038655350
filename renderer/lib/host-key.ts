// SPDX-License-Identifier: Apache-2.0
// Helps the operator compare a host-key fingerprint with the one the server console shows.
import { splitHostInput } from './target-draft.js';

/** The public host key file on an OpenSSH server for a key algorithm name. */
export function hostKeyFile(algorithm: string): string {
  const a = algorithm.toLowerCase();
  let kind = 'ed25519';
  if (a.includes('ecdsa')) kind = 'ecdsa';
  else if (a.includes('rsa')) kind = 'rsa';
  else if (a.includes('ed448')) kind = 'ed448';
  return `/etc/ssh/ssh_host_${kind}_key.pub`;
}

/** The command that prints the fingerprint on the server console, in the same SHA256 form. */
export function fingerprintCommand(algorithm: string): string {
  return `ssh-keygen -lf ${hostKeyFile(algorithm)}`;
}

/**
 * A fingerprint split for reading aloud and comparing: the hash prefix ("SHA256:") and groups of
 * four characters. Joining the parts gives back the fingerprint exactly.
 */
export function chunkFingerprint(fingerprint: string, size = 4): { prefix: string; groups: string[] } {
  const colon = fingerprint.indexOf(':');
  const prefix = colon >= 0 ? fingerprint.slice(0, colon + 1) : '';
  const body = fingerprint.slice(prefix.length);
  const groups: string[] = [];
  for (let i = 0; i < body.length; i += size) groups.push(body.slice(i, i + size));
  return { prefix, groups };
}

/** A readable algorithm name ("ssh-ed25519" -> "ED25519"). */
export function algorithmLabel(algorithm: string): string {
  const a = algorithm.toLowerCase();
  if (a.includes('ed25519')) return 'ED25519';
  if (a.includes('ecdsa')) {
    const bits = /nistp(\d+)/.exec(a)?.[1];
    return bits ? `ECDSA P-${bits}` : 'ECDSA';
  }
  if (a.includes('rsa')) return 'RSA';
  return algorithm;
}

/** `ssh-keygen -R` removing the pin of host:port from `file` (OpenSSH names other ports [host]:port). */
export function removePinCommand(host: string, port: number, file: string): string {
  const name = port === 22 ? host : `'[${host}]:${port}'`;
  const quotedFile = /^[\w./~-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`;
  return `ssh-keygen -R ${name} -f ${quotedFile}`;
}

/** The host and port of a ProxyJump hop as the backend names it ("user@bastion:2222" -> bastion, 2222). */
export function hopAddress(hop: string): { host: string; port: number } {
  const s = splitHostInput(hop);
  const port = s.port === undefined ? 22 : Number(s.port);
  return { host: s.host, port: Number.isInteger(port) && port > 0 && port < 65536 ? port : 22 };
}
