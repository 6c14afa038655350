// SPDX-License-Identifier: Apache-2.0
// Site-form widgets for lists: one row per entry (DNS, NTP, allow list), words in one line
// (suites, components, no_proxy), and one OpenSSH key per line. Each keeps what the operator
// typed (blank rows, trailing spaces) and follows the draft when it changes elsewhere (YAML, import).
import { useState, type ReactElement } from 'react';
import { sentence } from '../lib/field-errors.js';
import { deepEqual, getAt, tokensFromText } from '../lib/site-draft.js';
import type { FieldSpec } from '../lib/site-form-model.js';
import { defaultText, fieldTitle, schemaAt } from '../lib/site-schema.js';
import { FieldErrors, FieldFrame, valueText } from './site-field-widgets.js';
import { fieldDomId, useSiteForm } from './site-form-context.js';

/** The list at a pointer as strings (a single value counts as one entry). */
function listValue(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(valueText);
}

const entries = (rows: readonly string[]): string[] => rows.map((r) => r.trim()).filter((r) => r !== '');

/** Local text that follows the draft: reset whenever what it means differs from the draft's value. */
function useFollowing<T>(value: string[], toRows: (v: string[]) => T, meaning: (rows: T) => string[]): [T, (rows: T) => void] {
  const [rows, setRows] = useState<T>(() => toRows(value));
  if (!deepEqual(meaning(rows), value)) {
    const next = toRows(value);
    setRows(next);
    return [next, setRows];
  }
  return [rows, setRows];
}

/** One input per entry with Remove, and Add below (up to the schema's maximum). */
export function ListWidget({ spec }: { spec: FieldSpec }): ReactElement {
  const form = useSiteForm();
  const value = listValue(getAt(form.site, spec.pointer));
  const [rows, setRows] = useFollowing(value, (v) => (v.length > 0 ? v : ['']), entries);
  const title = fieldTitle(spec.pointer);
  const max = schemaAt(spec.pointer)?.maxItems;
  const placed = form.errors(spec.pointer);
  const update = (next: string[]): void => {
    setRows(next);
    form.set(spec.pointer, entries(next));
  };
  let index = -1;
  return (
    <FieldFrame spec={spec} entriesShownApart>
      {(p) => (
        <div className="site-list">
          {rows.map((row, r) => {
            if (row.trim() !== '') index++;
            const pointer = `${spec.pointer}/${index}`;
            const rowErrors = row.trim() === '' ? [] : placed.filter((e) => e.field === pointer).map((e) => sentence(e.message));
            const id = r === 0 ? p.id : fieldDomId(pointer);
            return (
              <div key={r} className={`site-list__row${rowErrors.length > 0 ? ' field--invalid' : ''}`}>
                <input
                  id={id}
                  className={`input${spec.mono ? ' mono' : ''}`}
                  value={row}
                  aria-label={r === 0 ? undefined : `${title} ${r + 1}`}
                  aria-describedby={[p['aria-describedby'], rowErrors.length > 0 ? `${id}-row-err` : null].filter(Boolean).join(' ') || undefined}
                  aria-invalid={rowErrors.length > 0 ? true : undefined}
                  placeholder={r === 0 ? (defaultText(spec.pointer, form.site) ?? spec.example) : undefined}
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(e) => update(rows.map((x, i) => (i === r ? e.target.value : x)))}
                />
                {rows.length > 1 && (
                  <button type="button" className="btn btn--ghost btn--small" aria-label={`Remove ${title} ${r + 1}`} onClick={() => update(rows.filter((_, i) => i !== r))}>
                    Remove
                  </button>
                )}
                <FieldErrors id={`${id}-row-err`} messages={rowErrors} />
              </div>
            );
          })}
          {(max === undefined || rows.length < max) && (
            <button type="button" className="btn btn--ghost btn--small site-list__add" onClick={() => setRows([...rows, ''])}>
              + Add<span className="visually-hidden"> to {title}</span>
            </button>
          )}
        </div>
      )}
    </FieldFrame>
  );
}

/** Words in one line ("noble noble-updates"), separated by spaces or commas. */
export function TokensWidget({ spec }: { spec: FieldSpec }): ReactElement {
  const form = useSiteForm();
  const value = listValue(getAt(form.site, spec.pointer));
  const [text, setText] = useFollowing(value, (v) => v.join(' '), tokensFromText);
  return (
    <FieldFrame spec={spec} hint={spec.hint ?? 'Separated by spaces or commas.'}>
      {(p) => (
        <input
          {...p}
          className={`input${spec.mono ? ' mono' : ''}`}
          value={text}
          placeholder={defaultText(spec.pointer, form.site) ?? spec.example}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => {
            setText(e.target.value);
            form.set(spec.pointer, tokensFromText(e.target.value));
          }}
        />
      )}
    </FieldFrame>
  );
}

/** OpenSSH public keys, one per line; an error names the key and the line it is on. */
export function KeysWidget({ spec }: { spec: FieldSpec }): ReactElement {
  const form = useSiteForm();
  const value = listValue(getAt(form.site, spec.pointer));
  const [text, setText] = useFollowing(value, (v) => v.join('\n'), (t) => entries(t.split('\n')));
  const lines = text.split('\n');
  // The line each key (entry i) is on, for the error messages.
  const lineOf: number[] = [];
  lines.forEach((l, i) => {
    if (l.trim() !== '') lineOf.push(i + 1);
  });
  const messages = form.errors(spec.pointer).map((e) => {
    const m = /\/(\d+)$/.exec(e.field.slice(spec.pointer.length));
    return m ? sentence(`Key ${Number(m[1]) + 1} (line ${lineOf[Number(m[1])] ?? '?'}) ${e.message}`) : sentence(e.message);
  });
  const id = fieldDomId(spec.pointer);
  return (
    <div className={`field site-field${messages.length > 0 ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        {fieldTitle(spec.pointer)}
      </label>
      <textarea
        id={id}
        className="input mono textarea site-keys"
        rows={Math.min(8, Math.max(3, lines.length + 1))}
        value={text}
        wrap="off"
        placeholder="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA… operator@laptop"
        spellCheck={false}
        aria-describedby={`${id}-hint${messages.length > 0 ? ` ${id}-err` : ''}`}
        aria-invalid={messages.length > 0 ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          form.set(spec.pointer, entries(e.target.value.split('\n')));
        }}
      />
      <p id={`${id}-hint`} className="field__hint">
        {schemaAt(spec.pointer)?.description} One key per line, as in authorized_keys.
        {value.length > 0 && ` ${value.length} key${value.length === 1 ? '' : 's'}.`}
      </p>
      <FieldErrors id={`${id}-err`} messages={messages} />
    </div>
  );
}
