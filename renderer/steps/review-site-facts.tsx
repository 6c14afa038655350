// SPDX-License-Identifier: Apache-2.0
// The site card of the review: name, type, domain and API name, management NIC, internal network,
// registry and mirror — each as the site file gives it, or its default marked as such.
import { FactRow as Row } from '../components/fact-row.js';
import type { ReactElement, ReactNode } from 'react';
import { getAt, siteType, type SiteObject } from '../lib/site-draft.js';
import { defaultFor } from '../lib/site-schema.js';


/** A value from the site file, or its default in muted text. */
function value(site: SiteObject, pointer: string): { text: string; isDefault: boolean } | null {
  const own = getAt(site, pointer);
  if (own !== undefined && own !== null && own !== '') return { text: String(own), isDefault: false };
  const d = defaultFor(pointer, site);
  return d === undefined || d === null ? null : { text: String(d), isDefault: true };
}

function Value({ site, pointer, mono = true }: { site: SiteObject; pointer: string; mono?: boolean }): ReactNode {
  const v = value(site, pointer);
  if (!v) return '—';
  return (
    <>
      <span className={mono ? 'mono' : undefined}>{v.text}</span>
      {v.isDefault && <span className="muted"> (default)</span>}
    </>
  );
}

/** The site facts. */
export function SiteFacts({ site }: { site: SiteObject }): ReactElement {
  const type = siteType(site);
  const dhcp = getAt(site, '/management/dhcp') !== false;
  const vlan = value(site, '/networks/internal/vlan');
  return (
    <dl className="facts">
      <Row label="Name">{typeof site.name === 'string' ? <span className="mono">{site.name}</span> : '—'}</Row>
      <Row label="Type">{typeof site.type === 'string' ? type : '—'}</Row>
      <Row label="Domain">
        <Value site={site} pointer="/domain" />
      </Row>
      <Row label="API name">
        <Value site={site} pointer="/api_fqdn" />
      </Row>
      <Row label="Management NIC">
        <Value site={site} pointer="/management/interface" />
        {dhcp ? ' · DHCP' : <> · <Value site={site} pointer="/management/address" /> via <Value site={site} pointer="/management/gateway" /></>}
      </Row>
      <Row label="Internal network">
        <Value site={site} pointer="/networks/internal/cidr" />
        {vlan && ` · VLAN ${vlan.text}`} · VIP <Value site={site} pointer="/networks/internal/vip" />
      </Row>
      <Row label="Registry">
        <Value site={site} pointer="/registry/host" />
      </Row>
      <Row label="APT mirror">
        <Value site={site} pointer="/apt_mirror/url" />
      </Row>
    </dl>
  );
}
