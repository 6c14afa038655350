// SPDX-License-Identifier: Apache-2.0
// The one command that tells us who the server is (hostname, kernel, OS), and its parser.

/** Basic identity of the target, shown on the Target screen after login. */
export interface ServerFacts {
  hostname: string;
  os: string;
  kernel: string;
}

const MARK = '@@ciab-facts:';

/**
 * The facts command: plain `;`-separated commands with marker lines between them, so it runs in any
 * login shell (sh, bash, zsh, fish) and the simulated server can answer it from its command table.
 */
export const FACTS_COMMAND = [
  `echo ${MARK}hostname`,
  'hostname',
  `echo ${MARK}kernel`,
  'uname -r',
  `echo ${MARK}os-release`,
  'cat /etc/os-release',
  `echo ${MARK}end`,
].join('; ');

/** Split the facts command's output into sections and pick hostname, kernel and OS name. */
export function parseServerFacts(stdout: string): ServerFacts {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of stdout.split(/\r?\n/)) {
    if (line.startsWith(MARK)) {
      current = [];
      sections.set(line.slice(MARK.length).trim(), current);
    } else if (current) {
      current.push(line);
    }
  }
  const first = (name: string) => (sections.get(name) ?? []).map((l) => l.trim()).find((l) => l !== '') ?? '';
  return {
    hostname: first('hostname') || 'unknown',
    kernel: first('kernel') || 'unknown',
    os: osName((sections.get('os-release') ?? []).join('\n')),
  };
}

/** Parse os-release(5) text into its key/value pairs (quotes and escapes removed). */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)=(.*)$/.exec(raw);
    if (!m || !m[1]) continue;
    let v = (m[2] ?? '').trim();
    const q = v[0];
    if ((q === '"' || q === "'") && v.endsWith(q) && v.length >= 2) {
      v = v.slice(1, -1);
      // os-release uses shell-style escapes inside double quotes.
      if (q === '"') v = v.replace(/\\([\\$"`])/g, '$1');
    }
    out[m[1]] = v;
  }
  return out;
}

function osName(osRelease: string): string {
  const f = parseOsRelease(osRelease);
  if (f.PRETTY_NAME) return f.PRETTY_NAME;
  const joined = [f.NAME, f.VERSION].filter(Boolean).join(' ');
  return joined || 'unknown';
}
