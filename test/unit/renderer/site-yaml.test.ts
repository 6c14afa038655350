// SPDX-License-Identifier: Apache-2.0
// The YAML side of the site form: form edits keep comments and land in schema order, syntax
// errors name their line, fields are found by line, the export never carries the password.
import { describe, expect, it, test } from 'vitest';
import { parse, parseDocument, stringify } from 'yaml';
import { documentText, exportText, lineOfField, parseSiteText, SITE_YAML_OPTIONS, syncDocument } from '../../../renderer/lib/site-yaml.js';

describe('site YAML', () => {
  test('a form edit changes only its key; comments stay; new keys go where the schema lists them', () => {
    const text = '# lab rack\nname: lab-1 # the name\ntype: edge\ndns:\n  servers: [10.0.0.2]\n';
    const doc = parseDocument(text);
    const before = doc.toJS() as Record<string, unknown>;
    syncDocument(doc, before, { ...before, name: 'lab-2', management: { interface: 'eno1' } });
    expect(documentText(doc)).toBe('# lab rack\nname: lab-2 # the name\ntype: edge\nmanagement:\n  interface: eno1\ndns:\n  servers: [ 10.0.0.2 ]\n');
  });

  test('a syntax error names its line; JSON reads as block YAML', () => {
    const bad = parseSiteText('name: x\nmanagement:\n  interface: [eno1\ndns: {}\n');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem.line).toBeGreaterThanOrEqual(3);
    const json = parseSiteText('{"name": "a", "dns": {"servers": ["1.2.3.4"]}}');
    expect(json.ok && documentText(json.doc)).toBe('name: a\ndns:\n  servers:\n    - 1.2.3.4\n');
    const list = parseSiteText('- a\n- b\n');
    expect(list.ok).toBe(false);
  });

  test('the line of a field, or of its nearest parent', () => {
    const text = 'name: a\nnetworks:\n  internal:\n    vip: 1.2.3.999\n';
    expect(lineOfField(text, '/networks/internal/vip')).toBe(4);
    expect(lineOfField(text, '/networks/internal/cidr')).toBe(3);
    expect(lineOfField(text, '/ntp')).toBe(1);
  });

  test('the export leaves the registry password out', () => {
    const doc = parseDocument('name: a\nregistry:\n  host: r:5000\n  password: s3cret\n');
    expect(exportText(doc, { name: 'a', registry: { host: 'r:5000' } })).toBe('name: a\nregistry:\n  host: r:5000\n');
  });
});

describe('SITE_YAML_OPTIONS', () => {
  it('keeps whitespace-only lines that a block scalar would lose', () => {
    for (const text of [' \n', '  \n x', 'a\n \n', '\t\n']) {
      expect(parse(stringify({ description: text }, SITE_YAML_OPTIONS))).toEqual({ description: text });
    }
  });
});
