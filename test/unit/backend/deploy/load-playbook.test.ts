// SPDX-License-Identifier: Apache-2.0
// The deploy playbooks and hints load and validate; a broken playbook is refused with file:line,
// the field and the step, whether the schema, the ids or a template variable is wrong.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHints, loadPlaybook, loadPlaybookFile, parseHintsText, PlaybookError, playbooksDir } from '../../../../electron/backend/deploy/load-playbook.js';
import { checkTemplate } from '../../../../electron/backend/deploy/playbook-template.js';

const GOOD = `id: broken
title: A test playbook
description: For loader tests.
types: [sandbox]
phases:
  - id: one
    title: One
    steps:
      - id: first
        title: First
        command: echo {{ site.name }}
        timeout: 10
        retries: 0
        duration: 1
      - id: second
        title: Second
        command: echo {{ bundle_dir }}
        timeout: 10
        retries: 0
        duration: 1
`;

/** Writes `text` as broken.yaml in a fresh directory and loads it; returns the error. */
function loadError(text: string): PlaybookError {
  const dir = mkdtempSync(path.join(tmpdir(), 'ciab-playbook-'));
  const file = path.join(dir, 'broken.yaml');
  writeFileSync(file, text);
  try {
    loadPlaybookFile(file);
  } catch (err) {
    expect(err).toBeInstanceOf(PlaybookError);
    return err as PlaybookError;
  }
  throw new Error('the playbook loaded');
}

describe('deploy playbooks', () => {
  const ids = readdirSync(path.join(playbooksDir(), 'deploy')).map((f) => f.replace(/\.yaml$/, '')).sort();

  it('are the three of the design', () => {
    expect(ids).toEqual(['airgap-prepare', 'k3s-edge', 'osism-ciab']);
  });

  it.each(ids)('%s loads and validates', (id) => {
    const playbook = loadPlaybook(id);
    expect(playbook.id).toBe(id);
    expect(playbook.phases.flatMap((p) => p.steps).length).toBeGreaterThan(5);
  });

  it('hints load, compile, and catch the known failure lines', () => {
    const hints = loadHints();
    const match = (line: string) => hints.filter((h) => new RegExp(h.pattern, h.flags ?? '').test(line)).map((h) => h.id);
    expect(match('fatal: [cumulus]: UNREACHABLE! => {"changed": false, "msg": "Invalid/incorrect password"}')).toContain('ansible-unreachable');
    expect(match('fatal: [cumulus]: FAILED! => {"msg": "boom"}')).toContain('ansible-fatal');
    expect(match('cumulus                    : ok=12   changed=3    unreachable=0    failed=1    skipped=2')).toContain('play-recap-failed');
    expect(match('cumulus                    : ok=12   changed=3    unreachable=0    failed=0    skipped=2')).toEqual([]);
    expect(match('2026-01-01 10:00:00 | ERROR    | The environment kolla is locked by a running task')).toContain('environment-locked');
    expect(match('There has been no output from the task 1234-abcd for 300 second(s).')).toContain('no-output-timeout');
    expect(match('Upgrade of cluster with less than three monitors is not supported')).toContain('ceph-monitors');
    expect(match('RUNNING HANDLER [osism.services.netbox : Wait for an healthy netbox service] ***')).toContain('netbox-healthy');
  });

  it('refuses a hints file with a bad pattern, naming the line', () => {
    const text = 'hints:\n  - id: bad\n    pattern: "(unclosed"\n    title: Bad\n    advice: Bad.\n';
    expect(() => parseHintsText(text, 'hints.yaml')).toThrow(/^hints\.yaml:3: hints\[0\] \(bad\)\.pattern is not a valid regular expression/);
  });
});

describe('a broken playbook names file, line and field', () => {
  it('accepts the good base', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ciab-playbook-'));
    writeFileSync(path.join(dir, 'broken.yaml'), GOOD);
    expect(loadPlaybookFile(path.join(dir, 'broken.yaml')).phases[0]!.steps).toHaveLength(2);
  });

  it('a missing field (schema)', () => {
    const e = loadError(GOOD.replace('        timeout: 10\n        retries: 0\n        duration: 1\n      - id: second', '        retries: 0\n        duration: 1\n      - id: second'));
    expect(e.message).toMatch(/broken\.yaml:9: phases\[0\] \(one\)\.steps\[0\] \(first\)\.timeout is required$/);
  });

  it('a wrong type and an unknown field', () => {
    expect(loadError(GOOD.replace('retries: 0\n        duration: 1\n      - id: second', 'retries: lots\n        duration: 1\n      - id: second')).message).toMatch(/broken\.yaml:13: .*steps\[0\] \(first\)\.retries must be integer/);
    expect(loadError(GOOD.replace('        duration: 1\n      - id: second', '        duration: 1\n        colour: red\n      - id: second')).message).toMatch(/broken\.yaml:15: .*\.colour is not a known field/);
  });

  it('a repeated step id', () => {
    const e = loadError(GOOD.replace('id: second', 'id: first'));
    expect(e.message).toMatch(/broken\.yaml:15: phases\[0\] \(one\)\.steps\[1\] \(first\)\.id repeats the step id "first"/);
  });

  it('an unknown template variable, naming the step', () => {
    const e = loadError(GOOD.replace('echo {{ bundle_dir }}', 'echo {{ bundel_dir }}'));
    expect(e.message).toMatch(/broken\.yaml:17: phases\[0\] \(one\)\.steps\[1\] \(second\)\.command uses \{\{ bundel_dir \}\}, which is not a known variable/);
    expect(loadError(GOOD.replace('{{ site.name }}', '{{ site.nmae }}')).message).toMatch(/broken\.yaml:11: .*\(first\)\.command uses \{\{ site\.nmae \}\}, which is not a field of the site file/);
  });

  it('a YAML syntax error', () => {
    expect(loadError(GOOD.replace('title: First', 'title: [First')).message).toMatch(/^.*broken\.yaml:\d+: is not valid YAML/);
  });

  it('an unknown hint and an id that is not the file name', () => {
    expect(loadError(GOOD.replace('        duration: 1\n      - id: second', '        duration: 1\n        hints: [nope]\n      - id: second')).message).toMatch(/broken\.yaml:15: .*\(first\)\.hints\[0\] names the hint "nope"/);
    expect(loadError(GOOD.replace('id: broken', 'id: other')).message).toMatch(/broken\.yaml:1: id is "other" but must equal the file name "broken"/);
  });
});

describe('templates are variables only', () => {
  it.each([
    ['{{ site.name | upper }}', /no expressions/],
    ['{{ site.registry.password }}', /is a secret/],
    ['{{ site.networks }}', /group of fields/],
    ["echo '{{ site.name }}'", /inside quotes/],
    ['echo "x {{ site.name }}"', /inside quotes/],
    ['echo {{ site.name }} }}', /stray/],
    ['echo {{ nope }}', /not a known variable/],
  ])('refuses %s', (template, problem) => {
    expect(checkTemplate(template)).toMatch(problem);
  });

  it.each(['echo {{ site.name }}', "echo 'a' {{ site.dns.servers }} \"b\"", 'grep -qF {{ site.versions.k3s }}', 'X={{ bundle_dir }}/a'])('accepts %s', (template) => {
    expect(checkTemplate(template)).toBeNull();
  });
});
