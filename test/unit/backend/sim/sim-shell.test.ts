// SPDX-License-Identifier: Apache-2.0
// The simulated server's command answering: table lookups, `;` lists, echo, and refusals.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIM_COMMANDS } from '../../../../electron/backend/sim/sim-commands.js';
import { notInScenarioMessage, runSimCommandLine } from '../../../../electron/backend/sim/sim-shell.js';
import { FACTS_COMMAND, parseOsRelease, parseServerFacts } from '../../../../electron/backend/ssh/server-facts.js';

const sim = (line: string) => runSimCommandLine(line, DEFAULT_SIM_COMMANDS);

describe('sim shell', () => {
  it('answers single known commands like Ubuntu 24.04 would', () => {
    expect(sim('hostname')).toEqual({ stdout: 'ciab-demo-01\n', stderr: '', exitCode: 0 });
    expect(sim('  uname   -r ').stdout).toBe('6.8.0-48-generic\n');
    expect(sim('uname -a').stdout).toMatch(/^Linux ciab-demo-01 6\.8\.0-48-generic #48-Ubuntu SMP .* GNU\/Linux\n$/);
    const osr = parseOsRelease(sim('cat /etc/os-release').stdout);
    expect(osr).toMatchObject({ ID: 'ubuntu', VERSION_ID: '24.04', PRETTY_NAME: 'Ubuntu 24.04.1 LTS', VERSION_CODENAME: 'noble' });
  });

  it('answers the facts command connect-target sends', () => {
    const r = sim(FACTS_COMMAND);
    expect(r.exitCode).toBe(0);
    expect(parseServerFacts(r.stdout)).toEqual({ hostname: 'ciab-demo-01', kernel: '6.8.0-48-generic', os: 'Ubuntu 24.04.1 LTS' });
  });

  it('runs `;` and newline lists part by part, with the last exit status', () => {
    expect(sim("hostname; echo 'a  b' \"c\"\nuname")).toEqual({ stdout: 'ciab-demo-01\na  b c\nLinux\n', stderr: '', exitCode: 0 });
    expect(sim('true; false').exitCode).toBe(1);
    expect(sim('echo -n x').stdout).toBe('x');
    expect(sim(' ; ')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('refuses unknown commands with 127 and runs nothing of a list that contains one', () => {
    expect(sim('reboot')).toEqual({ stdout: '', stderr: notInScenarioMessage('reboot'), exitCode: 127 });
    expect(notInScenarioMessage('reboot')).toBe("ciab-sim: 'reboot' is not part of this demo scenario; nothing was run.\n");
    const mixed = sim('hostname; wipefs -a /dev/sda');
    expect(mixed).toEqual({ stdout: '', stderr: notInScenarioMessage('wipefs -a /dev/sda'), exitCode: 127 });
    // Anything that would need real shell evaluation is outside the scenario, not faked.
    for (const line of ['echo $HOME', 'echo `id`', 'hostname | tr a-z A-Z', 'echo x > /etc/motd', 'hostname && reboot']) {
      expect(sim(line).exitCode).toBe(127);
    }
  });

  it('lets a scenario override or add entries', () => {
    const table = { ...DEFAULT_SIM_COMMANDS, hostname: { stdout: 'edge-7\n' }, 'df -h /': { stdout: 'x\n', stderr: 'w\n', exitCode: 2 } };
    expect(runSimCommandLine('hostname; df -h /', table)).toEqual({ stdout: 'edge-7\nx\n', stderr: 'w\n', exitCode: 2 });
    // Object prototype names are not commands.
    expect(runSimCommandLine('constructor', table).exitCode).toBe(127);
  });
});
