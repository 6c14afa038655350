// SPDX-License-Identifier: Apache-2.0
// Time sync state from `timedatectl show` (Key=value) or the human `timedatectl status` of older systemd.
import { parsed, safeLines, toBool, type Parsed } from './parse-util.js';

/** Clock state as the report carries it. */
export interface TimeFacts {
  synchronized: boolean | null;
  ntpActive: boolean | null;
  timezone: string | null;
}

/** Either form; fields it does not find stay null. */
export function parseTimedatectl(text: string): Parsed<TimeFacts | null> {
  const facts: TimeFacts = { synchronized: null, ntpActive: null, timezone: null };
  let found = 0;
  for (const line of safeLines(text)) {
    const show = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (show) {
      const [, key, value = ''] = show;
      if (key === 'NTPSynchronized') facts.synchronized = toBool(value);
      else if (key === 'NTP') facts.ntpActive = toBool(value);
      else if (key === 'Timezone') facts.timezone = value.trim() || null;
      else continue;
      found++;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'system clock synchronized' || key === 'ntp synchronized') facts.synchronized = toBool(value);
    else if (key === 'ntp service') facts.ntpActive = value === 'active' ? true : value === 'inactive' ? false : null;
    else if (key === 'ntp enabled' || /^systemd-timesyncd(\.service)? active$/.test(key)) facts.ntpActive = toBool(value);
    else if (key === 'time zone') facts.timezone = value.split(/\s+/)[0] || null;
    else continue;
    found++;
  }
  if (found === 0) return parsed(null, ['timedatectl printed none of NTPSynchronized, NTP, Timezone']);
  return parsed(facts);
}
