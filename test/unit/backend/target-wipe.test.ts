// SPDX-License-Identifier: Apache-2.0
// Wiping a dirty disk end to end: the real workflow, SSH session and probe against the
// simulated server with an old LVM disk; the check passes after the automatic re-probe.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryClient } from '../../../electron/api/memory-transport.js';
import { createBackend, type Backend } from '../../../electron/backend/create-backend.js';
import { connectToHardware, tempDataDir } from '../../helpers/backend-driver.js';
import type { WorkflowView } from '../../../electron/api/contract.js';

let backend: Backend | null = null;
const allFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? allFiles(path.join(dir, f)) : [path.join(dir, f)]));
afterEach(async () => {
  await backend?.close();
  backend = null;
});

describe('wiping a dirty disk on the demo server', () => {
  it('runs the confirmed wipe over SSH and probes again', async () => {
    const dataDir = tempDataDir();
    backend = await createBackend({ dataDir, appVersion: '0.0.0-test', transport: 'memory', demoServer: true, demoHardware: 'small-dirty', userKnownHosts: null, sshConfig: null });
    const api = createMemoryClient(backend);
    let last: WorkflowView = await api.invoke('workflow.get', {});
    const waiters = new Set<() => void>();
    api.on('workflow.view', (v) => {
      last = v;
      for (const w of waiters) w();
    });
    const d = {
      view: () => last,
      send: async (event: Parameters<typeof api.invoke<'workflow.send'>>[1]['event']) => {
        const r = await api.invoke('workflow.send', { event });
        if (!r.accepted) throw new Error(r.reason);
        return r.view;
      },
      waitFor: (pred: (v: WorkflowView) => boolean, what: string) =>
        new Promise<WorkflowView>((resolve, reject) => {
          const t = setTimeout(() => reject(new Error(`timeout: ${what} (${last.state}) ${JSON.stringify(last.error)}`)), 15_000);
          const check = () => {
            if (pred(last)) {
              clearTimeout(t);
              waiters.delete(check);
              resolve(last);
            }
          };
          waiters.add(check);
          check();
        }),
    };
    await d.send({ type: 'START_DEMO' });
    const hw = await connectToHardware(d as never);
    const dirty = hw.checks.find((c) => c.wipe);
    expect(dirty?.wipe?.disk).toBe('/dev/sdb');
    expect(hw.hardware?.summary).toMatch(/block the install/);
    // This server's sudo wants a password: without one the wipe stops with a clear message.
    await d.send({ type: 'WIPE_DISK', disk: '/dev/sdb', confirm: '/dev/sdb' });
    const refused = await d.waitFor((v) => v.state === 'hardware.failed', 'wipe refused by sudo');
    expect(refused.error).toMatchObject({ command: 'sudo -n vgchange -an osd-vg', exitCode: 1, lastLines: ['sudo: a password is required'] });
    expect(refused.error?.nextAction).toMatch(/sudo needs a password/);
    await d.send({ type: 'RETRY' });
    await d.waitFor((v) => v.state === 'hardware.ready', 're-probe');
    await api.invoke('secrets.set', { kind: 'sudo-password', value: 'CANARY-sudo-pw-1' });
    await d.send({ type: 'WIPE_DISK', disk: '/dev/sdb', confirm: '/dev/sdb' });
    const after = await d.waitFor((v) => v.state === 'hardware.ready' || v.state === 'hardware.failed', 'wipe and re-probe');
    expect(after.error, JSON.stringify(after.error)).toBeNull();
    expect(after.checks.find((c) => c.wipe)).toBeUndefined();
    const ceph = after.checks.find((c) => c.id === 'storage.ceph-disk');
    expect(ceph?.found).toMatch(/sdb/);
    // The sudo password went to sudo's stdin only: nothing the app wrote contains it.
    await backend.close();
    backend = null;
    for (const f of allFiles(dataDir)) expect(readFileSync(f, 'latin1'), f).not.toContain('CANARY-sudo-pw-1');
  });
});
