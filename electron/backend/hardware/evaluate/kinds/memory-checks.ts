// SPDX-License-Identifier: Apache-2.0
// Memory checks: usable RAM (MemTotal) and swap, both in GiB as the kernel counts them.
import { against, type Evaluate } from '../check-kind.js';
import type { ParamsMemorySwap, ParamsMemoryTotal } from '../generated-profile-types.js';
import { formatGiB, GiB, num } from '../units.js';

/** memory.total: MemTotal against min and recommended GiB. */
export const memoryTotal: Evaluate<ParamsMemoryTotal> = (report, params) => {
  const total = num(report.memory?.totalBytes);
  if (total === null) return { status: 'unknown', found: 'unknown' };
  return { status: against(total / GiB, params.minGiB, params.recommendedGiB), found: 'ok', vars: { total: formatGiB(total) } };
};

/** memory.swap: SwapTotal against a minimum. */
export const memorySwap: Evaluate<ParamsMemorySwap> = (report, params) => {
  const swap = num(report.memory?.swapBytes);
  if (swap === null) return { status: 'unknown', found: 'unknown' };
  const status = against(swap / GiB, params.minGiB);
  return swap === 0 ? { status, found: 'none' } : { status, found: 'ok', vars: { swap: formatGiB(swap) } };
};
