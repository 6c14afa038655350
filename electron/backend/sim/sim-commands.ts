// SPDX-License-Identifier: Apache-2.0
// The demo scenario as data: what a freshly installed Ubuntu 24.04 CiaB node answers to each command.

/** What one known command prints and how it exits. */
export interface SimCommandResult {
  stdout: string;
  stderr?: string;
  /** Defaults to 0. */
  exitCode?: number;
}

/**
 * Exact command text (after trimming and collapsing blanks) → its result. A command line of
 * several `;`-separated known commands is answered part by part (see sim-shell.ts).
 */
export type SimCommandTable = Record<string, SimCommandResult>;

const HOSTNAME = 'ciab-demo-01';
const KERNEL = '6.8.0-48-generic';

// Ubuntu 24.04.1 LTS /etc/os-release, verbatim.
const OS_RELEASE = `PRETTY_NAME="Ubuntu 24.04.1 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.1 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo
`;

const UNAME_V = '#48-Ubuntu SMP PREEMPT_DYNAMIC Fri Sep 27 14:04:52 UTC 2024';

/** The default scenario: a freshly installed, not yet deployed CiaB node. */
export const DEFAULT_SIM_COMMANDS: SimCommandTable = {
  hostname: { stdout: `${HOSTNAME}\n` },
  'hostname -f': { stdout: `${HOSTNAME}.ciab.local\n` },
  'hostname -s': { stdout: `${HOSTNAME}\n` },
  uname: { stdout: 'Linux\n' },
  'uname -s': { stdout: 'Linux\n' },
  'uname -r': { stdout: `${KERNEL}\n` },
  'uname -m': { stdout: 'x86_64\n' },
  'uname -n': { stdout: `${HOSTNAME}\n` },
  'uname -v': { stdout: `${UNAME_V}\n` },
  'uname -a': { stdout: `Linux ${HOSTNAME} ${KERNEL} ${UNAME_V} x86_64 x86_64 x86_64 GNU/Linux\n` },
  'cat /etc/os-release': { stdout: OS_RELEASE },
  'cat /usr/lib/os-release': { stdout: OS_RELEASE },
  'cat /etc/hostname': { stdout: `${HOSTNAME}\n` },
  'lsb_release -ds': { stdout: 'Ubuntu 24.04.1 LTS\n' },
  whoami: { stdout: 'ciab\n' },
  id: { stdout: 'uid=1000(ciab) gid=1000(ciab) groups=1000(ciab),4(adm),27(sudo)\n' },
  'sudo -n true': { stdout: '' },
  true: { stdout: '' },
  false: { stdout: '', exitCode: 1 },
};
