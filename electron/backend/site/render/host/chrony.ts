// SPDX-License-Identifier: Apache-2.0
// /etc/chrony/chrony.conf: Ubuntu's default configuration with its public pools replaced by the
// site's NTP servers. Sources from DHCP and drop-in directories are left out as well, so chrony
// never asks a server the site did not name.
import { parseAddr } from '../../ip-math.js';
import { RenderError, type RenderContext, type RenderedFile } from '../render-types.js';
import { hostFile, RENDERED_BY } from './host-file.js';

/** Where Ubuntu's chrony package reads its configuration. */
export const CHRONY_PATH = '/etc/chrony/chrony.conf';

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** An NTP server as chrony's `server` directive takes it; anything but an address or host name is refused. */
function ntpServer(value: string, field: string): string {
  if (parseAddr(value) === null && !HOSTNAME.test(value)) throw new RenderError(`${field} must be an IP address or a host name`, field);
  return value;
}

/** The chrony.conf of the site. */
export function renderChrony(ctx: RenderContext): RenderedFile {
  const servers = ctx.site.ntp.servers.map((s, i) => `server ${ntpServer(s, `/ntp/servers/${i}`)} iburst`);
  const lines = [
    `# ${RENDERED_BY}`,
    '# The site time sources only: no pool lines (Ubuntu\'s default uses public',
    '# pools), no sources from DHCP (/run/chrony-dhcp) and no sources.d or',
    '# conf.d drop-ins, so chrony asks no server the site did not name.',
    ...servers,
    '',
    '# The rest is as in Ubuntu\'s default chrony.conf.',
    'keyfile /etc/chrony/chrony.keys',
    'driftfile /var/lib/chrony/chrony.drift',
    'ntsdumpdir /var/lib/chrony',
    'logdir /var/log/chrony',
    'maxupdateskew 100.0',
    'rtcsync',
    'makestep 1 3',
    'leapsectz right/UTC',
  ];
  return hostFile(CHRONY_PATH, `${lines.join('\n')}\n`);
}
