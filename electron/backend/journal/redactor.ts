// SPDX-License-Identifier: Apache-2.0
// Replaces every secret the app knows with a marker before anything is written or sent; for the
// journal also secret-shaped text (redact-patterns.ts), counting what it replaced.
import { isSecretField, REDACTED, scrubPatterns, type RedactionCounts } from './redact-patterns.js';

export { REDACTED };

/** Holds the secrets of this app run and scrubs them from strings and JSON values. */
export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers a secret value; values shorter than 4 characters are too short to scrub safely. */
  add(secret: string): void {
    if (secret.length >= 4) this.secrets.add(secret);
  }

  /** Returns `text` with every known secret replaced (counted in `counts` when given). */
  text(text: string, counts?: RedactionCounts): string {
    let out = text;
    for (const s of this.secrets) {
      if (!out.includes(s)) continue;
      const parts = out.split(s);
      if (counts) counts.secret = (counts.secret ?? 0) + parts.length - 1;
      out = parts.join(REDACTED);
    }
    return out;
  }

  /**
   * Serialises a value to JSON with every string scrubbed (before escaping, so nothing slips through);
   * `patterns` also replaces secret-shaped text (for the journal, never for what the operator edits).
   */
  json(value: unknown, opts: { patterns?: boolean; counts?: RedactionCounts } = {}): string {
    const counts = opts.counts ?? {};
    return JSON.stringify(value, (k, v: unknown) => {
      if (typeof v !== 'string') return v;
      const known = this.text(v, counts);
      if (!opts.patterns) return known;
      // A value under a secret-named key (a site's registry.password) has no shape of its own to find.
      if (known !== REDACTED && isSecretField(k, known)) {
        counts['password-field'] = (counts['password-field'] ?? 0) + 1;
        return REDACTED;
      }
      return scrubPatterns(known, counts);
    });
  }
}
