// SPDX-License-Identifier: Apache-2.0
import { describe, expect, test } from 'vitest';
import type { CheckResult, CheckState } from '../../../electron/api/contract.js';
import {
  canWaive,
  CHECK_STATE_WORD,
  countChecks,
  countLabel,
  groupChecks,
  groupLabel,
  hardwareHeadline,
  isBlocking,
  isWaiverReasonValid,
  needsAttention,
  overallTone,
  profileGist,
  splitFix,
  summarizeChecks,
  wipeConfirmMatches,
} from '../../../renderer/lib/checks.js';

const c = (id: string, group: string, state: CheckState, extra: Partial<CheckResult> = {}): CheckResult => ({ id, group, title: id, state, required: 'r', found: 'f', why: 'w', fix: 'x', ...extra });
const STATES = ['pass', 'warn', 'fail', 'error', 'waived'] as const;

describe('check results', () => {
  const checks = [c('os.release', 'os', 'pass'), c('mem', 'memory', 'fail'), c('os.kernel', 'OS', 'warn'), c('net.ntp', 'network', 'error'), c('disk', 'Storage', 'waived'), c('cpu', 'cpu', 'pass')];

  test('grouped in spec-sheet order whatever case or synonym the backend uses; unknown groups last', () => {
    expect(groupChecks([...checks, c('x', 'Firmware', 'pass'), c('gpu', 'accelerators', 'pass')]).map((g) => [g.group, g.checks.map((x) => x.id)])).toEqual([
      ['CPU', ['cpu']],
      ['Memory', ['mem']],
      ['Storage', ['disk']],
      ['Network', ['net.ntp']],
      ['OS', ['os.kernel', 'os.release']],
      ['Security & accelerators', ['gpu']],
      ['Firmware', ['x']],
    ]);
    expect(groupLabel('security/accelerators')).toBe('Security & accelerators');
    expect(groupLabel(' Disk ')).toBe('Storage');
  });

  test('within a group what blocks comes first, then other failures, warnings, waivers, passes (stable otherwise)', () => {
    const g = [c('p1', 'os', 'pass'), c('w', 'os', 'warn'), c('soft', 'os', 'fail', { blocking: false }), c('hard', 'os', 'fail', { blocking: true }), c('err', 'os', 'error'), c('v', 'os', 'waived'), c('p2', 'os', 'pass')];
    expect(groupChecks(g)[0]!.checks.map((x) => x.id)).toEqual(['hard', 'err', 'soft', 'w', 'v', 'p1', 'p2']);
  });

  test('a failure blocks unless the backend says it does not; warnings and waivers never block', () => {
    expect(isBlocking(c('a', 'g', 'fail'))).toBe(true);
    expect(isBlocking(c('a', 'g', 'error'))).toBe(true);
    expect(isBlocking(c('a', 'g', 'fail', { blocking: false }))).toBe(false);
    expect(STATES.filter((s) => isBlocking(c('a', 'g', s, { blocking: true })))).toEqual(['fail', 'error']);
  });

  test('counted, summed up and worded, problems first', () => {
    expect(countChecks(checks)).toEqual({ pass: 2, warn: 1, fail: 1, error: 1, waived: 1 });
    expect(summarizeChecks(checks)).toBe('6 checks: 1 failed, 1 could not run, 1 warning, 1 waived, 2 passed');
    expect(summarizeChecks([c('a', 'g', 'pass')])).toBe('1 check: 1 passed');
    expect([countLabel('warn', 1), countLabel('warn', 3), countLabel('error', 2), countLabel('pass', 13)]).toEqual(['1 warning', '3 warnings', '2 could not run', '13 passed']);
  });

  test('the headline: the backend’s summary, else the same wording computed here; the tone follows the worst result', () => {
    expect(hardwareHeadline(checks, '3 failures block the install')).toBe('3 failures block the install');
    expect(hardwareHeadline(checks, null)).toBe('2 failures block the install');
    expect(hardwareHeadline([c('a', 'g', 'fail')], undefined)).toBe('1 failure blocks the install');
    expect(hardwareHeadline([c('a', 'g', 'warn'), c('b', 'g', 'pass')], null)).toBe('Nothing blocks the install — 1 result to review');
    expect(hardwareHeadline([c('a', 'g', 'pass')], null)).toBe('The 1 check passed');
    expect([overallTone(checks), overallTone([c('a', 'g', 'waived')]), overallTone([c('a', 'g', 'fail', { blocking: false })]), overallTone([c('a', 'g', 'pass')])]).toEqual(['blocking', 'warn', 'warn', 'pass']);
  });

  test('every state has a word, so nothing relies on colour', () => {
    for (const s of STATES) expect(CHECK_STATE_WORD[s]).toMatch(/^[A-Z]/);
  });

  test('only failures and checks that could not run can be waived, and only their details start open', () => {
    expect(STATES.filter(canWaive)).toEqual(['fail', 'error']);
    expect(STATES.filter(needsAttention)).toEqual(['fail', 'error']);
  });

  test('a waiver reason needs 10 characters after trimming', () => {
    expect(isWaiverReasonValid('too short')).toBe(false);
    expect(isWaiverReasonValid('   123456789   ')).toBe(false);
    expect(isWaiverReasonValid('1234567890')).toBe(true);
  });

  test('a wipe is confirmed only by the exact disk path (case matters, surrounding blanks do not)', () => {
    expect(wipeConfirmMatches('/dev/sdb', '/dev/sdb')).toBe(true);
    expect(wipeConfirmMatches('  /dev/sdb\n', '/dev/sdb')).toBe(true);
    for (const wrong of ['/dev/SDB', 'sdb', '/dev/sd', '/dev/sdb1', '/dev/sd b', '']) expect(wipeConfirmMatches(wrong, '/dev/sdb')).toBe(false);
    expect(wipeConfirmMatches('', '')).toBe(false);
  });

  test('a profile card shows the gist of its description: up to the first colon or full stop', () => {
    expect(profileGist('The full Cloud-in-a-Box for developers and demos: OSISM OpenStack with Ceph. Requires 4 cores.')).toBe('The full Cloud-in-a-Box for developers and demos.');
    expect(profileGist('For labs, VMs and trying things out, not for a site. Most checks only warn: fewer cores.')).toBe('For labs, VMs and trying things out, not for a site.');
    expect(profileGist('Needs 24.04.1 or newer')).toBe('Needs 24.04.1 or newer.');
    expect(profileGist('  ')).toBe('');
  });

  test('a fix is split into prose and the command line it ends with; otherwise it stays whole', () => {
    expect(splitFix('Add memory; for a VM, raise its RAM (the guide uses 32 GB). Check with: free -g')).toEqual({ text: 'Add memory; for a VM, raise its RAM (the guide uses 32 GB). Check with:', command: 'free -g' });
    expect(splitFix('Make sure it is the disk you mean: lsblk -o NAME,SIZE,MODEL /dev/sdb')).toEqual({ text: 'Make sure it is the disk you mean:', command: 'lsblk -o NAME,SIZE,MODEL /dev/sdb' });
    expect(splitFix('Wipe the old signatures (this erases the disk):\nvgchange -an osd-vg\nwipefs --all /dev/sdb')).toEqual({ text: 'Wipe the old signatures (this erases the disk):', command: 'vgchange -an osd-vg\nwipefs --all /dev/sdb' });
    expect(splitFix('Install it: sudo apt install chrony.')).toEqual({ text: 'Install it:', command: 'sudo apt install chrony' });
    // Prose after the colon, or no colon at all: nothing to split.
    expect(splitFix('In the firmware setup: Switch the boot mode to UEFI. Then reinstall.')).toEqual({ text: 'In the firmware setup: Switch the boot mode to UEFI. Then reinstall.', command: null });
    expect(splitFix('See the CiaB hardware guide.')).toEqual({ text: 'See the CiaB hardware guide.', command: null });
    expect(splitFix('Two ways out: use the edge profile, or add memory.').command).toBeNull();
    expect(splitFix('sudo hostnamectl set-hostname <name>')).toEqual({ text: 'sudo hostnamectl set-hostname <name>', command: null });
  });
});
