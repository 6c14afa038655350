// SPDX-License-Identifier: Apache-2.0
// Valid site configurations for tests that need one, read from examples/ so they stay in step
// with the schema, plus a minimal one per type.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The example site file of a CiaB type, parsed. */
export function exampleSite(type: 'sandbox' | 'edge' | 'kubernetes'): Record<string, unknown> {
  return parse(readFileSync(new URL(`../../examples/site-${type}.yaml`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

/** The shortest valid site of a type, named `name`. */
export function minimalSite(name: string, type: 'sandbox' | 'edge' | 'kubernetes' = 'sandbox'): Record<string, unknown> {
  return {
    name,
    type,
    management: { interface: 'eth0' },
    dns: { servers: ['10.0.0.2'] },
    ntp: { servers: ['10.0.0.2'] },
    ...(type === 'kubernetes' ? {} : { storage: { disk: '/dev/sdb' } }),
  };
}
