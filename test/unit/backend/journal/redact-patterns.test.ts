// SPDX-License-Identifier: Apache-2.0
// Secret-shaped text in what a step prints: private key blocks, password/secret/token field values and
// bearer tokens are replaced and counted; templates, vault payloads, booleans and Ansible's own output
// (the simulated server's, for every step of the three example plans) stay as they are.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { playbooksForType, resolvePlan } from '../../../../electron/backend/deploy/resolve-plan.js';
import { REDACTED, scrubPatterns, type RedactionCounts } from '../../../../electron/backend/journal/redact-patterns.js';
import { Redactor } from '../../../../electron/backend/journal/redactor.js';
import { simStepOutput } from '../../../../electron/backend/sim/sim-deploy-output.js';
import { readSiteFile } from '../../../../electron/backend/site/site-file.js';

const scrub = (text: string) => {
  const counts: RedactionCounts = {};
  return { out: scrubPatterns(text, counts), counts };
};

describe('scrubPatterns', () => {
  it('replaces a private key block, also one cut off at the end of a chunk', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ciab-redact-'));
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'k')]);
    const key = readFileSync(path.join(dir, 'k'), 'utf8');
    rmSync(dir, { recursive: true });
    const r = scrub(`before\n${key}after\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAq7`);
    expect(r.out).not.toContain(key.split('\n')[1]);
    expect(r.out).not.toContain('MIIEowIBAAKCAQEAq7');
    expect(r.out).toContain(`-----BEGIN OPENSSH PRIVATE KEY-----${REDACTED}-----END OPENSSH PRIVATE KEY-----`);
    expect(r.out.startsWith('before\n')).toBe(true);
    expect(r.out).toContain('after\n');
    expect(r.counts).toEqual({ 'private-key': 2 });
  });

  it('replaces the values of password, secret and token fields, keeping the field names', () => {
    const r = scrub([
      'keystone_admin_password: Xk9#pq_2z',
      'DB_PASSWORD=hunter2hunter2',
      '"rabbitmq_secret": "with spaces inside"',
      "api_key: 'abc123def456'",
      'ok: [ciab-01] => {"ansible_become_pass": "sudo-pw-1", "changed": false}',
      'registry credentials=user:pa55',
    ].join('\n'));
    for (const v of ['Xk9#pq_2z', 'hunter2hunter2', 'with spaces inside', 'abc123def456', 'sudo-pw-1', 'user:pa55']) expect(r.out).not.toContain(v);
    expect(r.out).toContain(`keystone_admin_password: ${REDACTED}`);
    expect(r.out).toContain(`DB_PASSWORD=${REDACTED}`);
    expect(r.out).toContain(`"rabbitmq_secret": ${REDACTED}`);
    expect(r.out).toContain('"changed": false}');
    expect(r.counts).toEqual({ 'password-field': 6 });
  });

  it('leaves templates, vault payloads, booleans, masks and prose alone', () => {
    const text = [
      'keystone_admin_password: "{{ vault_keystone_admin_password }}"',
      'database_password: !vault |',
      'password_required: true',
      'ssh_password: ********',
      `already_password: ${REDACTED}`,
      'TASK [osism.services.keystone : Set admin password] ****',
      'token_expiration 3600',
    ].join('\n');
    expect(scrub(text)).toEqual({ out: text, counts: {} });
  });

  it('replaces bearer tokens', () => {
    const r = scrub('curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc" https://registry:5001/v2/');
    expect(r.out).toBe(`curl -H "Authorization: Bearer ${REDACTED}" https://registry:5001/v2/`);
    expect(r.counts).toEqual({ 'bearer-token': 1 });
  });

  it('finds nothing in the simulated Ansible output of every step of the example plans', async () => {
    let chars = 0;
    for (const example of ['site-sandbox', 'site-edge', 'site-kubernetes']) {
      const site = (await readSiteFile(`examples/${example}.yaml`)).resolved!;
      for (const step of resolvePlan(playbooksForType(site.type), site).phases.flatMap((p) => p.steps)) {
        expect(scrub(step.command).counts, step.key).toEqual({});
        for (const mode of ['ok', 'fail'] as const) {
          const text = simStepOutput({ stepId: step.key.replace('/', '.'), attempt: '1', command: step.command, title: step.title, mode }).events.map((e) => e.text).join('');
          chars += text.length;
          expect(scrub(text).counts, `${step.key} ${mode}`).toEqual({});
        }
      }
    }
    expect(chars).toBeGreaterThan(100_000);
  });

  it('finds nothing in the rendered configurations (templates and vault payloads only)', () => {
    const files = readdirSync('test/fixtures/render', { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const file = path.join(f.parentPath, f.name);
      expect(scrub(readFileSync(file, 'utf8')).counts, file).toEqual({});
    }
  });

  it('counts known secrets and patterns through Redactor.json for the journal only', () => {
    const r = new Redactor();
    r.add('ciab-canary-known');
    const counts: RedactionCounts = {};
    const value = { msg: 'pw ciab-canary-known and ciab-canary-known, db_password: s3cr3t-value' };
    expect(JSON.parse(r.json(value, { patterns: true, counts }))).toEqual({ msg: `pw ${REDACTED} and ${REDACTED}, db_password: ${REDACTED}` });
    expect(counts).toEqual({ secret: 2, 'password-field': 1 });
    // Without patterns (what the operator sees and edits), only the known value goes.
    expect(JSON.parse(r.json(value))).toEqual({ msg: `pw ${REDACTED} and ${REDACTED}, db_password: s3cr3t-value` });
  });
});
