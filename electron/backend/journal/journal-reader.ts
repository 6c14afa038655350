// SPDX-License-Identifier: Apache-2.0
// Reads an install journal back: tolerant of a torn last line, garbage lines and events that do not
// match the schema, which are reported as warnings with their line number (and field) instead of
// failing the whole read. Only an unusable header line stops it.
import { readFileSync } from 'node:fs';
import type { JournalEvent, JournalHeader } from '../../api/generated/journal-types.js';
import { defValidator, describeAjvError } from '../../api/schema-registry.js';

export interface JournalContents {
  header: JournalHeader;
  events: JournalEvent[];
  warnings: string[];
}

/** Parses the text of a journal; throws only when the header itself is unusable. */
export function parseJournal(text: string, name = 'journal'): JournalContents {
  const lines = text.split('\n');
  const warnings: string[] = [];
  const torn = lines.length > 0 && lines[lines.length - 1] !== '';
  let header: JournalHeader | null = null;
  const events: JournalEvent[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      // A journal starts with its header line: text before it means this is some other file.
      if (header === null) throw new Error(`${name}: line ${i + 1} is not JSON, so this is not a CiaB install journal header`);
      if (i === lines.length - 1 && torn) warnings.push(`${name}: line ${i + 1} is incomplete (the app stopped while writing it); ignored`);
      else warnings.push(`${name}: line ${i + 1} is not JSON; skipped`);
      return;
    }
    if (header === null) {
      const h = value as Partial<JournalHeader> | null;
      if (h?.format !== 'ciab-install-journal') throw new Error(`${name}: line ${i + 1} is not a CiaB install journal header`);
      if (h.version !== 1) throw new Error(`${name}: journal format version ${String(h.version)} is not supported (this app reads version 1)`);
      const validHeader = defValidator('journal.schema.json', 'JournalHeader');
      if (!validHeader(h)) throw new Error(`${name}: line ${i + 1}, the journal header: ${describeAjvError(validHeader.errors, 'header').message}`);
      header = h as JournalHeader;
      return;
    }
    const validEvent = defValidator('journal.schema.json', 'JournalEvent');
    if (!validEvent(value)) {
      const d = describeAjvError(validEvent.errors, 'event');
      warnings.push(`${name}: line ${i + 1} is not a valid journal event (${d.field}: ${d.message}); skipped`);
      return;
    }
    events.push(value as JournalEvent);
  });
  if (header === null) throw new Error(`${name}: empty journal (no header line)`);
  return { header, events, warnings };
}

/** Reads and parses a journal file. */
export function readJournal(file: string): JournalContents {
  return parseJournal(readFileSync(file, 'utf8'), file);
}
