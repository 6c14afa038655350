// SPDX-License-Identifier: Apache-2.0
// Stand-in deploy actor until the playbook runner lands: in demo mode it plays a short,
// clearly simulated deployment; against a real server it refuses honestly and changes nothing.
import { fromCallback } from 'xstate';
import type { LogLine } from '../../api/contract.js';
import { toErrorInfo } from '../workflow/step-errors.js';
import type { DeployInput, InstallerEvent } from '../workflow/installer-types.js';

const DEMO_PHASES: { title: string; lines: string[] }[] = [
  { title: 'Prepare air-gap sources', lines: ['Unpacking bundle (simulated)', 'Local APT repository ready on :8080 (simulated)', 'Local registry ready on :5001 (simulated)'] },
  { title: 'Manager bootstrap', lines: ['PLAY [Bootstrap manager] *****', 'TASK [osism.commons.operator : Create operator user] ***', 'ok: [ciab-demo-01]'] },
  { title: 'Infrastructure and Ceph', lines: ['osism apply common', 'osism apply loadbalancer', 'osism apply ceph (simulated)'] },
  { title: 'OpenStack services', lines: ['osism apply keystone', 'osism apply nova', 'osism apply neutron', 'PLAY RECAP ***** ciab-demo-01 : ok=42 changed=0 failed=0'] },
];

/** Creates the deploy actor; `log` receives every output line, `stepMs` paces the demo. */
export function placeholderDeploy(log: (line: Omit<LogLine, 'at'>) => void, stepMs = 250) {
  return fromCallback<InstallerEvent, DeployInput>(({ sendBack, input }) => {
    if (input.mode !== 'demo') {
      sendBack({
        type: 'DEPLOY_FAILED',
        error: toErrorInfo('deploy', 'Deployment runner not available', {
          message: 'This build of the installer does not contain the deployment runner yet, so nothing was run and nothing was changed on the server.',
          nextAction: 'Use the demo to see the flow; the playbook runner arrives with the deployment feature.',
          lastLines: [],
        }),
      });
      return () => undefined;
    }
    const lines = DEMO_PHASES.flatMap((p) => [`== ${p.title} ==`, ...p.lines]);
    let i = 0;
    const timer = setInterval(() => {
      const line = lines[i++];
      if (line === undefined) {
        clearInterval(timer);
        sendBack({ type: 'DEPLOY_DONE' });
        return;
      }
      log({ level: 'info', source: 'deploy', message: `[demo] ${line}` });
      sendBack({ type: 'DEPLOY_PROGRESS', progress: Math.min(1, i / lines.length) });
    }, stepMs);
    return () => clearInterval(timer);
  });
}
