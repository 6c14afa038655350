// SPDX-License-Identifier: Apache-2.0
// Canary: a password the operator types reaches the SSH login and nothing else — not the
// journal, not the persisted snapshot, not any view or log sent to the renderer.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { allFiles } from '../../helpers/all-files.js';
import { startDriver, type Driver } from '../../helpers/backend-driver.js';

const CANARY = 'CANARY-ssh-pw-5e1b0c77';
let d: Driver | null = null;
afterEach(async () => {
  await d?.close();
  d = null;
});


describe('secrets never leak', () => {
  it('keeps an SSH password out of journal, snapshot, views and logs', async () => {
    d = await startDriver();
    const seen: string[] = [];
    d.api.on('workflow.view', (v) => seen.push(JSON.stringify(v)));
    d.api.on('log', (l) => seen.push(JSON.stringify(l)));
    await d.send({ type: 'START_DEMO' });
    const demo = d.backend.info.demoTarget!;
    // The UI's order: the target first (a new target forgets older secrets), then its password.
    await d.send({ type: 'SET_TARGET', target: { ...demo, auth: 'password' } });
    await d.api.invoke('secrets.set', { kind: 'ssh-password', value: CANARY });
    await d.send({ type: 'CONNECT' });
    const v = await d.waitFor((x) => x.state === 'target.confirmHostKey', 'host key');
    await d.send({ type: 'ACCEPT_HOST_KEY', fingerprint: v.hostKey!.fingerprint });
    await d.waitFor((x) => x.state === 'target.connected', 'connected with the password');
    // An operator pasting the password into a free-text field is scrubbed too.
    await d.send({ type: 'NEXT' });
    await d.waitFor((x) => x.state === 'hardware.ready', 'hardware');
    await d.send({ type: 'PROBE' });
    await d.waitFor((x) => x.state === 'hardware.ready', 'hardware again');
    // The demo server passes every check, so the waiver is refused, but the event is journaled.
    await d.send({ type: 'WAIVE', checkId: 'os.release', reason: `typed by mistake ${CANARY}` }).catch(() => undefined);

    await d.close();
    const dataDir = d.dataDir;
    d = null;
    const files = allFiles(dataDir);
    expect(files.some((f) => f.includes('journals'))).toBe(true);
    for (const f of files) expect(readFileSync(f, 'latin1'), f).not.toContain(CANARY);
    expect(seen.length).toBeGreaterThan(3);
    for (const s of seen) expect(s).not.toContain(CANARY);
  });
});
