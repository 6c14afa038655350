// SPDX-License-Identifier: Apache-2.0
// Holds the secrets the operator typed (SSH password, key passphrase, sudo password) in memory
// for this run only, and registers each with the redactor so it can never reach a log.
import type { SecretInput } from '../../api/contract.js';
import type { Redactor } from '../journal/redactor.js';

/** In-memory secret store; the Electron adapter may later back it with safeStorage. */
export class SecretStore {
  private readonly values = new Map<SecretInput['kind'], string>();

  constructor(private readonly redactor: Redactor) {}

  /** Stores a secret and makes the redactor scrub it everywhere. */
  set(kind: SecretInput['kind'], value: string): void {
    this.redactor.add(value);
    this.values.set(kind, value);
  }

  /** Returns a secret, if the operator gave one. */
  get(kind: SecretInput['kind']): string | undefined {
    return this.values.get(kind);
  }

  /** Forgets every secret. */
  clear(): void {
    this.values.clear();
  }
}
