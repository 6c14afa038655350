// SPDX-License-Identifier: Apache-2.0
// What every renderer takes and gives: a resolved site plus its secrets in, a list of files out.
// Renderers are pure functions of their input, so the same input gives byte-identical output.
import type { ResolvedSite } from '../site-types.js';

/** One file of the rendered tree. */
export interface RenderedFile {
  /** Path inside the rendered tree, '/'-separated, e.g. 'environments/kolla/configuration.yml'. */
  path: string;
  content: string;
  /** File mode: 0o644, or 0o600 for anything that holds a secret. */
  mode: number;
  /** 'vault': the content is Ansible Vault ciphertext (of a secrets mapping, or of a host file with a password). */
  secret?: 'vault';
  /** For files under host/: the absolute path on the node where airgap-prepare installs it. */
  target?: string;
}

/** An SSH key pair as kolla-ansible expects it in passwords.yml (OpenSSH formats). */
export interface SshKeyPair {
  private_key: string;
  public_key: string;
}

/**
 * Generated secrets by the rendered file they go into, e.g.
 * { 'environments/kolla/secrets.yml': { keystone_admin_password: '…', nova_ssh_key: { … } } }.
 */
export type SiteSecrets = Record<string, Record<string, string | SshKeyPair>>;

/** Everything a renderer may read. */
export interface RenderContext {
  site: ResolvedSite;
  secrets: SiteSecrets;
  /** The local registry's password (from the app's secret store or the site file), if it needs one. */
  registryPassword?: string;
  /** Ansible-Vault-encrypts a YAML document destined for `path` (deterministic for equal inputs). */
  vault(path: string, plaintext: string): string;
}

/** Raised when a site cannot be rendered; `field` names the site field to fix when there is one. */
export class RenderError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'RenderError';
  }
}
