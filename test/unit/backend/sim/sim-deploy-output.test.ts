// SPDX-License-Identifier: Apache-2.0
// The simulated deploy output: Ansible-style, deterministic per step id and attempt, bursty, and its
// failure and hang variants.
import { describe, expect, it } from 'vitest';
import { osismRole, simStepOutput, type SimStepInput } from '../../../../electron/backend/sim/sim-deploy-output.js';

const text = (input: SimStepInput) => simStepOutput(input).events.map((e) => e.text).join('');
const keystone: SimStepInput = { stepId: 'osism-ciab.apply-keystone', attempt: '1', command: 'osism apply keystone', mode: 'ok', startedAtMs: Date.UTC(2026, 4, 2, 10, 1, 2), durationS: 600 };

describe('simStepOutput', () => {
  it('is deterministic for a step id and attempt, and differs between attempts', () => {
    expect(text(keystone)).toBe(text({ ...keystone }));
    expect(text({ ...keystone, attempt: '2' })).not.toBe(text(keystone));
  });

  it('prints osism apply like osism does: loguru lines, kolla plays, coloured results, a RECAP', () => {
    const out = text(keystone);
    const s = simStepOutput(keystone);
    expect(s.exitCode).toBe(0);
    expect(out).toMatch(/^2026-05-02 10:01:02 \| INFO {5}\| Task [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12} \(keystone\) was prepared for execution\.\n/);
    expect(out).toContain('\nPLAY [Group hosts based on configuration] ****');
    expect(out).toContain('\nPLAY [Apply role keystone] ****');
    expect(out).toContain('\nTASK [keystone : Copying over keystone.conf] ****');
    expect(out).toContain('\nRUNNING HANDLER [keystone : Restart keystone container] ****');
    expect(out).toContain('\x1b[0;32mok: [ciab-demo-01]\x1b[0m');
    expect(out).toContain('\x1b[0;33mchanged: [ciab-demo-01]\x1b[0m');
    expect(out).toMatch(/\nPLAY RECAP \*+\n.*ciab-demo-01.* : .*ok=\d+ +.*changed=\d+ +.*unreachable=0 +failed=0 +.*skipped=\d+ +.*rescued=0 +ignored=0 +\n\n$/);
    for (const line of out.split('\n').filter((l) => /^(PLAY|TASK|RUNNING HANDLER) \[/.test(l))) expect(line.length).toBe(80);
    expect(out).not.toContain('fatal:');
  });

  it('is bursty: output comes in time order with long pauses between bursts', () => {
    const at = simStepOutput(keystone).events.map((e) => e.at);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(at[0]).toBe(0);
    const gaps = at.slice(1).map((t, i) => t - (at[i] as number));
    expect(Math.max(...gaps)).toBeGreaterThan(0.05);
    expect(gaps.filter((g) => g < 0.01).length).toBeGreaterThan(gaps.length / 3);
  });

  it('fails like Ansible: a fatal line, NO MORE HOSTS LEFT, failed=1 in the RECAP, exit 2', () => {
    const s = simStepOutput({ ...keystone, mode: 'fail' });
    const out = s.events.map((e) => e.text).join('');
    expect(s.exitCode).toBe(2);
    // `.` stands for the ESC of the red colour around the line.
    expect(out.split('\n').find((l) => l.includes('fatal: '))).toMatch(/^.\[0;31mfatal: \[ciab-demo-01\]: FAILED! => \{"changed": false, "msg": ".+"\}.\[0m$/);
    expect(out).toContain('\nNO MORE HOSTS LEFT ****');
    expect(out).toContain('\x1b[0;31mfailed=1   \x1b[0m');
    expect(s.events.at(-1)!.at).toBeLessThan(1);
  });

  it('hangs in a task: some output, no RECAP, no exit code', () => {
    const s = simStepOutput({ ...keystone, mode: 'hang' });
    const out = s.events.map((e) => e.text).join('');
    expect(s.exitCode).toBeNull();
    expect(out).toMatch(/TASK \[[^\]]+\] \*+\n$/);
    expect(out).not.toContain('PLAY RECAP');
  });

  it('uses step entries, plain lines and the fallback when there is no osism apply', () => {
    const run = text({ stepId: 'osism-ciab.run-bootstrap', attempt: '1', command: 'cd /opt && ./run.sh bootstrap', mode: 'ok' });
    expect(run).toContain('TASK [osism.services.manager : Wait for an healthy manager service]');
    expect(run).toContain('PLAY RECAP');
    const k3s = simStepOutput({ stepId: 'k3s-edge.install-k3s', attempt: '1', command: 'sh install.sh', mode: 'fail' });
    expect(k3s.events.map((e) => e.text).join('')).toContain('Job for k3s.service failed');
    expect(k3s.exitCode).toBe(1);
    const other = text({ stepId: 'x.y', attempt: '1', command: 'true', title: 'Something else', mode: 'ok' });
    expect(other).toContain('PLAY [Something else] ****');
    expect(other).toContain('TASK [ciab : Something else] ****');
  });

  it('finds the role of osism apply with options', () => {
    expect(osismRole('osism apply keystone')).toBe('keystone');
    expect(osismRole('osism apply --environment custom pull-container-images')).toBe('pull-container-images');
    expect(osismRole("exec runuser -u dragon -- sh -c 'osism apply -e openstack bootstrap-sandbox'")).toBe('bootstrap-sandbox');
    expect(osismRole('osism sync facts')).toBeNull();
  });
});
