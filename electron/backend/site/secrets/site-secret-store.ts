// SPDX-License-Identifier: Apache-2.0
// The persistent secrets of each site in the app data dir (<dataDir>/site-secrets/<site>.json):
// the vault password and every generated secret. Created once, only ever added to, never regenerated.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { SiteSecrets, SshKeyPair } from '../render/render-types.js';
import type { ResolvedSite } from '../site-types.js';
import { generateSiteSecrets } from './generate-secrets.js';

const FORMAT = 'ciab-site-secrets';
const VERSION = 1;

interface StoreFile {
  format: typeof FORMAT;
  version: typeof VERSION;
  vaultPassword: string;
  secrets: SiteSecrets;
}

/** What loadSiteSecrets gives back. */
export interface LoadedSiteSecrets {
  vaultPassword: string;
  secrets: SiteSecrets;
  /** The store file of this site. */
  file: string;
  /** True when the store file was created by this call. */
  created: boolean;
}

/** The secret store of a site cannot be used as it is; the message names the file and what to do. */
export class SiteSecretStoreError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'SiteSecretStoreError';
  }
}

// One load at a time per file, so two renders in this process never generate two different sets.
const queues = new Map<string, Promise<unknown>>();

/** The store file of `siteName` in `dataDir`. */
export function siteSecretsFile(dataDir: string, siteName: string): string {
  // Site names are validated by the schema; re-check here because the name becomes a path.
  if (!/^[a-z][a-z0-9-]*[a-z0-9]$/.test(siteName)) throw new Error(`Invalid site name for the secret store: ${JSON.stringify(siteName)}`);
  return path.join(dataDir, 'site-secrets', `${siteName}.json`);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPair = (v: unknown): v is SshKeyPair => isObj(v) && typeof v.private_key === 'string' && typeof v.public_key === 'string' && Object.keys(v).length === 2;

// A readable explanation of what is wrong with the parsed content, or null when it is a valid store.
function problemOf(data: unknown): string | null {
  if (!isObj(data)) return 'it does not hold a JSON object';
  if (data.format !== FORMAT) return `its format is ${JSON.stringify(data.format)}, not "${FORMAT}"`;
  if (data.version !== VERSION) return `its version is ${JSON.stringify(data.version)}; this installer reads version ${VERSION}`;
  if (typeof data.vaultPassword !== 'string' || data.vaultPassword.length === 0) return 'it has no vault password';
  if (!isObj(data.secrets)) return 'it has no secrets object';
  for (const [file, entries] of Object.entries(data.secrets)) {
    if (!isObj(entries)) return `secrets of ${file} are not an object`;
    for (const [name, v] of Object.entries(entries)) {
      if (typeof v !== 'string' && !isPair(v)) return `secret ${name} of ${file} is neither a string nor an SSH key pair`;
    }
  }
  return null;
}

async function readStore(file: string): Promise<StoreFile | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SiteSecretStoreError(
      `Cannot read the site's secret store ${file}: ${(e as Error).message}. Fix its permissions (it must be readable by the installer's user); it holds the passwords of the installed cloud and must not be deleted.`,
      file,
    );
  }
  let data: unknown;
  let problem: string | null;
  try {
    data = JSON.parse(text);
    problem = problemOf(data);
  } catch (e) {
    problem = `it is not valid JSON (${(e as Error).message})`;
  }
  if (problem) {
    throw new SiteSecretStoreError(
      `The site's secret store ${file} is damaged: ${problem}. It holds the vault password and the passwords of the installed cloud, so the installer will not replace it. Restore it from a backup; only if this site was never installed, move the file away to start over with new secrets.`,
      file,
    );
  }
  return data as StoreFile;
}

// tmp file in the same directory, fsync, rename over, fsync the directory: a crash leaves the old or the new file, never half of one.
async function writeStore(file: string, store: StoreFile): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(`${JSON.stringify(store, null, 2)}\n`, 'utf8');
      await fh.chmod(0o600); // the umask may have cut the mode down
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  const dh = await open(dir, 'r');
  try {
    await dh.sync();
  } catch {
    // Some file systems cannot fsync a directory; the rename itself is still atomic.
  } finally {
    await dh.close();
  }
}

function samePassword(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

function countSecrets(secrets: SiteSecrets): number {
  return Object.values(secrets).reduce((n, entries) => n + Object.keys(entries).length, 0);
}

async function load(dataDir: string, site: Pick<ResolvedSite, 'name' | 'type' | 'services'>, vaultPassword?: string): Promise<LoadedSiteSecrets> {
  const file = siteSecretsFile(dataDir, site.name);
  const stored = await readStore(file);
  if (stored && vaultPassword !== undefined && !samePassword(stored.vaultPassword, vaultPassword)) {
    throw new SiteSecretStoreError(
      `The vault password given does not match the one stored for site ${site.name} in ${file}. Use the stored password (leave out --vault-password-file); changing it means re-encrypting every secrets file (ansible-vault rekey), which the installer does not do.`,
      file,
    );
  }
  if (!stored && vaultPassword !== undefined && (vaultPassword.length === 0 || vaultPassword !== vaultPassword.trim())) {
    // ansible-vault strips surrounding white space from a password file, so such a password could never decrypt.
    throw new SiteSecretStoreError('The vault password must not be empty or begin or end with white space.', file);
  }
  const password = stored?.vaultPassword ?? vaultPassword ?? randomBytes(32).toString('hex');
  const before = stored?.secrets ?? {};
  const secrets = generateSiteSecrets(site, before);
  const added = countSecrets(secrets) > countSecrets(before);
  if (!stored || added) await writeStore(file, { format: FORMAT, version: VERSION, vaultPassword: password, secrets });
  return { vaultPassword: password, secrets, file, created: !stored };
}

/**
 * The site's vault password and secrets: created on first use, missing secrets added and saved.
 * `vaultPassword` (e.g. from --vault-password-file) must equal the stored one once a store exists.
 */
export function loadSiteSecrets(dataDir: string, site: Pick<ResolvedSite, 'name' | 'type' | 'services'>, vaultPassword?: string): Promise<LoadedSiteSecrets> {
  const file = siteSecretsFile(dataDir, site.name);
  const run = (queues.get(file) ?? Promise.resolve()).catch(() => undefined).then(() => load(dataDir, site, vaultPassword));
  queues.set(file, run);
  void run.finally(() => {
    if (queues.get(file) === run) queues.delete(file);
  }).catch(() => undefined);
  return run;
}

/** Every secret value (passwords, tokens, private keys) of `secrets`, for the redactor. */
export function allSecretValues(secrets: SiteSecrets): string[] {
  const out = new Set<string>();
  for (const entries of Object.values(secrets)) {
    for (const v of Object.values(entries)) {
      if (typeof v === 'string') {
        if (v.length > 0) out.add(v);
      } else {
        out.add(v.private_key);
        // A log may show a single line of a key; the base64 lines are secret on their own.
        for (const line of v.private_key.split('\n')) if (line.length >= 20 && !line.startsWith('-----')) out.add(line);
      }
    }
  }
  return [...out].sort();
}
