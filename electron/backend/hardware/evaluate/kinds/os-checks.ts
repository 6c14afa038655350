// SPDX-License-Identifier: Apache-2.0
// OS checks: boot mode, release, kernel version, clock sync and sudo.
import type { Evaluate } from '../check-kind.js';
import type { NoParams, ParamsOsKernel, ParamsOsRelease } from '../generated-profile-types.js';
import { cleanText, joinOr } from '../units.js';

/** firmware.uefi: booted through UEFI. */
export const firmwareUefi: Evaluate<NoParams> = (report) => {
  const mode = report.host?.bootMode;
  if (mode === 'uefi') return { status: 'met', found: 'uefi' };
  if (mode === 'bios') return { status: 'unmet', found: 'bios' };
  return { status: 'unknown', found: 'unknown' };
};

/** os.release: os-release ID and VERSION_ID match the profile. */
export const osRelease: Evaluate<ParamsOsRelease> = (report, params) => {
  // "ubuntu" -> "Ubuntu" for the required text; the ID itself is what gets compared.
  const vars = { osName: params.id.charAt(0).toUpperCase() + params.id.slice(1), versions: joinOr(params.versionIds) };
  const os = report.host?.os;
  if (!os || typeof os.id !== 'string') return { status: 'unknown', found: 'unknown', vars };
  const ok = os.id.toLowerCase() === params.id.toLowerCase() && params.versionIds.includes(os.versionId);
  const prettyName = cleanText(os.prettyName || `${os.id} ${os.versionId}`, 80);
  return { status: ok ? 'met' : 'unmet', found: 'ok', vars: { ...vars, prettyName } };
};

/** [major, minor] of a kernel release such as 6.8.0-48-generic, or null. */
export function kernelVersion(release: string): [number, number] | null {
  const m = /^(\d+)\.(\d+)/.exec(release);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** os.kernel: `uname -r` is at least `min`. */
export const osKernel: Evaluate<ParamsOsKernel> = (report, params) => {
  const release = report.host?.kernel;
  if (typeof release !== 'string' || release === '') return { status: 'unknown', found: 'unknown' };
  const kernel = cleanText(release, 60);
  const have = kernelVersion(release);
  const want = kernelVersion(params.min)!;
  if (!have) return { status: 'unknown', found: 'unparsable', vars: { kernel } };
  const ok = have[0] > want[0] || (have[0] === want[0] && have[1] >= want[1]);
  return { status: ok ? 'met' : 'unmet', found: 'ok', vars: { kernel } };
};

/** time.sync: systemd says the clock is synchronized. */
export const timeSync: Evaluate<NoParams> = (report) => {
  const t = report.time;
  const timezone = t?.timezone ? cleanText(t.timezone, 40) : null;
  if (t?.synchronized === true) return { status: 'met', found: 'synced', vars: { timezone } };
  if (t?.synchronized === false || t?.ntpActive === false) {
    return { status: 'unmet', found: 'notSynced', vars: { ntp: t.ntpActive === false ? 'NTP service off' : t.ntpActive ? 'NTP service on' : null } };
  }
  return { status: 'unknown', found: 'unknown' };
};

/** access.sudo: root, or passwordless sudo; a sudo password works too but needs asking. */
export const accessSudo: Evaluate<NoParams> = (report) => {
  const s = report.sudo;
  const name = typeof s?.user === 'string' ? s.user : null;
  // `user` goes into a copyable command: only a plain login name may, else a placeholder.
  const vars = { who: name ? cleanText(name, 40) : 'the login user', user: name && /^[a-z_][a-z0-9_.-]{0,31}$/i.test(name) ? name : '<user>' };
  if (name === 'root') return { status: 'met', found: 'root', vars };
  if (s?.passwordless === true) return { status: 'met', found: 'passwordless', vars };
  if (s?.passwordless === false) return { status: 'unmet', found: 'password', vars };
  return { status: 'unknown', found: 'unknown', vars };
};
