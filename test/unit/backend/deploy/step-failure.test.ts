// SPDX-License-Identifier: Apache-2.0
// What a failed step shows: last lines without ANSI, and the hints whose patterns match.
import { describe, expect, it } from 'vitest';
import { loadHints } from '../../../../electron/backend/deploy/load-playbook.js';
import type { PlanStep } from '../../../../electron/backend/deploy/resolve-plan.js';
import { OutputTail, stepFailure, stripAnsi } from '../../../../electron/backend/deploy/step-failure.js';

const hints = loadHints();
const general = hints.filter((h) => h.general).map((h) => h.id);
const step: PlanStep = { key: 'osism-ciab/apply-keystone', id: 'apply-keystone', title: 'Deploy Keystone', command: 'osism apply keystone', sudo: false, timeout: 600, retries: 0, duration: 60, hints: general };

describe('step failure', () => {
  it('strips colours and carriage-return overdraws', () => {
    expect(stripAnsi('\x1b[0;31mfatal: [n]: FAILED!\x1b[0m')).toBe('fatal: [n]: FAILED!');
    expect(stripAnsi('10%\r50%\r100%\ndone')).toBe('100%\ndone');
  });

  it('keeps the last 50 lines of a long output, split anywhere', () => {
    const tail = new OutputTail();
    const text = Array.from({ length: 500 }, (_, i) => `line ${i}`).join('\n') + '\n';
    for (let i = 0; i < text.length; i += 7) tail.push(text.slice(i, i + 7));
    const lines = tail.lines();
    expect(lines).toHaveLength(50);
    expect(lines[0]).toBe('line 450');
    expect(lines.at(-1)).toBe('line 499');
  });

  it('matches the Ansible fatal and PLAY RECAP hints in coloured output, even above the last 50 lines', () => {
    const tail = new OutputTail();
    tail.push('TASK [keystone : Running Keystone bootstrap container] ***\n\x1b[0;31mfatal: [ciab-01]: FAILED! => {"changed": false, "msg": "Container exited"}\x1b[0m\n');
    for (let i = 0; i < 80; i++) tail.push(`noise ${i}\n`);
    tail.push('PLAY RECAP *****\nciab-01                    : ok=12   changed=3    unreachable=0    failed=1    skipped=2    rescued=0    ignored=0\n');
    const f = stepFailure(step, 2, { state: 'exited', exitCode: 2, timedOut: false }, tail, hints);
    expect(f).toMatchObject({ key: step.key, attempt: 2, exitCode: 2, timedOut: false, message: 'Exited with code 2 (attempt 2).' });
    expect(f.lastLines.join('\n')).not.toContain('\x1b');
    expect(f.hints.map((h) => h.id)).toEqual(expect.arrayContaining(['ansible-fatal', 'play-recap-failed']));
    expect(f.hints.map((h) => h.id)).not.toContain('ansible-unreachable');
  });

  it('says so for a timeout, a vanished process and a stop by the operator', () => {
    const tail = new OutputTail();
    expect(stepFailure(step, 1, { state: 'exited', exitCode: 124, timedOut: true }, tail, hints)).toMatchObject({ timedOut: true, message: expect.stringMatching(/Timed out after 600 s/), hints: [expect.objectContaining({ id: 'step-timeout' })] });
    expect(stepFailure(step, 1, { state: 'lost', exitCode: null, timedOut: false }, tail, hints).message).toMatch(/vanished/);
    expect(stepFailure(step, 1, { state: 'exited', exitCode: 143, timedOut: false }, tail, hints, true).message).toMatch(/Stopped by the operator/);
  });
});
