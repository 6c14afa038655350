// SPDX-License-Identifier: Apache-2.0
// Snapshots are persisted after every transition and offered for resume on the next start;
// corrupt or foreign snapshots are set aside with a message, never a crash.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readJournal } from '../../../../electron/backend/journal/journal-reader.js';
import { MACHINE_VERSION } from '../../../../electron/backend/workflow/installer-types.js';
import { minimalSite } from '../../../helpers/site-fixtures.js';
import { connectToHardware, startDriver, tempDataDir, type Driver } from '../../../helpers/backend-driver.js';

const open: Driver[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((d) => d.close()));
});
async function driver(dir?: string) {
  const d = await startDriver(dir);
  open.push(d);
  return d;
}
const snapshotFile = (dir: string) => path.join(dir, 'workflow', 'current.json');

/** A data dir holding the saved snapshot of a demo that was started and then the app closed. */
async function savedDemo(): Promise<string> {
  const dir = tempDataDir();
  const first = await driver(dir);
  await first.send({ type: 'START_DEMO' });
  await first.close();
  open.pop();
  return dir;
}

describe('workflow persistence', () => {
  it('saves after every transition and resumes where the operator was', async () => {
    const d = await driver();
    await d.send({ type: 'START_DEMO' });
    expect(JSON.parse(readFileSync(snapshotFile(d.dataDir), 'utf8')).snapshot.value).toEqual({ target: 'editing' });
    await connectToHardware(d);
    await d.send({ type: 'WAIVE', checkId: 'os.kernel', reason: 'not failing, must be refused' }).catch(() => undefined);
    await d.send({ type: 'NEXT' });
    await d.send({ type: 'SET_SITE', site: minimalSite('resume-site', 'edge') });
    const installId = d.view().installId!;
    await d.close();
    open.pop();

    const again = await driver(d.dataDir);
    const offer = again.view().resumeOffer;
    expect(offer).toMatchObject({ installId, step: 'site', mode: 'demo' });
    expect(offer?.target).toMatch(/^ciab@127\.0\.0\.1:\d+$/);
    expect(again.view().state).toBe('welcome');
    const v = await again.api.invoke('workflow.resume', {});
    expect(v.state).toBe('site');
    expect(v.site.config).toEqual(minimalSite('resume-site', 'edge'));
    expect(v.server?.hostname).toBe('ciab-demo-01');
    expect(v.resumeOffer).toBeNull();
    // The demo target follows the demo server to its new port.
    expect(v.target?.port).toBe(again.backend.info.demoTarget?.port);
    await again.send({ type: 'NEXT' });
    const journal = readJournal(path.join(d.dataDir, 'journals', `${installId}.ndjson`));
    expect(journal.events.some((e) => e.type === 'marker' && e.kind === 'resume')).toBe(true);
    expect(journal.events.filter((e) => e.type === 'transition').map((e) => ('to' in e ? e.to : ''))).toContain('bundle.idle');
    expect(journal.warnings).toEqual([]);
  });

  it('sets a corrupt snapshot aside with a message and starts clean', async () => {
    const dir = await savedDemo();
    writeFileSync(snapshotFile(dir), '{"format":"ciab-workflow-snapshot", "version": 1, "machi');
    const d = await driver(dir);
    expect(d.view().state).toBe('welcome');
    expect(d.view().resumeOffer).toBeNull();
    expect(d.notices[0]?.message).toMatch(/could not be restored because it is not valid JSON.*set aside as .*discarded-/);
    expect(readdirSync(path.join(dir, 'workflow')).some((f) => f.startsWith('discarded-'))).toBe(true);
    expect(existsSync(snapshotFile(dir))).toBe(false);
  });

  it('discards a snapshot from another workflow version or shape', async () => {
    for (const [mutate, message] of [
      [(s: Record<string, unknown>) => ({ ...s, machineVersion: MACHINE_VERSION + 41 }), /different version of the installer workflow/],
      [(s: Record<string, unknown>) => ({ ...s, version: 0 }), /format version 0 is not supported/],
      [(s: Record<string, unknown>) => ({ ...s, snapshot: { value: 'site' } }), /does not match the snapshot schema/],
    ] as const) {
      const dir = await savedDemo();
      const saved = JSON.parse(readFileSync(snapshotFile(dir), 'utf8')) as Record<string, unknown>;
      writeFileSync(snapshotFile(dir), JSON.stringify(mutate(saved)));
      const d = await driver(dir);
      expect(d.view().resumeOffer).toBeNull();
      expect(d.notices.map((n) => n.message).join('\n')).toMatch(message);
      await d.close();
      open.pop();
    }
  });

  it('survives a snapshot whose state no longer exists', async () => {
    const dir = await savedDemo();
    const saved = JSON.parse(readFileSync(snapshotFile(dir), 'utf8')) as { snapshot: { value: unknown } };
    saved.snapshot.value = { target: 'teleporting' };
    writeFileSync(snapshotFile(dir), JSON.stringify(saved));
    const d = await driver(dir);
    expect(d.view().resumeOffer).toBeNull();
    expect(d.view().state).toBe('welcome');
    expect(d.notices.at(-1)?.message).toMatch(/state does not exist in this version \(State 'teleporting' does not exist/);
  });

  it('clears the saved install when it is cancelled, and keeps the journal closed with an end marker', async () => {
    const d = await driver();
    await d.send({ type: 'START_DEMO' });
    const id = d.view().installId!;
    await d.send({ type: 'CANCEL' });
    expect(existsSync(snapshotFile(d.dataDir))).toBe(false);
    const j = readJournal(path.join(d.dataDir, 'journals', `${id}.ndjson`));
    expect(j.header).toMatchObject({ format: 'ciab-install-journal', version: 1, mode: 'demo', installId: id });
    expect(j.events.at(-1)).toMatchObject({ type: 'marker', kind: 'end' });
    expect(j.events.some((e) => e.type === 'decision' && e.decision === 'cancel')).toBe(true);
  });
});

describe('resume after an interruption', () => {
  it('restores a step that was busy as interrupted, with a working Retry', async () => {
    const dir = await savedDemo();
    // Make the saved state "connecting", as if the app died mid-connect.
    const saved = JSON.parse(readFileSync(snapshotFile(dir), 'utf8')) as { snapshot: { value: unknown } };
    saved.snapshot.value = { target: 'connecting' };
    writeFileSync(snapshotFile(dir), JSON.stringify(saved));
    const d = await driver(dir);
    const v = await d.api.invoke('workflow.resume', {});
    expect(v.state).toBe('target.failed');
    expect(v.error).toMatchObject({ title: 'Interrupted', message: expect.stringMatching(/stopped while connecting/), nextAction: 'Press Retry to connect again.' });
    await d.send({ type: 'RETRY' });
    // The retry goes to this run's demo server, not the port saved by the dead one.
    await d.waitFor((x) => x.state === 'target.confirmHostKey' || x.state === 'target.connected', 'reconnect');
  });

  it('sets aside a snapshot whose context is broken', async () => {
    const dir = await savedDemo();
    const saved = JSON.parse(readFileSync(snapshotFile(dir), 'utf8')) as { snapshot: { context: unknown } };
    saved.snapshot.context = {};
    writeFileSync(snapshotFile(dir), JSON.stringify(saved));
    const d = await driver(dir);
    expect(d.view().resumeOffer).toBeNull();
    expect(d.notices[0]?.message).toMatch(/does not match the snapshot schema/);
    expect((await d.api.invoke('workflow.get', {})).state).toBe('welcome');
  });

  it('lets only one installer use a data directory at a time', async () => {
    const d = await driver();
    const { execFile } = await import('node:child_process');
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
      execFile(process.execPath, ['bin/ciab.mjs', 'demo', '--data-dir', d.dataDir], (err, _o, stderr) => resolve({ code: err ? (err as { code: number }).code : 0, stderr })),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`Another CiaB Installer \\(process ${process.pid}\\) is using`));
  });
});

describe('resume edge cases', () => {
  it('restores an interrupted wipe as failed, telling the operator to look before acting', async () => {
    const dir = await savedDemo();
    const saved = JSON.parse(readFileSync(snapshotFile(dir), 'utf8')) as { snapshot: { value: unknown } };
    saved.snapshot.value = { hardware: 'wiping' };
    writeFileSync(snapshotFile(dir), JSON.stringify(saved));
    const d = await driver(dir);
    const v = await d.api.invoke('workflow.resume', {});
    expect(v.state).toBe('hardware.failed');
    expect(v.error?.message).toMatch(/stopped while wiping a disk/);
    expect(v.error?.nextAction).toMatch(/partly wiped/);
  });

  it('resumes an install whose target was an alias without port or user', async () => {
    const dir = tempDataDir();
    const first = await driver(dir);
    await first.send({ type: 'START_INSTALL' });
    await first.send({ type: 'SET_TARGET', target: { host: 'edge-site-7', auth: 'agent' } });
    await first.close();
    open.pop();
    const d = await driver(dir);
    expect(d.view().resumeOffer).toMatchObject({ step: 'target', target: 'edge-site-7' });
    const v = await d.api.invoke('workflow.resume', {});
    expect(v.state).toBe('target.editing');
    expect(v.target).toMatchObject({ host: 'edge-site-7', port: 22 });
  });

  it('closes the SSH session when the install is cancelled', async () => {
    const d = await driver();
    await d.send({ type: 'START_DEMO' });
    await connectToHardware(d);
    expect(d.view().connection.status).toBe('connected');
    await d.send({ type: 'CANCEL' });
    await d.waitFor((v) => v.state === 'welcome' && v.connection.status === 'none', 'session closed');
  });
});
