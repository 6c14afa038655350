// SPDX-License-Identifier: Apache-2.0
// host.ports: nothing listens yet on the ports CiaB's services will bind. Any listener counts,
// whatever its address: the containers bind the internal VIP or all addresses, and a socket on
// 0.0.0.0 or 127.0.0.1 with the same port makes that fail just the same.
import type { Evaluate } from '../check-kind.js';
import type { ParamsHostPorts, PortNeed } from '../generated-profile-types.js';
import { arr, cleanText, listSome } from '../units.js';

/** "80, 443 and 3306" for the required text. */
function portList(needs: PortNeed[], proto: 'tcp' | 'udp'): string | null {
  const ports = needs.filter((n) => n.proto === proto).map((n) => String(n.port));
  return ports.length ? ports.join(', ') : null;
}

/** host.ports: every port the profile lists is free. */
export const hostPorts: Evaluate<ParamsHostPorts> = (report, params) => {
  const vars = { tcp: portList(params.ports, 'tcp') ?? 'none', udp: portList(params.ports, 'udp'), count: params.ports.length };
  const listening = arr(report.listening);
  const taken: string[] = [];
  for (const need of params.ports) {
    const hits = listening.filter((l) => l.port === need.port && l.proto === need.proto);
    if (hits.length === 0) continue;
    const by = [...new Set(hits.map((h) => (h.process ? cleanText(h.process, 30) : null)).filter(Boolean))].join('/');
    const on = [...new Set(hits.map((h) => cleanText(h.address, 45)))].join(', ');
    taken.push(`${need.port}/${need.proto} (${need.service})${by ? ` by ${by}` : ''} on ${on}`);
  }
  if (taken.length === 0) return { status: 'met', found: 'free', vars };
  return { status: 'unmet', found: 'taken', vars: { ...vars, taken: listSome(taken, 5) } };
};
