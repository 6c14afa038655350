// SPDX-License-Identifier: Apache-2.0
// Generates the secrets a site needs (per playbooks/site/secrets.yaml) with the CSPRNG, keeping
// every value that already exists: re-rendering must never change the passwords of an installed cloud.
import { randomBytes, randomUUID } from 'node:crypto';
import { generateEd25519KeyPair } from '../../ssh/ed25519-keypair.js';
import type { SiteSecrets, SshKeyPair } from '../render/render-types.js';
import type { ResolvedSite } from '../site-types.js';
import { secretApplies, secretCatalog, type SecretCatalog, type SecretSpec } from './secret-catalog.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// The largest multiple of 62 below 256: bytes at or above it are dropped, so every character is equally likely.
const LIMIT = 256 - (256 % ALPHABET.length);

/** A random password of letters and digits, unbiased (rejection sampling over random bytes). */
export function randomPassword(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length - out.length + 8)) {
      if (b < LIMIT) out += ALPHABET[b % ALPHABET.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/** A Fernet key as cryptography's Fernet.generate_key(): 32 random bytes, url-safe base64 with padding. */
export function randomFernetKey(): string {
  return randomBytes(32).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** A new ed25519 key pair in OpenSSH formats. */
export function randomSshKeyPair(comment: string): SshKeyPair {
  const pair = generateEd25519KeyPair(comment);
  return { private_key: pair.private, public_key: pair.public };
}

function generate(spec: SecretSpec, file: string): string | SshKeyPair {
  switch (spec.kind) {
    case 'password':
      return randomPassword(spec.length!);
    case 'hex':
      return randomBytes(spec.bytes!).toString('hex');
    case 'uuid':
      return randomUUID();
    case 'fernet':
      return randomFernetKey();
    case 'ssh_key':
      return randomSshKeyPair(`${spec.name}@ciab`);
    case 'copy':
      throw new Error(`${file}: ${spec.name} is a copy and is not generated`);
  }
}

function sorted(secrets: SiteSecrets): SiteSecrets {
  const out: SiteSecrets = {};
  for (const file of Object.keys(secrets).sort()) {
    const entries = secrets[file]!;
    out[file] = Object.fromEntries(Object.keys(entries).sort().map((k) => [k, entries[k]!]));
  }
  return out;
}

/**
 * The site's secrets: `existing` unchanged (also for services now disabled) plus newly generated
 * values for what the site needs and does not have yet; keys sorted.
 */
export function generateSiteSecrets(site: Pick<ResolvedSite, 'type' | 'services'>, existing: SiteSecrets = {}, catalog: SecretCatalog = secretCatalog()): SiteSecrets {
  const out: SiteSecrets = {};
  for (const [file, entries] of Object.entries(existing)) out[file] = { ...entries };
  const copies: { file: string; spec: SecretSpec }[] = [];
  for (const file of catalog.files) {
    for (const spec of file.secrets) {
      if (!secretApplies(file, spec, site)) continue;
      if (spec.kind === 'copy') {
        copies.push({ file: file.path, spec });
        continue;
      }
      const entries = (out[file.path] ??= {});
      entries[spec.name] ??= generate(spec, file.path);
    }
  }
  // Copies last, so their source exists; an existing copy is kept even if its source differs.
  for (const { file, spec } of copies) {
    const [srcFile, srcName] = spec.of!.split('#') as [string, string];
    const value = out[srcFile]?.[srcName];
    if (value === undefined) throw new Error(`${file}: ${spec.name} copies ${spec.of}, which this site does not have`);
    const entries = (out[file] ??= {});
    entries[spec.name] ??= typeof value === 'string' ? value : { ...value };
  }
  return sorted(out);
}
