// SPDX-License-Identifier: Apache-2.0
// `ciab probe <target>`: connect, probe the hardware in one round trip, evaluate it against a
// profile. Exit 0 when nothing blocks, 1 when a failure blocks the install, 2 when it could not
// probe (including an unknown host key without --accept-new, and a changed host key).
import path from 'node:path';
import { existsSync } from 'node:fs';
import { schemasDir } from '../../api/schema-files.js';
import type { CheckResult } from '../../api/contract.js';
import { probeTarget } from '../../backend/target/probe-target.js';
import type { Output } from '../cli-output.js';
import { openCliSession } from '../cli-session.js';

export interface ProbeOptions {
  target: string;
  identity?: string;
  profile: string;
  knownHosts?: string;
  acceptNew: boolean;
  markdown: boolean;
}

const EXIT_PASS = 0;
const EXIT_BLOCKED = 1;
const EXIT_NO_PROBE = 2;

/** Runs the probe and prints the checks; resolves with the exit code. */
export async function probeCommand(opts: ProbeOptions, out: Output): Promise<number> {
  // A cheap check now; the profiles themselves load while the server runs the probe.
  const profileDir = path.join(path.dirname(schemasDir()), 'playbooks', 'profiles');
  if (!/^[a-z0-9-]+$/.test(opts.profile) || opts.profile === 'checks' || !existsSync(path.join(profileDir, `${opts.profile}.yaml`))) {
    const { profiles } = await import('../../backend/hardware/hardware-evaluation.js');
    out.error(`unknown profile "${opts.profile}"`, `choose one of ${profiles().map((p) => p.id).join(', ')}`);
    return EXIT_NO_PROBE;
  }
  try {
    const session = await openCliSession({ target: opts.target, identity: opts.identity, knownHosts: opts.knownHosts, acceptNew: opts.acceptNew }, out);
    if (!session) return EXIT_NO_PROBE;
    const options = session.target;
    try {
      const probing = probeTarget((command, o) => session.exec(command, o));
      // Load and validate the profiles while the server is busy with the probe.
      const { evaluateHardware, formatHardwareReport, profileById, summarizeHardware } = await import('../../backend/hardware/hardware-evaluation.js');
      profileById(opts.profile);
      const report = await probing;
      // The script itself failed (killed, timed out, cut short): that is "could not probe", not a verdict.
      const probeFailed = report.errors.find((e) => e.section === 'probe');
      if (probeFailed) {
        out.error(`could not probe ${opts.target}: ${probeFailed.message}`, 'check that the user can run /bin/sh and that the server is not overloaded, then run again');
        if (out.json) out.record({ event: 'probe', target: opts.target, error: probeFailed.message, report });
        return EXIT_NO_PROBE;
      }
      const checks = evaluateHardware(report, opts.profile);
      const summary = summarizeHardware(checks, {});
      const blocked = checks.some((c) => c.blocking);
      if (out.json) {
        out.record({ event: 'probe', target: `${options.username}@${options.host}:${options.port}`, profile: opts.profile, summary, blocked, checks, report });
      } else if (opts.markdown) {
        out.info(formatHardwareReport('markdown', report, checks, opts.profile, {}));
      } else {
        printChecks(out, checks, `${options.username}@${options.host}:${options.port}`, profileById(opts.profile).title, summary, report.durationMs);
      }
      return blocked ? EXIT_BLOCKED : EXIT_PASS;
    } finally {
      session.close();
    }
  } catch (err) {
    const e = err as { message?: string; nextAction?: string };
    out.error(`could not probe ${opts.target}: ${e.message ?? String(err)}`, e.nextAction);
    return EXIT_NO_PROBE;
  }
}

const MARK: Record<string, string> = { pass: '✓', warn: '!', fail: '✗', error: '?', waived: '~' };

function printChecks(out: Output, checks: CheckResult[], target: string, profile: string, summary: string, ms: number): void {
  out.info(`${out.bold(target)} — ${profile} — probed in ${(ms / 1000).toFixed(1)} s`);
  let group = '';
  for (const c of checks) {
    if (c.group !== group) {
      group = c.group;
      out.info(`\n${out.bold(group)}`);
    }
    const colour = c.state === 'pass' ? out.green : c.state === 'fail' || c.state === 'error' ? out.red : (s: string) => s;
    out.info(`  ${colour(`${MARK[c.state] ?? ' '} ${c.state.padEnd(5)}`)} ${c.title}`);
    out.info(out.dim(`          required ${c.required} · found ${c.found}`));
    if (c.state !== 'pass') out.info(out.dim(`          fix: ${c.fix.split('\n')[0]}`));
  }
  out.info(`\n${out.bold(summary)}`);
}
