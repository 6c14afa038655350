// SPDX-License-Identifier: Apache-2.0
// The built-in deploy playbooks with every step's command replaced by the stand-in tool (and no checks),
// for end-to-end deploys against a real sshd that touch nothing on this machine.
import { readFileSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { serverStepId } from '../../electron/backend/deploy/deploy-engine.js';
import { shellQuote } from '../../electron/backend/ssh/shell-quote.js';

/** The stand-in for osism / docker / k3s: Ansible-like output, one line per invocation in $FAKE_LOG. */
export const FAKE_TOOL = path.resolve('test/fixtures/fake-tools/fake-tool');

interface Playbook {
  id: string;
  phases: { steps: { id: string; command: string; check?: string }[] }[];
}

/** Writes the stand-in playbooks into `dir`; steps log to `<work>/invocations.log` and print `lines` tasks. */
export async function fakePlaybooks(dir: string, work: string, lines = 40): Promise<void> {
  await mkdir(dir, { recursive: true });
  const env = `FAKE_LOG=${shellQuote(path.join(work, 'invocations.log'))} FAKE_DIR=${shellQuote(work)}`;
  for (const name of await readdir('playbooks/deploy')) {
    if (!name.endsWith('.yaml')) continue;
    const pb = parse(readFileSync(path.join('playbooks/deploy', name), 'utf8')) as Playbook;
    for (const step of pb.phases.flatMap((p) => p.steps)) {
      step.command = `${env} exec ${shellQuote(FAKE_TOOL)} ${shellQuote(serverStepId(`${pb.id}/${step.id}`))} ${lines}\n`;
      delete step.check;
    }
    await writeFile(path.join(dir, name), stringify(pb));
  }
}

/** A seeded PRNG, so a failing random run repeats with its seed. */
export { mulberry32 as rng } from '../../electron/backend/sim/seeded-random.js';
