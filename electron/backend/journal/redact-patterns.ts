// SPDX-License-Identifier: Apache-2.0
// Secrets the app was never told about, found by their shape in what a step prints: private key
// blocks, the values of password / secret / token fields, bearer tokens. Applied to what goes into
// the journal (not to what the operator edits on screen), each replacement counted by kind for the
// support bundle's redaction report.
/** What every redacted value becomes. */
export const REDACTED = '«redacted»';

/** What a replacement was: a value the app knows, or one of the shapes below. */
export type RedactionKind = 'secret' | 'private-key' | 'password-field' | 'bearer-token';
/** How many replacements of each kind. */
export type RedactionCounts = Partial<Record<RedactionKind, number>>;

interface Rule {
  kind: RedactionKind;
  /** A cheap test first: most output has none of these words. */
  hint: RegExp;
  re: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

// A field value: double-quoted (with escapes), single-quoted, or a bare word.
const VALUE = String.raw`("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s"',;}\]]+)`;
// Values that are no secret themselves: already redacted, templates, vault payloads, words that say
// what kind of secret a field is (the render manifest's "secret": "vault"), booleans, sudoers'
// `NOPASSWD: ALL`, masks.
export const NOT_A_SECRET = /^["']?(?:«redacted»|\{\{|\$\{|!vault|(?:vault|generated|required|optional|null|none|true|false|yes|no|all)["']?$|\*+|["']?$)/i;

const RULES: Rule[] = [
  {
    kind: 'private-key',
    hint: /PRIVATE KEY-----/,
    // To the matching END line, or to the end of the text when the block was cut off there.
    re: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g,
    replace: (_m, label = '') => `-----BEGIN ${label}PRIVATE KEY-----${REDACTED}-----END ${label}PRIVATE KEY-----`,
  },
  {
    kind: 'password-field',
    hint: /pass|secret|token|api.?key|credential/i,
    // Field names with password, secret, token, api key or credentials in them, or ending in _pass (ansible_become_pass).
    re: new RegExp(String.raw`(\b(?:[\w.-]*(?:password|passwd|passphrase|secret|token|api[_-]?key|credentials?)[\w.-]*|[\w.-]*_pass)["']?\s*[:=]\s*)${VALUE}`, 'gi'),
    replace: (m, key = '', value = '') => (NOT_A_SECRET.test(value) ? m : `${key}${REDACTED}`),
  },
  {
    kind: 'bearer-token',
    hint: /bearer/i,
    re: /\b(Bearer\s+)[A-Za-z0-9\-._~+/]{8,}=*/gi,
    replace: (_m, prefix = '') => `${prefix}${REDACTED}`,
  },
];

// A JSON key or field name that holds a secret (the value alone has no shape to find).
const SECRET_KEY = /(?:password|passwd|passphrase|secret|token|api[_-]?key|credentials?)|_pass$/i;

/** Whether a field named `key` with this string value is a secret to replace. */
export function isSecretField(key: string, value: string): boolean {
  return SECRET_KEY.test(key) && !NOT_A_SECRET.test(value);
}

/** `text` with every secret-shaped part replaced; adds what it replaced to `counts`. */
export function scrubPatterns(text: string, counts: RedactionCounts): string {
  let out = text;
  for (const rule of RULES) {
    if (!rule.hint.test(out)) continue;
    out = out.replace(rule.re, (...args: unknown[]) => {
      const m = args[0] as string;
      // replace() passes the groups, then the offset (the first number), the whole text.
      const end = args.findIndex((a, i) => i > 0 && typeof a === 'number');
      const groups = args.slice(1, end).map((a) => (typeof a === 'string' ? a : ''));
      const r = rule.replace(m, ...groups);
      if (r !== m) counts[rule.kind] = (counts[rule.kind] ?? 0) + 1;
      return r;
    });
  }
  return out;
}
