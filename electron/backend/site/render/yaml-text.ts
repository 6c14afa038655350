// SPDX-License-Identifier: Apache-2.0
// The one way rendered YAML is written: YAML 1.1 quoting (Ansible's PyYAML reads 1.1, where an
// unquoted yes/no/on/off/0755 would change type), stable key order, no line folding, a header
// comment, and a trailing newline. Multi-line strings are double-quoted with escapes (no block
// scalars), so trailing spaces or odd indentation in a value cannot break the file.
import { stringify } from 'yaml';

/** Serialises `data` as a YAML document with a "rendered by" header; keys keep insertion order. */
export function toYaml(data: unknown, header?: string): string {
  const body = stringify(data, { version: '1.1', lineWidth: 0, minContentWidth: 0, indentSeq: true, aliasDuplicateObjects: false, blockQuote: false });
  const comment = (header ?? 'Rendered by the CiaB Installer from the site file; do not edit by hand.')
    .split('\n')
    .map((l) => (l ? `# ${l}` : '#'))
    .join('\n');
  return `---\n${comment}\n${body}`;
}
