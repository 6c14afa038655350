// SPDX-License-Identifier: Apache-2.0
// Splits the probe script's output into its sections by the nonce-carrying marker lines.

/** One command's output as the probe printed it. */
export interface ProbeSection {
  name: string;
  stdout: string;
  stderr: string;
  /** The command's exit status; null when the section was cut off before its exit marker. */
  exitCode: number | null;
  /** Output was larger than the per-section limit and was dropped. */
  tooLarge: boolean;
  /** Characters of stdout as received (also when dropped for size). */
  size: number;
}

/** All sections of one probe run plus what was odd about the output as a whole. */
export interface SplitSections {
  sections: Map<string, ProbeSection>;
  /** Script version from the begin marker ("v1"), or null when the begin marker is missing. */
  version: string | null;
  nonce: string | null;
  /** The end marker was seen: the script ran to its last line. */
  ended: boolean;
  warnings: string[];
}

/** Largest stdout one section may have; lsblk -O on a big box is well below 1 MB. */
export const SECTION_LIMIT = 2 * 1024 * 1024;

const MARKER = /^@@ciab-probe:(begin|section|exit|stderr|end):([^\n]*)$/gm;
const NAME = '([a-z0-9][a-z0-9-]{0,63})';
const PAYLOAD = {
  begin: /^(v\d+):(.+)$/,
  section: new RegExp(`^${NAME}:(.+)$`),
  exit: new RegExp(`^${NAME}:(-?\\d{1,5}):(.+)$`),
  stderr: new RegExp(`^${NAME}:(.+)$`),
  end: /^(.+)$/,
} as const;

type Region = { kind: 'stdout' | 'stderr'; section: ProbeSection; start: number } | null;

/** Split probe output into sections; never throws. Markers with a foreign nonce count as text. */
export function splitSections(text: string, limit = SECTION_LIMIT): SplitSections {
  const sections = new Map<string, ProbeSection>();
  const warnings: string[] = [];
  let version: string | null = null;
  let nonce: string | null = null;
  let ended = false;
  let region: Region = null;
  let duplicates = 0;

  const close = (end: number) => {
    if (!region) return;
    let body = text.slice(region.start, end);
    // The script puts one newline in front of every marker; that newline is not output.
    if (body.endsWith('\n')) body = body.slice(0, -1);
    const s = region.section;
    if (region.kind === 'stdout') {
      s.size = body.length;
      if (body.length > limit) s.tooLarge = true;
      else s.stdout = body;
    } else {
      s.stderr = body.length > limit ? `${body.slice(0, 4096)}\n[stderr cut: ${body.length} characters]` : body;
    }
    region = null;
  };

  for (const m of text.matchAll(MARKER)) {
    const kind = m[1] as keyof typeof PAYLOAD;
    const p = PAYLOAD[kind].exec(m[2] ?? '');
    if (!p) continue;
    const markerNonce = p[p.length - 1] as string;
    if (kind === 'begin') {
      if (nonce !== null) continue; // only the first begin counts
      version = p[1] ?? null;
      nonce = markerNonce;
      continue;
    }
    // Without a begin marker (output cut at the front) the first marker's nonce is adopted.
    if (nonce === null) nonce = markerNonce;
    if (markerNonce !== nonce) continue;
    const at = m.index ?? 0;
    const after = at + m[0].length + 1;
    const name = p[1] as string;
    if (kind === 'section') {
      close(at);
      if (sections.has(name)) {
        duplicates++;
        // Keep the first copy; the repeat's text is read into a scratch section and dropped.
        region = { kind: 'stdout', section: blank(name), start: after };
      } else {
        const s = blank(name);
        sections.set(name, s);
        region = { kind: 'stdout', section: s, start: after };
      }
    } else if (kind === 'exit') {
      const s = region?.kind === 'stdout' && region.section.name === name ? region.section : sections.get(name);
      close(at);
      if (s && s.exitCode === null) s.exitCode = Number(p[2]);
    } else if (kind === 'stderr') {
      close(at);
      const s = sections.get(name);
      if (s) region = { kind: 'stderr', section: s, start: after };
    } else {
      close(at);
      ended = true;
    }
  }
  close(text.length);

  if (duplicates > 0) warnings.push(`${duplicates} section marker(s) appeared more than once; the first copy of each was used`);
  if (version === null && sections.size > 0) warnings.push('the begin marker is missing: the output was cut at the front');
  return { sections, version, nonce, ended, warnings };
}

function blank(name: string): ProbeSection {
  return { name, stdout: '', stderr: '', exitCode: null, tooLarge: false, size: 0 };
}
