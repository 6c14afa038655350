// SPDX-License-Identifier: Apache-2.0
// Reads the hardware fixtures in test/fixtures/hardware (provenance in its SOURCES.md).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { defValidator, describeAjvError } from '../../../../../electron/api/schema-registry.js';

/** test/fixtures/hardware */
export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/hardware');

/** One fixture file's text, e.g. fixture('lscpu', 'linuxhw-lscpu__epyc-7302p.txt'). */
export function fixture(kind: string, name: string): string {
  return readFileSync(path.join(FIXTURES, kind, name), 'utf8');
}

/** All fixture file names of one kind. */
export function fixtureNames(kind: string): string[] {
  return readdirSync(path.join(FIXTURES, kind)).filter((f) => !f.startsWith('.')).sort();
}

/** Schema validation result of a report: null when valid, else the first error as a sentence. */
export function schemaProblem(report: unknown): string | null {
  const v = defValidator('hardware-report.schema.json', 'HardwareReport');
  return v(report) ? null : describeAjvError(v.errors, 'report').message;
}

/** Probe metadata for tests. */
export const META = { probedAt: '2026-11-22T10:00:00.000Z', durationMs: 250 };
