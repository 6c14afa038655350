// SPDX-License-Identifier: Apache-2.0
// In-process part of bench/probe.bench.mjs: what the wizard does when the operator presses
// "Probe" — connect, probe, evaluate — timed inside one long-running process, as in the app.
import { evaluateHardware } from '../electron/backend/hardware/hardware-evaluation.js';
import { openSession } from '../electron/backend/ssh/ssh-session.js';
import { probeTarget } from '../electron/backend/target/probe-target.js';

/** Times `runs` full connect + probe + evaluate cycles; returns milliseconds per run. */
export async function timeInProcess(target: { host: string; port: number; username: string; keyPath: string; knownHosts: string }, runs: number): Promise<{ ms: number[]; checks: number }> {
  const ms: number[] = [];
  let checks = 0;
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const session = await openSession({ host: target.host, port: target.port, username: target.username, auth: 'key', keyPath: target.keyPath, knownHosts: { appFile: target.knownHosts } });
    const report = await probeTarget((command, o) => session.exec(command, o));
    checks = evaluateHardware(report, 'lab').length;
    session.close();
    if (i > 0) ms.push(performance.now() - t0); // run 0 warms the profile cache, as the app's first probe does
  }
  return { ms, checks };
}
