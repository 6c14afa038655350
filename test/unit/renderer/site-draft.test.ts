// SPDX-License-Identifier: Apache-2.0
// The site draft: minimal objects (empty removes the key and empty parents), error placement,
// schema labels and per-type defaults, and the probe's suggestions.
import { describe, expect, test } from 'vitest';
import { groupErrors, placeError, setAt, takePassword, integerFromText } from '../../../renderer/lib/site-draft.js';
import { defaultText, fieldPath } from '../../../renderer/lib/site-schema.js';
import { probeSuggestions, staticSuggestions } from '../../../renderer/lib/site-probe.js';
import { SITE_REPORT } from '../../e2e/fixture-site.js';

describe('the site draft stays minimal', () => {
  test('an empty value removes the key and every parent it leaves empty', () => {
    const s = setAt({ type: 'edge' }, '/networks/internal/vip', '10.0.0.5');
    expect(s).toEqual({ type: 'edge', networks: { internal: { vip: '10.0.0.5' } } });
    expect(setAt(s, '/networks/internal/vip', '')).toEqual({ type: 'edge' });
    expect(setAt({ dns: { servers: ['a'] } }, '/dns/servers', [])).toEqual({});
  });

  test('typed numbers become numbers; anything else stays text for the backend to name', () => {
    expect([integerFromText('100'), integerFromText(' '), integerFromText('10x')]).toEqual([100, undefined, '10x']);
  });

  test('the registry password is taken out of a site', () => {
    expect(takePassword({ registry: { host: 'r:5000', password: 'pw' } })).toEqual({ site: { registry: { host: 'r:5000' } }, password: 'pw' });
    expect(takePassword({ registry: { host: 'r:5000', password: 12345678 } })).toEqual({ site: { registry: { host: 'r:5000' } }, password: '12345678' });
  });
});

describe('errors go to the widget that shows them', () => {
  const widgets = ['/name', '/dns/servers', '/ntp/servers', '/storage/disk'];
  test('own field, list entry, or the first field of a missing group', () => {
    expect(placeError('/name', widgets)).toBe('/name');
    expect(placeError('/dns/servers/1', widgets)).toBe('/dns/servers');
    expect(placeError('/ntp', widgets)).toBe('/ntp/servers');
    expect(placeError('/registry/host', widgets)).toBe(null);
    expect(groupErrors([{ field: '/x', message: 'm' }], widgets).unplaced).toEqual([{ field: '/x', message: 'm' }]);
  });
});

describe('labels and defaults from the schema and defaults.yaml', () => {
  test('labels name their group when two fields share a title', () => {
    expect(fieldPath('/management/gateway')).toBe('Management network › Gateway');
    expect(fieldPath('/networks/internal/vip')).toBe('Internal network › Virtual IP');
    expect(fieldPath('/dns/servers/2')).toBe('DNS servers, entry 3');
  });

  test('defaults per type; a named registry keeps none of the bundle’s', () => {
    expect(defaultText('/networks/internal/vip', { type: 'sandbox' })).toBe('default: 192.168.16.254');
    expect(defaultText('/networks/internal/vip', { type: 'kubernetes' })).toBe('default: 192.168.16.8');
    expect(defaultText('/api_fqdn', { domain: 'site.lan' })).toBe('default: api.site.lan');
    expect(defaultText('/registry/host', {})).toBe('default: localhost:5001');
    expect(defaultText('/registry/insecure', { registry: { host: 'r:5000' } })).toBe('off by default');
  });
});

describe('what the probe suggests', () => {
  test('the NIC of the default route, the host name, the largest empty disk by id, the resolvers', () => {
    expect(probeSuggestions(SITE_REPORT)).toEqual({
      '/management/interface': 'eno1',
      '/node/hostname': 'fra1-ciab-01',
      '/storage/disk': '/dev/disk/by-id/nvme-SAMSUNG_MZQL21T9HCJR_S64GNE0R812345',
      '/dns/servers': ['10.20.0.2', '10.20.0.3'],
    });
    expect(staticSuggestions(SITE_REPORT, 'eno1')).toEqual({ '/management/address': '10.20.0.5/24', '/management/gateway': '10.20.0.1' });
  });
});
