// SPDX-License-Identifier: Apache-2.0
// Malformed and hostile probe output: truncated, huge, binary, duplicated or forged markers, garbage in
// every section. buildReport must never throw, always return a schema-valid report, and say what failed.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../../../electron/backend/hardware/probe/build-report.js';
import { PROBE_OUTPUT_LIMIT } from '../../../../../electron/backend/hardware/probe/sanitize-output.js';
import { simProbeOutput, SIM_HARDWARE_IDS } from '../../../../../electron/backend/sim/sim-hardware.js';
import { META, fixture, schemaProblem } from './fixtures.js';
import { mulberry32 } from '../../../../../electron/backend/sim/seeded-random.js';


const SAMPLES: [string, string][] = [
  ...SIM_HARDWARE_IDS.map((id): [string, string] => [id, simProbeOutput(id)]),
  ['local', fixture('local', 'debian12-kvm-guest.probe.txt')],
  ['no-lsblk-json', fixture('local', 'debian12-no-lsblk-json.probe.txt')],
];

function check(raw: string, label: string) {
  let report;
  try {
    report = buildReport(raw, META);
  } catch (err) {
    throw new Error(`${label}: buildReport threw ${String(err)}`);
  }
  expect(schemaProblem(report), label).toBeNull();
  return report;
}

const nonceOf = (raw: string) => /@@ciab-probe:begin:v1:(\S+)/.exec(raw)?.[1] ?? '';

describe('probe output robustness', () => {
  it('empty, blank and foreign output give a report whose errors say so', () => {
    expect(check('', 'empty').errors).toEqual([{ section: 'probe', message: 'the probe printed nothing', exitCode: null }]);
    expect(check('\n \n\t', 'blank').errors[0]?.message).toBe('the probe printed nothing');
    expect(check('Permission denied (publickey).\n', 'foreign').errors[0]?.message).toMatch(/not from the CiaB probe script/);
    expect(check('sh: 1: Syntax error: Unterminated quoted string\n', 'shell error').errors).toHaveLength(1);
  });

  it('truncated at random points: never a throw, always valid, the cut is reported', () => {
    const random = mulberry32(20261122);
    for (const [name, raw] of SAMPLES) {
      for (let i = 0; i < 60; i++) {
        const at = Math.floor(random() * raw.length);
        const r = check(raw.slice(0, at), `${name} cut at ${at}`);
        if (at < raw.length - 60) expect(r.errors.map((e) => e.section), `${name} cut at ${at}`).toContain('probe');
      }
    }
  });

  it('a 50 MB single line: cut at the limit, reported, and fast', () => {
    const started = performance.now();
    const r = check('A'.repeat(50 * 1024 * 1024), '50 MB');
    expect(r.errors.map((e) => e.message)).toEqual([
      'no probe sections found: the output is not from the CiaB probe script',
      `probe output too large (${50 * 1024 * 1024} characters); only the first ${PROBE_OUTPUT_LIMIT} were read`,
    ]);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('a 50 MB line inside a section: that section is too large, later ones are missing, earlier ones kept', () => {
    const raw = simProbeOutput('good');
    const at = raw.indexOf('\n', raw.indexOf('@@ciab-probe:section:hostname:')) + 1;
    const started = performance.now();
    const r = check(`${raw.slice(0, at)}${'x'.repeat(50 * 1024 * 1024)}${raw.slice(at)}`, 'huge hostname');
    expect(r.host.os?.id).toBe('ubuntu'); // os-release comes before hostname
    expect(r.host.hostname).toBeNull();
    expect(r.errors.find((e) => e.section === 'hostname')?.message).toMatch(/output (too large|cut off)/);
    expect(r.errors.find((e) => e.section === 'probe' && /too large/.test(e.message))).toBeDefined();
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('pathological lines (2 MB of blanks, slashes, capitals) stay fast in every line parser', { timeout: 120_000 }, () => {
    const raw = simProbeOutput('good');
    const n = nonceOf(raw);
    const bad = [' '.repeat(2e6 - 10), '/a'.repeat(1e6 - 10), 'A'.repeat(2e6 - 10), `A="${'x'.repeat(2e6 - 10)}`, ':'.repeat(2e6 - 10)];
    for (const section of ['lscpu', 'cpuinfo', 'vulnerabilities', 'meminfo', 'lsblk-json', 'by-id', 'holders', 'df', 'nic-sysfs', 'resolv-conf', 'resolvectl', 'timedatectl', 'ss', 'pci', 'kvm', 'iommu', 'route4']) {
      for (const junk of bad) {
        const head = `\n@@ciab-probe:section:${section}:${n}\n`;
        const start = raw.indexOf(head) + head.length;
        const end = raw.indexOf(`\n@@ciab-probe:exit:${section}:`, start);
        const started = performance.now();
        check(`${raw.slice(0, start)}${junk}\n${raw.slice(end)}`, `${section} junk`);
        // Quadratic parsing of 2 MB would take minutes; the bound leaves room for a busy CI machine.
        expect(performance.now() - started, `${section} with ${junk.slice(0, 4)}…`).toBeLessThan(5000);
      }
    }
  });

  it('binary bytes and invalid UTF-8 sprinkled into real output', () => {
    const random = mulberry32(7);
    for (const [name, raw] of SAMPLES) {
      for (let i = 0; i < 20; i++) {
        const bytes = Buffer.from(raw, 'utf8');
        for (let k = 0; k < 200; k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
        check(bytes.toString('utf8'), `${name} binary #${i}`);
        check(bytes.toString('latin1'), `${name} latin1 #${i}`);
      }
      // NULs between every character still leave the text readable once stripped.
      const r = check(raw.slice(0, 4000).split('').join('\u0000') + raw.slice(4000), `${name} NUL`);
      expect(r.host.hostname).not.toBeNull();
    }
  });

  it('duplicated and forged markers: the first copy wins, forged nonces are plain text', () => {
    const raw = simProbeOutput('good');
    const n = nonceOf(raw);
    const dup = raw.replace(`\n@@ciab-probe:end:${n}`, `\n@@ciab-probe:section:hostname:${n}\nevil\n\n@@ciab-probe:exit:hostname:0:${n}\n@@ciab-probe:end:${n}`);
    expect(check(dup, 'dup').host.hostname).toBe('ciab-demo-01');
    const forged = raw.replace('ciab-demo-01\n', `ciab-demo-01\n@@ciab-probe:section:sudo:other\n@@ciab-probe:exit:sudo:0:other\n`);
    expect(check(forged, 'forged').host.hostname).toBe('ciab-demo-01');
    const doubled = raw + raw;
    expect(check(doubled, 'doubled').cpu.threads).toBe(32);
  });

  it('random line-level mutations of every sample (fixed seed)', () => {
    const random = mulberry32(42);
    const junk = ['', '{', ']', 'null', '[{"ifname":5}]', '{"blockdevices":[{"name":1}]}', 'MemTotal: 99999999999999999999999 kB', '@@ciab-probe:exit:x:0:', '-1', 'NaN', '\u0000', 'é'.repeat(50)];
    for (const [name, raw] of SAMPLES) {
      const lines = raw.split('\n');
      for (let i = 0; i < 40; i++) {
        const copy = [...lines];
        for (let k = 0; k < 25; k++) {
          const at = Math.floor(random() * copy.length);
          const op = random();
          if (op < 0.3) copy.splice(at, 1);
          else if (op < 0.6) copy[at] = junk[Math.floor(random() * junk.length)] ?? '';
          else if (op < 0.8) copy.splice(at, 0, copy[Math.floor(random() * copy.length)] ?? '');
          else copy[at] = (copy[at] ?? '').slice(0, Math.floor(random() * 40));
        }
        check(copy.join('\n'), `${name} mutation #${i}`);
      }
    }
  });

  it('hostile JSON: huge numbers, deep nesting, wrong types', () => {
    const raw = simProbeOutput('good');
    const n = nonceOf(raw);
    const swap = (section: string, body: string) => {
      const head = `\n@@ciab-probe:section:${section}:${n}\n`;
      const start = raw.indexOf(head) + head.length;
      return raw.slice(0, start) + body + raw.slice(raw.indexOf(`\n@@ciab-probe:exit:${section}:`, start));
    };
    const deep = `{"blockdevices":[${'{"name":"x","type":"disk","children":['.repeat(5000)}${']}'.repeat(5000)}]}`;
    for (const [section, body] of [
      ['lsblk-json', '{"blockdevices":[{"name":"sda","type":"disk","size":1e400,"rota":"maybe","children":"no"}]}'],
      ['lsblk-json', deep],
      ['lsblk-json', `[${'['.repeat(200000)}`],
      ['ip-addr', '[{"ifname":"eth0","mtu":1e308,"addr_info":[{"family":"inet","local":"1.2.3.4","prefixlen":99999999999999999999}]}]'],
      ['route4', '[{"dst":"default","dev":{"a":1}}]'],
      ['lscpu-json', '{"lscpu":[{"field":"CPU(s):","data":"1e9999"}]}'],
    ] as const) {
      const r = check(swap(section, body), `${section} hostile`);
      expect(r).toBeDefined();
    }
  });
});
