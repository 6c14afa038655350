// SPDX-License-Identifier: Apache-2.0
// WorkflowView fixtures for the screen tests: every screen the renderer has, including the ones
// the demo server never reaches (failed checks, host-key mismatch, failed deploy). Each fixture
// is validated against the contract schema by the fake backend, so they cannot drift from it.
import type { CheckResult, ErrorInfo, StepId, StepView, WorkflowView } from '../../electron/api/contract.js';

const ORDER: StepId[] = ['target', 'hardware', 'site', 'bundle', 'review', 'deploy', 'done'];
const TITLES: Record<string, string> = { target: 'Target', hardware: 'Hardware', site: 'Site', bundle: 'Air-gap bundle', review: 'Review', deploy: 'Deploy', done: 'Done' };

/** Rail entries for a current step: earlier ones done, later ones to do. */
export function stepsFor(current: StepId, status: StepView['status'] = 'current', blockedReason?: string): StepView[] {
  const at = ORDER.indexOf(current);
  return ORDER.map((id, i) => {
    const s: StepView = { id, title: TITLES[id]!, status: i < at ? 'done' : i === at ? status : 'todo' };
    if (i === at + 1 && blockedReason) {
      s.status = 'blocked';
      s.blockedReason = blockedReason;
    }
    return s;
  });
}

export const FINGERPRINT = 'SHA256:kVKjPLvg38AZajjAx9FtKJFVuGzkK6M/IgZLcgBlGDQ';
export const OLD_FINGERPRINT = 'SHA256:D9q7c3BANdPzoP8XTfAKcTiyloqH9s6bfZrU/Es5FLo';

const target = { host: '10.20.0.5', port: 22, username: 'ubuntu', auth: 'agent' as const, isDemo: false };
const server = { hostname: 'fra1-ciab-01', os: 'Ubuntu 24.04.1 LTS', kernel: '6.8.0-48-generic' };

/** A view with sensible defaults; `patch` overrides any part. */
export function view(patch: Partial<WorkflowView> & Pick<WorkflowView, 'state'>): WorkflowView {
  const step = patch.state.split('.')[0] as StepId;
  return {
    step,
    steps: step === 'welcome' || step === 'replay' ? stepsFor('target', 'todo') : stepsFor(step),
    mode: step === 'welcome' ? null : 'install',
    installId: step === 'welcome' ? null : '2026-11-22-3f9a1c2e',
    busy: null,
    target: step === 'welcome' ? null : target,
    hostKey: step === 'welcome' ? null : { algorithm: 'ssh-ed25519', fingerprint: FINGERPRINT, status: 'accepted' },
    server: step === 'welcome' ? null : server,
    hardware: null,
    // Past the target step the backend holds an SSH connection to the server.
    connection: ORDER.indexOf(step) > 0 ? { status: 'connected', attempt: 0, since: '2026-11-22T14:02:50.000Z' } : { status: 'none', attempt: 0, since: null },
    checks: [],
    site: { config: null, valid: false, errors: [] },
    bundle: { path: null, verified: false },
    render: { status: 'none', files: 0, leaks: 0, error: null },
    deploy: { status: 'idle', progress: 0, phases: [], current: null, currentSince: null, eta: null, failure: null, startedAt: null },
    error: null,
    resumeOffer: null,
    can: { next: false, back: step !== 'welcome', cancel: step !== 'welcome' && step !== 'done' },
    ...patch,
  };
}

const check = (c: Omit<CheckResult, 'why' | 'fix'> & Partial<CheckResult>): CheckResult => ({
  why: 'Ceph and the OpenStack services need it to run with the CiaB defaults.',
  fix: 'See the CiaB hardware guide.',
  ...c,
});

/** A mixed set of results: one of every state. */
export const MIXED_CHECKS: CheckResult[] = [
  check({ id: 'os.release', group: 'OS', title: 'Operating system is Ubuntu 24.04 LTS', state: 'pass', required: 'Ubuntu 24.04 LTS', found: 'Ubuntu 24.04.1 LTS' }),
  check({ id: 'os.kernel', group: 'OS', title: 'Kernel is the Ubuntu 24.04 GA kernel or newer', state: 'warn', required: '6.8 or newer', found: '6.8.0-rc7', fix: 'Boot the 24.04 GA kernel: apt install linux-generic && reboot. Check with: uname -r' }),
  check({ id: 'hw.memory', group: 'memory', title: 'Memory', state: 'fail', blocking: true, required: '≥ 64 GiB', found: '32 GiB', why: 'OpenStack control services, Ceph OSDs and the first workloads share one server; with less memory the OOM killer stops services during the deploy.', fix: 'Add memory, or use the edge profile (32 GiB). Check with: free -g' }),
  check({ id: 'hw.disk.count', group: 'storage', title: 'Disks for Ceph', state: 'waived', required: '≥ 2 empty disks', found: '1 empty disk', waiver: 'Lab server for the partner demo; single-disk Ceph accepted by the site owner.' }),
  check({ id: 'net.ntp', group: 'network', title: 'Time is synchronised', state: 'error', required: 'NTP synchronised', found: 'timedatectl not found', fix: 'Install systemd-timesyncd or chrony, then run: timedatectl status' }),
];

/** A failed step as the backend reports it. */
export function errorInfo(step: StepId, patch: Partial<ErrorInfo> = {}): ErrorInfo {
  return {
    step,
    title: 'Step “Install Ceph packages” failed',
    message: 'The command exited with code 100: apt could not fetch packages from the local mirror.',
    command: 'apt-get install -y ceph-common',
    exitCode: 100,
    lastLines: ['Reading package lists...', 'E: Failed to fetch http://10.20.0.1/ubuntu/pool/main/c/ceph/ceph-common_19.2.0.deb  404  Not Found', 'E: Unable to fetch some archives, maybe run apt-get update or try with --fix-missing?'],
    nextAction: 'Check that the bundle’s APT mirror is served on 10.20.0.1 (systemctl status ciab-mirror on the server), then retry the step.',
    at: '2026-11-22T14:03:22.000Z',
    ...patch,
  };
}
