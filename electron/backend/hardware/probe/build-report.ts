// SPDX-License-Identifier: Apache-2.0
// buildReport: raw probe output → a schema-valid HardwareReport. Never throws; whatever could not be
// read is null/empty and named in `errors`.
import type { HardwareReport, PciDevice } from '../../../api/generated/hardware-report-types.js';
import { describeAjvError } from '../../../api/ajv-errors.js';
import { validateHardwareReport } from '../../../api/generated/report-validator.js';
import { parseId } from './parse-identity.js';
import { parseIommu } from './parse-iommu.js';
import { isDisplayController, parsePci, pciVendorName } from './parse-pci.js';
import { parseTimedatectl } from './parse-timedatectl.js';
import { splitSections } from './probe-sections.js';
import { buildCpu, buildHost, readLscpu } from './report-host-cpu.js';
import { buildDns, buildListening, buildNics, buildRoutes } from './report-network.js';
import { buildDisks, buildFilesystems, buildMemory } from './report-storage.js';
import { sanitizeProbeOutput, PROBE_OUTPUT_LIMIT } from './sanitize-output.js';
import { SectionReader } from './section-reader.js';

/** When and how long the probe ran (measured by the caller). */
export interface ProbeMeta {
  probedAt: string;
  durationMs: number;
}

/** A report plus the parser warnings that did not make anything unreadable. */
export interface DetailedReport {
  report: HardwareReport;
  warnings: string[];
}

/** The probe script version this parser reads. */
export const PROBE_VERSION = 'v1';

/** Build the report from the probe's stdout; never throws, always schema-valid. */
export function buildReport(rawStdout: string, meta: ProbeMeta): HardwareReport {
  return buildReportDetailed(rawStdout, meta).report;
}

/** buildReport plus warnings (odd lines skipped, fallbacks used, garbage removed). */
export function buildReportDetailed(rawStdout: string, meta: ProbeMeta): DetailedReport {
  const safeMeta = cleanMeta(meta);
  try {
    return assemble(rawStdout, safeMeta);
  } catch (err) {
    // Last line of defence: a bug in one builder must still give the operator a report with the reason.
    const report = emptyReport(safeMeta);
    report.errors.push({ section: 'probe', message: `the report could not be built: ${err instanceof Error ? err.message : String(err)}`, exitCode: null });
    return { report, warnings: [] };
  }
}

function assemble(raw: string, meta: ProbeMeta): DetailedReport {
  const clean = sanitizeProbeOutput(raw);
  const split = splitSections(clean.text);
  const r = new SectionReader(split);
  r.warnings.push(...split.warnings);
  if (clean.removedChars > 0) r.warnings.push(`${clean.removedChars} control or invalid characters removed from the probe output`);

  const report = emptyReport(meta);
  if (split.sections.size === 0) {
    r.fail('probe', clean.text.trim() === '' ? 'the probe printed nothing' : 'no probe sections found: the output is not from the CiaB probe script');
    return finish(report, r, clean.truncated, clean.originalLength);
  }
  if (split.version !== null && split.version !== PROBE_VERSION) {
    r.fail('probe', `probe output is ${split.version}; this installer reads ${PROBE_VERSION}`);
  }

  const lscpu = readLscpu(r);
  report.host = buildHost(r, lscpu);
  report.cpu = buildCpu(r, lscpu);
  report.memory = buildMemory(r);
  report.disks = buildDisks(r);
  report.filesystems = buildFilesystems(r);
  report.nics = buildNics(r);
  report.routes = buildRoutes(r);
  report.dns = buildDns(r);
  report.listening = buildListening(r);

  const time = r.read(['timedatectl', 'timedatectl-status']);
  const t = time ? r.parse(time, parseTimedatectl) : null;
  if (t) report.time = t;

  const iommu = r.read(['iommu']);
  const io = iommu ? r.parse(iommu, parseIommu) : null;
  if (io) report.iommu = { enabled: io.enabled, groups: io.groups };

  const pci = r.read(['pci']);
  const devices = pci ? (r.parse(pci, parsePci) ?? []) : [];
  report.gpus = devices.filter(isDisplayController).map(
    (p): PciDevice => ({ address: p.address, vendorId: p.vendorId, deviceId: p.deviceId, classId: p.classId, vendor: pciVendorName(p.vendorId), driver: p.driver }),
  );

  report.sudo = buildSudo(r);
  if (!split.ended) {
    r.fail('probe', `the probe output ended early (${split.sections.size} sections read): the connection was cut or the script was stopped`);
  }
  return finish(report, r, clean.truncated, clean.originalLength);
}

// Passwordless sudo: root needs none; `sudo -n true` exit 1 means "a password is required".
function buildSudo(r: SectionReader): HardwareReport['sudo'] {
  const idSection = r.read(['id']);
  const id = idSection ? parseId(idSection.stdout).value : { uid: null, user: null };
  if (id.uid === 0) return { user: id.user, passwordless: true };
  const sudo = r.read(['sudo'], { okExits: [0, 1] });
  return { user: id.user, passwordless: sudo ? sudo.section.exitCode === 0 : null };
}

function finish(report: HardwareReport, r: SectionReader, truncated: boolean, originalLength: number): DetailedReport {
  if (truncated) {
    r.fail('probe', `probe output too large (${originalLength} characters); only the first ${PROBE_OUTPUT_LIMIT} were read`);
  }
  report.errors = r.errors;
  // Precompiled (scripts/gen-validators.mjs): compiling the schema would cost ~100 ms per run.
  const validate = validateHardwareReport;
  const meta = { probedAt: report.probedAt, durationMs: report.durationMs };
  if (validate(report)) return { report, warnings: r.warnings };
  // A parser produced something the schema rejects: keep the operator's errors, drop the data.
  const { message } = describeAjvError(validate.errors, 'report');
  const fallback = emptyReport(meta);
  fallback.errors = [...r.errors, { section: 'probe', message: `the parsed report was invalid and was discarded: ${message}`, exitCode: null }];
  return { report: fallback, warnings: r.warnings };
}

function cleanMeta(meta: ProbeMeta): ProbeMeta {
  const at = typeof meta?.probedAt === 'string' && !Number.isNaN(Date.parse(meta.probedAt)) ? new Date(meta.probedAt).toISOString() : new Date().toISOString();
  const d = meta?.durationMs;
  return { probedAt: at, durationMs: typeof d === 'number' && Number.isFinite(d) && d >= 0 ? d : 0 };
}

/** A report with nothing found: every field null or empty (valid against the schema). */
export function emptyReport(meta: ProbeMeta): HardwareReport {
  return {
    version: 1,
    probedAt: meta.probedAt,
    durationMs: meta.durationMs,
    host: { hostname: null, os: null, kernel: null, arch: null, bootMode: null, virtualization: null },
    cpu: {
      model: null, vendor: null, sockets: null, cores: null, threads: null, flags: [], hwVirtualization: null,
      kvmNested: null, vulnerabilities: [], sev: null, sevSnp: null, tdx: null,
    },
    memory: { totalBytes: null, availableBytes: null, swapBytes: null },
    disks: [],
    nics: [],
    routes: { default4: [], default6: [] },
    dns: { servers: [], search: [] },
    time: { synchronized: null, ntpActive: null, timezone: null },
    gpus: [],
    iommu: { enabled: null, groups: null },
    filesystems: [],
    listening: [],
    sudo: { user: null, passwordless: null },
    errors: [],
  };
}
