// SPDX-License-Identifier: Apache-2.0
// The workflow against a real server (loopback sshd): connect with a key, pin the host key,
// probe this machine, then the SSH connection drops — the view says "reconnecting", the session
// comes back by itself and the next probe works, with the journal telling what happened.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowEvent, WorkflowView } from '../../electron/api/contract.js';
import { createMemoryClient } from '../../electron/api/memory-transport.js';
import { createBackend, type Backend } from '../../electron/backend/create-backend.js';
import { readJournal } from '../../electron/backend/journal/journal-reader.js';
import { tempDataDir } from '../helpers/backend-driver.js';
import { sshdAvailable, sshdSkipReason, startSshd, type TestSshd } from '../helpers/sshd.js';

describe.skipIf(!sshdAvailable)(`workflow over a real sshd${sshdSkipReason}`, () => {
  let sshd: TestSshd;
  let backend: Backend;
  const views: WorkflowView[] = [];
  let api: ReturnType<typeof createMemoryClient>;
  const dataDir = tempDataDir();

  beforeAll(async () => {
    sshd = await startSshd();
    backend = await createBackend({ dataDir, appVersion: '0.0.0-test', transport: 'memory', demoServer: false, userKnownHosts: null, sshConfig: null });
    api = createMemoryClient(backend);
    api.on('workflow.view', (v) => views.push(v));
  });
  afterAll(async () => {
    await backend?.close();
    await sshd?.stop();
  });

  const send = async (event: WorkflowEvent) => {
    const r = await api.invoke('workflow.send', { event });
    if (!r.accepted) throw new Error(r.reason);
  };
  const waitFor = async (pred: (v: WorkflowView) => boolean, what: string, ms = 20_000) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const v = views.at(-1);
      if (v && pred(v)) return v;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting for ${what}: ${JSON.stringify(views.at(-1)?.state)} ${JSON.stringify(views.at(-1)?.error)}`);
  };

  it('connects, probes, survives a dropped connection and probes again', async () => {
    await send({ type: 'START_INSTALL' });
    await send({ type: 'SET_TARGET', target: { host: sshd.host, port: sshd.port, username: sshd.username, auth: 'key', keyPath: sshd.clientKeyPath } });
    await send({ type: 'CONNECT' });
    const ask = await waitFor((v) => v.state === 'target.confirmHostKey', 'host key prompt');
    expect(ask.hostKey?.fingerprint).toBe(sshd.hostKeyFingerprint);
    await send({ type: 'ACCEPT_HOST_KEY', fingerprint: ask.hostKey!.fingerprint });
    await waitFor((v) => v.state === 'target.connected' && v.connection.status === 'connected', 'connected with a session');
    await send({ type: 'NEXT' });
    const hw = await waitFor((v) => v.state === 'hardware.ready', 'the probe of this machine');
    expect(hw.checks.length).toBeGreaterThan(15);
    expect(hw.hardware?.summary).toBeTruthy();

    views.length = 0;
    await sshd.dropConnections();
    await waitFor((v) => v.connection.status === 'reconnecting', 'reconnecting shown');
    await waitFor((v) => v.connection.status === 'connected', 'reconnected');
    await send({ type: 'PROBE' });
    await waitFor((v) => v.state === 'hardware.ready' && v.checks.length > 15, 'probe after the reconnect');

    const journal = readJournal(path.join(dataDir, 'journals', `${hw.installId}.ndjson`));
    const text = JSON.stringify(journal.events);
    expect(text).toContain('connection reconnecting');
    expect(text).toMatch(/reconnected after \d+ attempt/);
    expect(journal.events.some((e) => e.type === 'target')).toBe(true);
  });
});
