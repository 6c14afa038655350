// SPDX-License-Identifier: Apache-2.0
// The real probe script on this machine: run it with sh (dash) and as sshd would (login shell -c
// "<command>"), then check the report against facts read here independently.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport, buildReportDetailed } from '../../../../../electron/backend/hardware/probe/build-report.js';
import { isProbeCommand, PROBE_VERSION_LINE, probeCommand, probeScript, probeScriptPath } from '../../../../../electron/backend/hardware/probe/probe-script.js';
import { META, schemaProblem } from './fixtures.js';

function run(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ stdout: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, maxBuffer: 16 * 1024 * 1024, timeout: 30_000 }, (err, stdout) => {
      if (err) reject(err);
      else resolve({ stdout, ms: performance.now() - started });
    });
  });
}

const shim = mkdtempSync(path.join(os.tmpdir(), 'ciab-probe-shim-'));
afterAll(() => rmSync(shim, { recursive: true, force: true }));

describe('probe script', () => {
  it('is a v1 probe with the licence line, POSIX-sh syntax, and no tools beyond the minimal set', () => {
    const script = probeScript();
    const lines = script.split('\n');
    expect(lines[0]).toBe(PROBE_VERSION_LINE);
    expect(lines[1]).toBe('# SPDX-License-Identifier: Apache-2.0');
    // fish treats \\ inside single quotes as an escape; keeping it out keeps `sh -c '...'` exact there too.
    expect(script).not.toContain('\\\\');
    execFileSync('dash', ['-n', probeScriptPath()]);
    const code = lines.filter((l) => !l.trimStart().startsWith('#')).join('\n');
    for (const tool of ['python', 'lspci', 'jq ', 'dmesg', 'blkid', 'wipefs', 'sudo -S', 'mktemp', 'bash']) expect(code, tool).not.toContain(tool);
  });

  it('the exec command is sh -c with the script as one quoted word, recognisable by its marker', () => {
    const cmd = probeCommand();
    expect(cmd.startsWith(`sh -c '${PROBE_VERSION_LINE}\n`)).toBe(true);
    expect(isProbeCommand(cmd)).toBe(true);
    expect(isProbeCommand('sh -c true')).toBe(false);
    expect(cmd.length).toBeLessThan(128 * 1024); // Linux limit for one argument
  });

  it('runs here under dash and reports what this machine is', async () => {
    const { stdout, ms } = await run('sh', [probeScriptPath()]);
    const d = buildReportDetailed(stdout, { probedAt: new Date().toISOString(), durationMs: ms });
    const r = d.report;
    expect(schemaProblem(r)).toBeNull();
    expect(r.host.hostname).toBe(os.hostname());
    expect(r.host.kernel).toBe(execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim());
    expect(r.host.kernel).toBe(os.release());
    expect(r.host.arch).toBe(execFileSync('uname', ['-m'], { encoding: 'utf8' }).trim());
    expect(r.cpu.threads).toBe(Number(execFileSync('nproc', ['--all'], { encoding: 'utf8' })));
    expect(Math.abs(r.memory.totalBytes! - os.totalmem()) / os.totalmem()).toBeLessThan(0.01);
    const osr = readFileSync('/etc/os-release', 'utf8');
    expect(r.host.os?.id).toBe(/^ID=(.*)$/m.exec(osr)?.[1]?.replace(/"/g, ''));
    expect(r.host.bootMode).toBe(execFileSync('sh', ['-c', 'test -d /sys/firmware/efi && echo uefi || echo bios'], { encoding: 'utf8' }).trim());
    expect(r.sudo.user).toBe(os.userInfo().username);
    // Every interface the kernel knows is in the report.
    const ifaces = execFileSync('ls', ['/sys/class/net'], { encoding: 'utf8' }).split(/\s+/).filter(Boolean);
    expect(r.nics.map((n) => n.name).sort()).toEqual(ifaces.sort());
    expect(r.disks.length).toBeGreaterThan(0);
    // Well under a second on a normal machine; allow for a loaded CI box.
    expect(ms).toBeLessThan(5000);
  });

  it('runs as sshd runs it: the login shell gets `sh -c \'<script>\'` as one command string', async () => {
    const { stdout } = await run('bash', ['-c', probeCommand()]);
    const r = buildReport(stdout, META);
    expect(schemaProblem(r)).toBeNull();
    expect(r.host.hostname).toBe(os.hostname());
    expect(r.errors.map((e) => e.section)).not.toContain('probe');
  });

  it('falls back to lsblk -P where lsblk has no -J (util-linux before 2.27)', async () => {
    // A stand-in lsblk that refuses -J exactly like the old getopt did, and runs the real one otherwise.
    writeFileSync(path.join(shim, 'lsblk'), '#!/bin/sh\nfor a in "$@"; do case $a in -J) echo "lsblk: invalid option -- \'J\'" >&2; exit 1;; esac; done\nexec /usr/bin/lsblk "$@"\n', { mode: 0o755 });
    const normal = buildReport((await run('sh', [probeScriptPath()])).stdout, META);
    const d = buildReportDetailed((await run('sh', [probeScriptPath()], { ...process.env, PATH: `${shim}:${process.env.PATH}` })).stdout, META);
    expect(d.warnings).toContain('lsblk -J is not supported here; disks were read from lsblk -P');
    const brief = (disks: typeof normal.disks) => disks.map((x) => [x.name, x.sizeBytes, x.mounted, x.partitions.length]);
    expect(brief(d.report.disks)).toEqual(brief(normal.disks));
  });
});
