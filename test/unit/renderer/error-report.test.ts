// SPDX-License-Identifier: Apache-2.0
import { describe, expect, test } from 'vitest';
import type { ErrorInfo } from '../../../electron/api/contract.js';
import { errorFacts, formatErrorReport } from '../../../renderer/lib/error-report.js';

const full: ErrorInfo = {
  step: 'deploy',
  title: 'Step “Install Ceph packages” failed',
  message: 'apt could not fetch packages.',
  command: 'apt-get install -y ceph-common',
  exitCode: 100,
  lastLines: ['Reading package lists...', 'E: Unable to fetch some archives'],
  nextAction: 'Check the mirror, then retry the step.',
  at: '2026-11-22T14:03:22.000Z',
};

describe('error panel content', () => {
  test('facts name the step, command and exit code', () => {
    const facts = errorFacts(full, 'Deploy');
    expect(facts.map((f) => f.label)).toEqual(['Step', 'Command', 'Exit code', 'When']);
    expect(facts.find((f) => f.label === 'Command')).toMatchObject({ value: 'apt-get install -y ceph-common', mono: true });
    expect(facts.find((f) => f.label === 'Exit code')?.value).toBe('100');
  });

  test('what the backend did not report is left out; a null exit code is explained', () => {
    const bare: ErrorInfo = { step: 'bundle', title: 'Bundle verification failed', message: 'manifest.json is missing.', lastLines: [], nextAction: 'Copy the bundle again.', at: full.at };
    expect(errorFacts(bare, 'Air-gap bundle').map((f) => f.label)).toEqual(['Step', 'When']);
    expect(errorFacts({ ...bare, exitCode: null }, 'x').find((f) => f.label === 'Exit code')?.value).toMatch(/killed or timed out/);
  });

  test('the copied report has everything support needs, in reading order', () => {
    const text = formatErrorReport(full, 'Deploy');
    const order = [full.title, full.message, 'Step: Deploy', 'Command: apt-get install -y ceph-common', 'Exit code: 100', 'What to do next: Check the mirror', 'Last 2 lines of output:', '  E: Unable to fetch some archives'];
    let at = -1;
    for (const part of order) {
      const i = text.indexOf(part);
      expect(i, part).toBeGreaterThan(at);
      at = i;
    }
  });
});
