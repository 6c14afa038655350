// SPDX-License-Identifier: Apache-2.0
// The site's Ubuntu mirror as APT's one source: a deb822 .sources file and, for a signed mirror,
// its key in /etc/apt/keyrings. The public Ubuntu sources are moved aside (see host-file-actions).
import { RenderError, type RenderContext, type RenderedFile } from '../render-types.js';
import { hostFile, pemFile, RENDERED_BY, safeText } from './host-file.js';

/** The deb822 sources file of the site mirror. */
export const APT_SOURCES_PATH = '/etc/apt/sources.list.d/ciab-mirror.sources';

/** The mirror's signing key, named by Signed-By. */
export const APT_KEY_PATH = '/etc/apt/keyrings/ciab-mirror.asc';

// deb822 values are single words here: a space would split a field into two values, a line break
// would start a new field (or a new stanza), a leading '#' would be a comment.
const URI = /^(https?:\/\/|file:\/)[^\s#]+$/;
const SUITE = /^[a-z0-9][a-z0-9./-]*$/;
const COMPONENT = /^[a-z0-9][a-z0-9-]*$/;

function word(value: string, pattern: RegExp, field: string): string {
  safeText(value, field);
  if (!pattern.test(value)) throw new RenderError(`${field} cannot be written into an APT sources file: ${JSON.stringify(value)}`, field);
  return value;
}

/** The .sources file and, when the mirror is signed, its key file. */
export function renderAptSources(ctx: RenderContext): RenderedFile[] {
  const a = ctx.site.apt_mirror;
  const signed = a.signing_key !== undefined;
  if (!signed && !a.trusted) throw new RenderError('The APT mirror needs a signing key unless it is trusted', '/apt_mirror/signing_key');
  const fields = [
    'Types: deb',
    `URIs: ${word(a.url, URI, '/apt_mirror/url')}`,
    `Suites: ${a.suites.map((s, i) => word(s, SUITE, `/apt_mirror/suites/${i}`)).join(' ')}`,
    `Components: ${a.components.map((c, i) => word(c, COMPONENT, `/apt_mirror/components/${i}`)).join(' ')}`,
    // Trusted only for the bundle's own mirror, whose files the bundle signature covers.
    signed ? `Signed-By: ${APT_KEY_PATH}` : 'Trusted: yes',
  ];
  const lines = [`# ${RENDERED_BY}`, '# The site Ubuntu mirror, the only APT source of the node.', ...fields];
  const files = [hostFile(APT_SOURCES_PATH, `${lines.join('\n')}\n`)];
  if (signed) files.push(hostFile(APT_KEY_PATH, pemFile(a.signing_key!, '/apt_mirror/signing_key')));
  return files;
}
