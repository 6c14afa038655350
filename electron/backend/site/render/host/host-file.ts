// SPDX-License-Identifier: Apache-2.0
// Shared helpers of the host-file renderers: where a file goes in the tree and on the node, the
// checks every value passes before it is written into a config format of its own, and secrets.
import { RenderError, type RenderContext, type RenderedFile } from '../render-types.js';

/** The comment line every host file starts with (in that format's comment syntax). */
export const RENDERED_BY = 'Rendered by the CiaB Installer from the site file; do not edit by hand.';

/** A host file: `target` is its absolute path on the node, its tree path is host/<target>. */
export function hostFile(target: string, content: string, mode = 0o644): RenderedFile {
  if (!target.startsWith('/') || target.includes('..') || target.endsWith('/')) throw new Error(`Not an absolute file path: ${target}`);
  return { path: `host${target}`, content, mode, target };
}

// C0 and C1 control characters and DEL: no config format here can hold them unescaped, and a
// newline would start a new directive (newline injection).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Returns `value` when it is safe to write into a line-based format: no control characters and
 * well-formed Unicode (a lone surrogate would be silently replaced when encoded as UTF-8).
 */
export function safeText(value: string, field: string): string {
  if (CONTROL.test(value)) throw new RenderError(`${field} contains a control character (such as a line break), which cannot be written safely`, field);
  if (LONE_SURROGATE.test(value)) throw new RenderError(`${field} is not well-formed Unicode text`, field);
  return value;
}

/** A PEM or armoured block as a file body: trailing white space trimmed, one final newline. */
export function pemFile(text: string, field: string): string {
  const body = text.replace(/\r\n/g, '\n').trim();
  // Only line breaks may separate the lines of a PEM block; other control characters are refused.
  for (const line of body.split('\n')) safeText(line, field);
  return `${body}\n`;
}

/**
 * `file` as is, or, when it holds a password (the registry's, or one inside a proxy URL), as
 * Ansible Vault ciphertext with mode 0600; airgap-prepare decrypts it on its way to the node.
 */
export function withSecrets(ctx: RenderContext, file: RenderedFile, secret: boolean): RenderedFile {
  if (!secret) return file;
  return { ...file, content: ctx.vault(file.path, file.content), mode: 0o600, secret: 'vault' };
}

/** Sorts files by tree path (byte order), the order every renderer returns. */
export function byPath(a: RenderedFile, b: RenderedFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
