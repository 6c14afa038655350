// SPDX-License-Identifier: Apache-2.0
// Per-step overhead of a no-op step against one loopback OpenSSH sshd: the control channel (one
// `ciab-step serve` exec per connection), one `ciab-step run` exec per step (runStep), and Ansible.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, median } from './bench-lib.mjs';

const STEPS = Number(process.env.BENCH_STEPS ?? 50);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

// The tests' real-sshd harness, and (as root) a plain user with the stock shell profile, as probe.bench.mjs.
const helpers = { ...(await build('test/helpers/sshd.ts', 'sshd-helper')), ...(await build('test/helpers/ssh-test-user.ts', 'ssh-test-user-helper')) };
const sshd = await helpers.startSshd({ logLevel: 'INFO' });
const user = helpers.isRoot ? (await helpers.ensureTestUser('ciab-bench')).name : sshd.username;
console.log(`target: ${user}@${sshd.host}:${sshd.port}`);
const work = mkdtempSync(path.join(tmpdir(), 'ciab-bench-steps-'));

function time(cmd, args, env = {}) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { ms: performance.now() - t0, status: r.status, stdout: r.stdout, stderr: r.stderr, error: r.error };
}

let app;
let ansible = null;
let engine100 = null;
let ansible100 = null;
const PLAN = 100;
try {
  const { timeSteps, timeEngine } = await build('bench/step-overhead-in-process.ts', 'step-overhead-in-process');
  const target = (username) => ({ host: sshd.host, port: sshd.port, username, keyPath: sshd.clientKeyPath, knownHosts: path.join(work, 'known_hosts'),
    fingerprint: sshd.hostKeyFingerprint, stateDir: `/tmp/ciab-bench-steps-${process.pid}-${username}` });
  app = await timeSteps(target(user), STEPS);
  // The acceptance figure: a whole plan of 100 no-op steps (the engine checkpoints each on the server).
  const engineRuns = [];
  for (let i = 0; i < 3; i++) engineRuns.push(await timeEngine({ ...target(user), stateDir: `${target(user).stateDir}-${i}` }, PLAN));
  engine100 = median(engineRuns);

  // Ansible: the ad-hoc command as a whole, and the marginal cost of one more task in a playbook.
  // Ansible's fastest configuration: pipelining on, one persistent SSH master (ControlPersist).
  const env = { ANSIBLE_HOST_KEY_CHECKING: 'False', ANSIBLE_NOCOLOR: '1', ANSIBLE_PIPELINING: 'True', ANSIBLE_SSH_ARGS: '-o ControlMaster=auto -o ControlPersist=60s' };
  const common = ['-i', `${sshd.host},`, '-u', user, '--private-key', sshd.clientKeyPath, '-e', `ansible_port=${sshd.port}`, '-e', 'ansible_python_interpreter=/usr/bin/python3'];
  const book = (tasks) => {
    const f = path.join(work, `play-${tasks}.yml`);
    writeFileSync(f, `- hosts: all\n  gather_facts: false\n  tasks:\n${Array.from({ length: tasks }, (_, i) => `    - name: noop ${i}\n      command: 'true'\n`).join('')}`);
    return f;
  };
  const TASKS = 21;
  const warm = time('ansible', ['all', ...common, '-m', 'command', '-a', 'true'], env);
  if (!warm.error && warm.status === 0) {
    const adhoc = [];
    const one = [];
    const many = [];
    for (let i = 0; i < RUNS; i++) {
      adhoc.push(time('ansible', ['all', ...common, '-m', 'command', '-a', 'true'], env).ms);
      const a = time('ansible-playbook', [...common, book(1)], env);
      const b = time('ansible-playbook', [...common, book(TASKS)], env);
      if (a.status !== 0 || b.status !== 0) throw new Error(`ansible-playbook failed: ${a.stdout}${b.stdout}`);
      one.push(a.ms);
      many.push(b.ms);
    }
    ansible = { adhoc: median(adhoc), perTask: (median(many) - median(one)) / (TASKS - 1) };
    const whole = [];
    for (let i = 0; i < 3; i++) {
      const r = time('ansible-playbook', [...common, book(PLAN)], env);
      if (r.status !== 0) throw new Error(`ansible-playbook (${PLAN} tasks) failed: ${r.stdout}`);
      whole.push(r.ms);
    }
    ansible100 = median(whole);
  } else {
    console.log(`ansible not usable here (${warm.error?.message ?? warm.stdout + warm.stderr}); its rows are n/a`);
  }
} finally {
  await sshd.stop();
  if (helpers.isRoot) await helpers.lockTestUser('ciab-bench');
  rmSync(work, { recursive: true, force: true });
}

const ratio = (x) => (ansible ? `${(ansible.perTask / x).toFixed(1)}×` : 'n/a');
console.log(`no-op steps (\`true\`), median ms per step (${STEPS} per path); ansible: ${RUNS} runs, median; same loopback sshd, node ${process.version}`);
console.log('| path | login shell | ms per step | (b) ÷ (a) | (c) ÷ this |');
console.log('|---|---|---|---|---|');
for (const [who, r] of [[`${user} (stock profile)`, app]]) {
  const ctl = median(r.ctl);
  const exec = median(r.exec);
  console.log(`| (a) control channel (\`ciab-step serve\`, runStepCtl) | ${who} | ${ctl.toFixed(1)} | ${(exec / ctl).toFixed(2)}× | ${ratio(ctl)} |`);
  console.log(`| (b) one exec per step (\`ciab-step run\`, runStep) | ${who} | ${exec.toFixed(1)} | 1.00× | ${ratio(exec)} |`);
  console.log(`| bare \`exec true\` on the open session (floor of b) | ${who} | ${median(r.bareExec).toFixed(1)} | | |`);
}
if (ansible) {
  console.log(`| (c) ansible-playbook: one more \`command: true\` task (marginal, ControlPersist) | ${user} | ${ansible.perTask.toFixed(1)} | | 1.0× |`);
  console.log(`| (c) \`ansible -m command -a true\`: whole command | ${user} | ${ansible.adhoc.toFixed(1)} | | |`);
}
console.log('');
console.log(`whole plan of ${PLAN} no-op steps, median of 3, same loopback sshd:`);
console.log('| path | total ms | ms per step | vs ansible-playbook |');
console.log('|---|---|---|---|');
console.log(`| ciab deploy engine (control channel, checkpoint per step) | ${engine100.toFixed(0)} | ${(engine100 / PLAN).toFixed(1)} | ${ansible100 ? `${(ansible100 / engine100).toFixed(1)}× faster` : 'n/a'} |`);
if (ansible100) console.log(`| ansible-playbook, ${PLAN} \`command: true\` tasks (pipelining, ControlPersist) | ${ansible100.toFixed(0)} | ${(ansible100 / PLAN).toFixed(1)} | 1.0× |`);
