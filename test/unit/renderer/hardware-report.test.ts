// SPDX-License-Identifier: Apache-2.0
// The renderer accepts only what looks like a hardware report from the backend.
import { describe, expect, it } from 'vitest';
import { asHardwareReport } from '../../../renderer/lib/hardware-report.js';
import { makeReport } from '../backend/hardware/evaluate/make-report.js';

describe('asHardwareReport', () => {
  it('passes a report and refuses anything else', () => {
    const r = makeReport();
    expect(asHardwareReport(r)).toBe(r);
    for (const bad of [null, 1, 'x', {}, { version: 2, host: {}, disks: [] }, { version: 1, host: null, disks: [] }]) expect(asHardwareReport(bad)).toBeNull();
  });
});
