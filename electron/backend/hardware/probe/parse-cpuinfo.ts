// SPDX-License-Identifier: Apache-2.0
// /proc/cpuinfo: the first processor block only (flags, model, vendor), for x86, arm64, ppc64le, s390x.
import { parsed, safeLines, type Parsed } from './parse-util.js';

/** Facts from the first CPU block of /proc/cpuinfo. */
export interface CpuinfoFacts {
  /** x86 "flags" or arm64/s390x "Features"; null when the block has neither. */
  flags: string[] | null;
  model: string | null;
  vendor: string | null;
}

// arm64 reports a JEDEC implementer code instead of a vendor string.
const ARM_IMPLEMENTERS: Record<string, string> = {
  '0x41': 'ARM', '0x42': 'Broadcom', '0x43': 'Cavium', '0x46': 'Fujitsu', '0x48': 'HiSilicon', '0x4e': 'NVIDIA',
  '0x50': 'APM', '0x51': 'Qualcomm', '0x61': 'Apple', '0x69': 'Intel', '0xc0': 'Ampere',
};

/** Parse the first block (up to the first blank line after content) of /proc/cpuinfo. */
export function parseCpuinfo(text: string): Parsed<CpuinfoFacts | null> {
  const fields = new Map<string, string>();
  let seen = false;
  for (const line of safeLines(text)) {
    if (line.trim() === '') {
      if (seen) break;
      continue;
    }
    const i = line.indexOf(':');
    if (i < 0) continue;
    seen = true;
    const key = line.slice(0, i).trim().toLowerCase();
    if (!fields.has(key)) fields.set(key, line.slice(i + 1).trim());
  }
  if (fields.size === 0) return parsed(null, ['/proc/cpuinfo had no "key : value" lines']);
  const flagText = fields.get('flags') ?? fields.get('features');
  const processor = fields.get('processor');
  const model =
    fields.get('model name') ??
    fields.get('cpu model') ??
    fields.get('cpu') ??
    // Old 32-bit ARM kernels put the model into "Processor : ARMv7 Processor rev 4 (v7l)".
    (processor && !/^\d+$/.test(processor) ? processor : undefined);
  const implementer = fields.get('cpu implementer')?.toLowerCase();
  const vendor = fields.get('vendor_id') ?? fields.get('vendor') ?? (implementer ? (ARM_IMPLEMENTERS[implementer] ?? implementer) : undefined);
  return parsed({
    flags: flagText === undefined ? null : flagText.split(/\s+/).filter(Boolean),
    model: model || null,
    vendor: vendor || null,
  });
}
