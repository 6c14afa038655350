// SPDX-License-Identifier: Apache-2.0
// Deploy fixtures for the screen tests: the OSISM CiaB plan in its phases at several points
// (running, failed with hints from playbooks/hints.yaml, aborted, finished) and coloured Ansible output.
import type { DeployFailure, DeployPhaseView, DeployStepView, WorkflowView } from '../../electron/api/contract.js';
import { errorInfo, stepsFor, view } from './fixture-views.js';

type S = DeployStepView['status'];
const step = (phase: string, id: string, title: string, status: S, expectedS: number, extra: Partial<DeployStepView> = {}): DeployStepView => ({
  key: `osism-ciab/${id}`,
  title,
  status,
  attempt: status === 'pending' ? 0 : 1,
  durationMs: status === 'done' || status === 'failed' ? expectedS * 900 : null,
  expectedS,
  ...extra,
});

/** The plan with the Ceph phase at `ceph` (running or failed). */
export function phases(ceph: 'running' | 'failed' | 'done'): DeployPhaseView[] {
  const osd: S = ceph === 'done' ? 'done' : ceph;
  return [
    { id: 'manager-bootstrap', playbook: 'osism-ciab', title: 'Manager bootstrap', status: 'done', steps: [
      step('m', 'run-operator', 'Create the operator user (run.sh operator)', 'done', 120),
      step('m', 'run-bootstrap', 'Bootstrap the manager node (run.sh bootstrap)', 'already-done', 600),
      step('m', 'docker-socket', 'Open the Docker socket to the manager containers', 'done', 1),
      step('m', 'run-traefik', 'Deploy Traefik (run.sh traefik)', 'done', 90),
    ] },
    { id: 'infrastructure', playbook: 'osism-ciab', title: 'Infrastructure', status: 'done', steps: [
      step('i', 'common', 'Common services (osism apply common)', 'done', 240, { attempt: 2 }),
      step('i', 'chrony', 'Time synchronisation (osism apply chrony)', 'skipped', 40, { reason: 'NTP is served by the site router; checked by hand' }),
      step('i', 'mariadb', 'MariaDB (osism apply mariadb)', 'done', 300),
    ] },
    { id: 'ceph', playbook: 'osism-ciab', title: 'Ceph', status: ceph, steps: [
      step('c', 'ceph-mons', 'Ceph monitors (osism apply ceph-mons)', 'done', 180),
      step('c', 'ceph-osds', 'Ceph OSDs (osism apply ceph-osds)', osd, 420),
      step('c', 'ceph-pools', 'Ceph pools and keys', ceph === 'done' ? 'done' : 'pending', 120),
    ] },
    { id: 'openstack', playbook: 'osism-ciab', title: 'OpenStack', status: ceph === 'done' ? 'done' : 'pending', steps: [
      step('o', 'keystone', 'Keystone (osism apply keystone)', ceph === 'done' ? 'done' : 'pending', 360),
      step('o', 'nova', 'Nova (osism apply nova)', ceph === 'done' ? 'done' : 'pending', 900),
    ] },
  ];
}

/** The failed OSD step as the backend reports it: an Ansible fatal and two matching hints. */
export const FAILURE: DeployFailure = {
  key: 'osism-ciab/ceph-osds',
  title: 'Ceph OSDs (osism apply ceph-osds)',
  command: 'osism apply ceph-osds -e ceph_osd_devices=/dev/nvme1n1',
  attempt: 1,
  exitCode: 2,
  timedOut: false,
  message: 'The step exited with code 2 after 6 min 18 s.',
  lastLines: [
    'TASK [ceph-osd : use ceph-volume lvm batch to create bluestore osds] ***********',
    'fatal: [fra1-ciab-01]: FAILED! => {"changed": true, "cmd": ["ceph-volume", "lvm", "batch", "--bluestore", "--yes", "/dev/nvme1n1"], "msg": "non-zero return code", "rc": 1, "stderr": "--> RuntimeError: Device /dev/nvme1n1 has a filesystem."}',
    '',
    'PLAY RECAP *********************************************************************',
    'fra1-ciab-01               : ok=41   changed=6    unreachable=0    failed=1    skipped=18   rescued=0    ignored=0',
  ],
  hints: [
    { id: 'ansible-fatal', title: 'An Ansible task failed', advice: 'The TASK line above the `fatal:` line names the task; the JSON after `FAILED! =>` says why (look for "msg" and "stderr"). Fix the cause, then retry: every osism apply step can be run again.' },
    { id: 'play-recap-failed', title: 'The play ended with failed tasks', advice: 'PLAY RECAP counts failed tasks on the node. Scroll up to the first `fatal:` line to see which task failed and why; the full log is also in ARA on the manager.' },
  ],
};

const E = '\x1b[';
const host = 'fra1-ciab-01';
/** Coloured Ansible output of the OSD step, as the PTY shows it; ends in a fatal and the recap. */
export function osdOutput(tasks = 6, fail = true): string {
  let out = `${E}0;32mTask 8a3f (ceph-osds) was prepared for execution.${E}0m\r\n\r\nPLAY [Apply role ceph-osd] *****************************************************\r\n\r\n`;
  for (let i = 1; i <= tasks; i++) {
    out += `TASK [ceph-osd : prepare osd ${i}] **********************************************\r\n`;
    out += i % 3 === 0 ? `${E}0;33mchanged: [${host}]${E}0m\r\n\r\n` : i % 4 === 0 ? `${E}0;36mskipping: [${host}]${E}0m\r\n\r\n` : `${E}0;32mok: [${host}]${E}0m\r\n\r\n`;
  }
  if (!fail) return out;
  out += 'TASK [ceph-osd : use ceph-volume lvm batch to create bluestore osds] ***********\r\n';
  out += `${E}0;31mfatal: [${host}]: FAILED! => {"changed": true, "cmd": ["ceph-volume", "lvm", "batch", "--bluestore", "--yes", "/dev/nvme1n1"], "msg": "non-zero return code", "rc": 1, "stderr": "--> RuntimeError: Device /dev/nvme1n1 has a filesystem."}${E}0m\r\n\r\n`;
  out += 'PLAY RECAP *********************************************************************\r\n';
  out += `${E}0;31m${host}${E}0m               : ${E}0;32mok=41  ${E}0m ${E}0;33mchanged=6   ${E}0m unreachable=0    ${E}0;31mfailed=1   ${E}0m ${E}0;36mskipped=18  ${E}0m rescued=0    ignored=0\r\n`;
  return out;
}

const DEPLOY_CAN = { next: false, back: false, cancel: true, nextBlockedReason: 'The deployment has not finished.' };

/** The deploy screen while the OSD step runs. */
export function deployRunning(): WorkflowView {
  return view({ state: 'deploy.running', busy: 'Phase 3 of 4: Ceph', deploy: { status: 'running', progress: 0.42, phases: phases('running'), current: 'osism-ciab/ceph-osds', currentSince: '2026-11-22T14:30:00.000Z', eta: { elapsedS: 1923, remainingS: 1510 }, failure: null, startedAt: '2026-11-22T14:03:22.000Z' }, can: DEPLOY_CAN });
}

/** The deploy stopped at the OSD step. */
export function deployFailed(): WorkflowView {
  return view({ state: 'deploy.failed', steps: stepsFor('deploy', 'failed'), error: errorInfo('deploy', { title: 'Step “Ceph OSDs” failed', command: FAILURE.command, exitCode: 2, lastLines: FAILURE.lastLines }), deploy: { status: 'failed', progress: 0.61, phases: phases('failed'), current: null, currentSince: null, eta: { elapsedS: 2301, remainingS: 1380 }, failure: FAILURE, startedAt: '2026-11-22T14:03:22.000Z' }, can: { next: false, back: true, cancel: true } });
}

/** Aborted by the operator after the failure. */
export function deployAborted(): WorkflowView {
  const v = deployFailed();
  return { ...v, state: 'deploy.aborted', error: null, deploy: { ...v.deploy, status: 'aborted' } };
}

/** Every step finished (the workflow moves on to done; the screen can still show it). */
export function deploySucceeded(): WorkflowView {
  return view({ state: 'deploy.running', deploy: { status: 'succeeded', progress: 1, phases: phases('done'), current: null, currentSince: null, eta: { elapsedS: 5210, remainingS: 0 }, failure: null, startedAt: '2026-11-22T14:03:22.000Z' }, can: { next: false, back: false, cancel: false } });
}
