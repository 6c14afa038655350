// SPDX-License-Identifier: Apache-2.0
// Replaces every secret the app knows with a marker before anything is written or sent.
// First cut: exact known values; pattern rules (private keys, tokens) join with the journal issue.

export const REDACTED = '«redacted»';

/** Holds the secrets of this app run and scrubs them from strings and JSON values. */
export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers a secret value; values shorter than 4 characters are too short to scrub safely. */
  add(secret: string): void {
    if (secret.length >= 4) this.secrets.add(secret);
  }

  /** Returns `text` with every known secret replaced. */
  text(text: string): string {
    let out = text;
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
    return out;
  }

  /** Serialises a value to JSON with every string scrubbed (before escaping, so nothing slips through). */
  json(value: unknown): string {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' ? this.text(v) : v));
  }
}
