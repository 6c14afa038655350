// SPDX-License-Identifier: Apache-2.0
// Reads sections for the report builder and turns every missing, failed or unusable one into an error.
import type { SectionError } from '../../../api/generated/hardware-report-types.js';
import type { ProbeSection, SplitSections } from './probe-sections.js';
import { excerpt, type Parsed } from './parse-util.js';

/** How to treat one section when reading it. */
export interface ReadOptions {
  /** Exit codes that still mean "usable output" (default [0]). */
  okExits?: number[];
  /** Do not record an error when this one is missing or failed (the caller decides). */
  quiet?: boolean;
}

/** A successful read: the section and its stdout. */
export interface ReadResult {
  name: string;
  stdout: string;
  section: ProbeSection;
}

/** Collects errors and warnings while the report is assembled. */
export class SectionReader {
  readonly errors: SectionError[] = [];
  readonly warnings: string[] = [];

  constructor(private readonly split: SplitSections) {}

  /** The raw section, without judging it. */
  section(name: string): ProbeSection | undefined {
    return this.split.sections.get(name);
  }

  /** The first of `names` that ran and succeeded; errors are recorded only when none did. */
  read(names: string[], opts: ReadOptions = {}): ReadResult | null {
    const pending: SectionError[] = [];
    let present = false;
    for (const name of names) {
      const s = this.split.sections.get(name);
      if (!s) continue;
      present = true;
      const problem = this.problem(s, opts.okExits ?? [0]);
      if (!problem) return { name, stdout: s.stdout, section: s };
      pending.push(problem);
    }
    if (!opts.quiet) {
      if (!present) this.fail(names[0] ?? 'probe', 'not in the probe output (the probe was cut off or the command was skipped)', null);
      else if (pending.length > 0) {
        // One error per fact: the first command's, with what its fallback said appended.
        const [first, ...rest] = pending as [SectionError, ...SectionError[]];
        const extra = rest.map((e) => `; fallback ${e.section}: ${e.message}`).join('');
        this.errors.push({ ...first, message: `${first.message}${extra}` });
      }
    }
    return null;
  }

  /** Parse a section's stdout; a null value becomes an error naming the parser's first warning. */
  parse<T>(r: ReadResult, parser: (text: string) => Parsed<T | null>): T | null {
    let result: Parsed<T | null>;
    try {
      result = parser(r.stdout);
    } catch (err) {
      // Parsers are written not to throw; this is the safety net that keeps the probe alive if one does.
      result = { value: null, warnings: [`parser failed: ${err instanceof Error ? err.message : String(err)}`] };
    }
    this.warnings.push(...result.warnings.slice(0, 20).map((w) => `${r.name}: ${w}`));
    if (result.value === null) {
      this.fail(r.name, `output could not be parsed: ${result.warnings[0] ?? 'no usable data'}`, r.section.exitCode);
    }
    return result.value;
  }

  /** Record an error for a section. */
  fail(section: string, message: string, exitCode: number | null = null): void {
    this.errors.push({ section, message, exitCode });
  }

  private problem(s: ProbeSection, okExits: number[]): SectionError | null {
    const err = (message: string): SectionError => ({ section: s.name, message, exitCode: s.exitCode });
    if (s.tooLarge) return err(`output too large (${s.size} characters); the section was not read`);
    if (s.exitCode === null) return err('output cut off before the command finished');
    if (okExits.includes(s.exitCode)) return null;
    const detail = s.stderr.trim() ? `: ${excerpt(s.stderr)}` : '';
    return err(`${exitMeaning(s.exitCode)}${detail}`);
  }
}

/** What a shell exit status says, in words (coreutils timeout uses 124 and 137). */
export function exitMeaning(code: number): string {
  if (code === 127) return 'command not found';
  if (code === 126) return 'command not executable';
  if (code === 124) return 'timed out after 5 s';
  if (code === 137) return 'killed after its time limit';
  return `failed with exit code ${code}`;
}
