// SPDX-License-Identifier: Apache-2.0
// The probe over a real OpenSSH sshd on loopback: exactly one exec on one channel, a valid report of
// this machine, and how long it takes.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import ssh2 from 'ssh2';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execProbe, probeHardware } from '../../electron/backend/hardware/probe/run-probe.js';
import { buildReport } from '../../electron/backend/hardware/probe/build-report.js';
import { defValidator } from '../../electron/api/schema-registry.js';
import { sshdAvailable, sshdSkipReason, startSshd, type TestSshd } from '../helpers/sshd.js';

function connect(sshd: TestSshd): Promise<Client> {
  return new Promise((resolve, reject) => {
    const c = new ssh2.Client();
    c.once('ready', () => resolve(c));
    c.once('error', reject);
    c.connect({ host: sshd.host, port: sshd.port, username: sshd.username, privateKey: readFileSync(sshd.clientKeyPath), readyTimeout: 10_000 });
  });
}

// sshd (DEBUG1) logs one "server_input_channel_open: ctype session" per channel and one
// "Starting session: command ..." per exec.
const count = (log: string, re: RegExp) => (log.match(re) ?? []).length;

describe.skipIf(!sshdAvailable)(`probe over a real sshd${sshdSkipReason}`, () => {
  let sshd: TestSshd;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('is one exec on one channel and reports this machine', async () => {
    const client = await connect(sshd);
    const before = sshd.log().length;
    try {
      const started = performance.now();
      const r = await execProbe(client);
      const ms = performance.now() - started;
      expect(r).toMatchObject({ exitCode: 0, timedOut: false, truncated: false, channelError: null });
      // The log of this connection's child arrives a moment after the channel closes: wait for it.
      const deadline = Date.now() + 5000;
      while (count(sshd.log().slice(before), /Starting session: command/g) === 0 && Date.now() < deadline) {
        await new Promise((res) => setTimeout(res, 50));
      }
      await new Promise((res) => setTimeout(res, 200));
      const log = sshd.log().slice(before);
      expect(count(log, /server_input_channel_open: ctype session/g)).toBe(1);
      expect(count(log, /Starting session: command/g)).toBe(1);
      expect(count(log, /request exec/g)).toBe(1);

      const report = buildReport(r.stdout, { probedAt: new Date().toISOString(), durationMs: r.durationMs });
      const validate = defValidator('hardware-report.schema.json', 'HardwareReport');
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
      expect(report.host.hostname).toBe(os.hostname());
      expect(report.host.kernel).toBe(os.release());
      expect(Math.abs(report.memory.totalBytes! - os.totalmem()) / os.totalmem()).toBeLessThan(0.01);
      expect(report.sudo.user).toBe(sshd.username);
      expect(report.errors.map((e) => e.section)).not.toContain('probe');
      console.log(`probe over loopback sshd: ${Math.round(ms)} ms (exec ${r.durationMs} ms), ${r.stdout.length} bytes`);
      expect(ms).toBeLessThan(5000);
    } finally {
      client.end();
    }
  });

  it('probeHardware: transport limits become report errors, never exceptions', async () => {
    const client = await connect(sshd);
    try {
      const small = await probeHardware(client, { maxBytes: 2000 });
      expect(small.errors.map((e) => e.message)).toContain('the probe printed more than 2000 bytes; the rest was not read');
      const slow = await probeHardware(client, { timeoutMs: 1 });
      expect(slow.errors.some((e) => /did not finish within/.test(e.message))).toBe(true);
      const full = await probeHardware(client);
      expect(full.host.hostname).toBe(os.hostname());
    } finally {
      client.end();
    }
  });
});
