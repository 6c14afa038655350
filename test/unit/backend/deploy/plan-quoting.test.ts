// SPDX-License-Identifier: Apache-2.0
// A site value can never break out of a command: hostile values rendered into a harmless
// `printf %s {{ site.description }}` come out of a real bash literally, and run nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { PlanError, resolvePlan } from '../../../../electron/backend/deploy/resolve-plan.js';
import { validateSite } from '../../../../electron/backend/site/validate-site.js';
import type { ResolvedSite } from '../../../../electron/backend/site/site-types.js';
import { freeText } from '../../../helpers/site-arbitraries.js';
import { exampleSite } from '../../../helpers/site-fixtures.js';

const PLAYBOOK = `# SPDX-License-Identifier: Apache-2.0
id: hostile
title: Quoting probe
description: Prints site values.
types: [sandbox, edge, kubernetes]
phases:
  - id: print
    title: Print
    steps:
      - id: description
        title: Description
        command: printf %s {{ site.description }}
        timeout: 5
        retries: 0
        duration: 0
      - id: joined
        title: Joined to literal text
        command: printf %s {{ site.operator.user }}:{{ site.description }}/x
        timeout: 5
        retries: 0
        duration: 0
      - id: list
        title: A list
        command: printf '[%s]' {{ site.dns.search }}
        timeout: 5
        retries: 0
        duration: 0
`;

let dir: string;
let work: string;
const MARKER = 'pwned';

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ciab-quoting-'));
  writeFileSync(path.join(dir, 'hostile.yaml'), PLAYBOOK);
  work = path.join(dir, 'work');
  mkdirSync(work);
});

function sandbox(): ResolvedSite {
  const v = validateSite(exampleSite('sandbox'));
  return v.resolved!;
}

/** The rendered commands of the probe playbook for a site. */
function commands(site: ResolvedSite): Record<string, string> {
  const plan = resolvePlan(['hostile'], site, {}, { dir });
  return Object.fromEntries(plan.phases[0]!.steps.map((s) => [s.id, s.command]));
}

/** Runs a command in a real bash (in a scratch dir, so a breakout would leave a file). */
function bash(command: string): string {
  execFileSync('bash', ['-n', '-c', command]);
  return execFileSync('bash', ['-c', command], { cwd: work, encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work } });
}

const HOSTILE = [
  `$(touch ${MARKER})`,
  `\`touch ${MARKER}\``,
  `'; touch ${MARKER}; '`,
  `"; touch ${MARKER}; "`,
  `a\nb; touch ${MARKER}`,
  `x' && touch ${MARKER} #`,
  "it's \\' \\\\ \"quoted\"",
  '${HOME} $HOME ~ * ?[a]',
  '-n --version',
  'Grüße, 雲 🚀 \u2028 \u202e tab\there',
  '{{ site.name }}',
  '',
];

describe('hostile site values are quoted', () => {
  it.each(HOSTILE)('%j comes out literally and runs nothing', (value) => {
    const site = sandbox();
    site.description = value;
    const c = commands(site);
    expect(bash(c.description!)).toBe(value);
    expect(bash(c.joined!)).toBe(`dragon:${value}/x`);
    expect(existsSync(path.join(work, MARKER))).toBe(false);
  });

  it('quotes each item of a list as its own word', () => {
    const site = sandbox();
    site.dns.search = ['a b', `$(touch ${MARKER})`, "it's", 'plain.lan'];
    expect(bash(commands(site).list!)).toBe(`[a b][$(touch ${MARKER})][it's][plain.lan]`);
    expect(existsSync(path.join(work, MARKER))).toBe(false);
  });

  it('holds for generated hostile text (property)', () => {
    fc.assert(
      fc.property(
        freeText(500).filter((s) => !s.includes('\0') && !/\p{Surrogate}/u.test(s)),
        (value) => {
          const site = sandbox();
          site.description = value;
          expect(validateSite({ ...exampleSite('sandbox'), description: value }).valid).toBe(true);
          expect(bash(commands(site).description!)).toBe(value);
        },
      ),
      { numRuns: 60 },
    );
    expect(existsSync(path.join(work, MARKER))).toBe(false);
  });

  it('refuses a NUL byte, naming the step', () => {
    const site = sandbox();
    site.description = 'a\0b';
    expect(() => commands(site)).toThrow(PlanError);
    expect(() => commands(site)).toThrow(/^hostile\/description: uses \{\{ site\.description \}\}, whose value holds a NUL byte/);
  });
});
