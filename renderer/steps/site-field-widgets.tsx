// SPDX-License-Identifier: Apache-2.0
// The site form's simple widgets: the frame every field shares (label from the schema, "from the
// probe" badge, hint, errors right under it), text, whole numbers, enum selects, PEM text areas,
// checkboxes with their default, and the registry password that goes to the secret store.
import { useState, type ReactElement, type ReactNode } from 'react';
import { Icon } from '../components/icons.js';
import { sentence } from '../lib/field-errors.js';
import { getAt, integerFromText } from '../lib/site-draft.js';
import type { FieldSpec } from '../lib/site-form-model.js';
import { defaultFor, defaultText, fieldTitle, schemaAt } from '../lib/site-schema.js';
import { fieldDomId, useSiteForm } from './site-form-context.js';

/** The ids and states a field's control carries. */
export interface ControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

/** A value as the text an input shows. */
export function valueText(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The marker beside a value the probe filled in. */
export function ProbeBadge(): ReactElement {
  return <span className="site-badge site-badge--probe">from the probe</span>;
}

/** Errors as sentences under a field. */
export function FieldErrors({ id, messages }: { id?: string; messages: readonly string[] }): ReactElement | null {
  if (messages.length === 0) return null;
  return (
    <ul id={id} className="field__errors">
      {messages.map((m) => (
        <li key={m}>
          <Icon name="fail" />
          <span>{m}</span>
        </li>
      ))}
    </ul>
  );
}

/** Label, probe badge, control, hint and errors of one field. */
export function FieldFrame({ spec, hint, extra, entriesShownApart = false, children }: { spec: FieldSpec; hint?: ReactNode; extra?: ReactNode; entriesShownApart?: boolean; children(p: ControlProps): ReactNode }): ReactElement {
  const form = useSiteForm();
  const id = fieldDomId(spec.pointer);
  const isEntry = (field: string): boolean => field.startsWith(`${spec.pointer}/`) && /^\d+$/.test(field.slice(spec.pointer.length + 1));
  const own = entriesShownApart ? form.errors(spec.pointer).filter((e) => !isEntry(e.field)) : form.errors(spec.pointer);
  const messages = own.map((e) => sentence(e.field === spec.pointer || !e.field.startsWith(spec.pointer) ? e.message : `${entryName(spec.pointer, e.field)}: ${e.message}`));
  const hintText = hint ?? spec.hint ?? schemaAt(spec.pointer)?.description;
  const describedBy = [hintText ? `${id}-hint` : null, messages.length > 0 ? `${id}-err` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field site-field site-field--${spec.width ?? 'full'}${messages.length > 0 ? ' field--invalid' : ''}`}>
      <div className="site-field__label-row">
        <label htmlFor={id} className="field__label">
          {spec.label ?? fieldTitle(spec.pointer)}
        </label>
        {form.fromProbe(spec.pointer) && <ProbeBadge />}
      </div>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': messages.length > 0 ? true : undefined })}
      {extra}
      {hintText && (
        <p id={`${id}-hint`} className="field__hint">
          {hintText}
        </p>
      )}
      <FieldErrors id={`${id}-err`} messages={messages} />
    </div>
  );
}

function entryName(base: string, field: string): string {
  const rest = field.slice(base.length + 1);
  return /^\d+$/.test(rest) ? `Entry ${Number(rest) + 1}` : fieldTitle(field);
}

/** A text (or whole-number) input; empty leaves the field out so its default applies. */
export function TextWidget({ spec }: { spec: FieldSpec }): ReactElement {
  const form = useSiteForm();
  const value = valueText(getAt(form.site, spec.pointer));
  const integer = spec.kind === 'integer';
  return (
    <FieldFrame spec={spec}>
      {(p) => (
        <input
          {...p}
          className={`input${spec.mono || integer ? ' mono' : ''}`}
          value={value}
          inputMode={integer ? 'numeric' : undefined}
          placeholder={defaultText(spec.pointer, form.site) ?? spec.example}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => form.set(spec.pointer, integer ? integerFromText(e.target.value) : e.target.value)}
        />
      )}
    </FieldFrame>
  );
}

/** A choice from the schema's enum, with "default (…)" as the empty choice. */
export function SelectWidget({ spec }: { spec: FieldSpec }): ReactElement {
  const form = useSiteForm();
  const value = valueText(getAt(form.site, spec.pointer));
  const options = schemaAt(spec.pointer)?.enum ?? [];
  const d = defaultFor(spec.pointer, form.site);
  return (
    <FieldFrame spec={spec}>
      {(p) => (
        <select {...p} className="input" value={value} onChange={(e) => form.set(spec.pointer, e.target.value)}>
          <option value="">{d !== undefined ? `Default (${valueText(d)})` : 'Not set'}</option>
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
          {value !== '' && !options.includes(value) && <option value={value}>{value}</option>}
        </select>
      )}
    </FieldFrame>
  );
}

/** A PEM block (certificate or OpenPGP key), monospace, kept exactly as pasted. */
export function PemWidget({ spec }: { spec: FieldSpec }): ReactElement {
  const form = useSiteForm();
  return (
    <FieldFrame spec={spec}>
      {(p) => <textarea {...p} className="input mono textarea site-pem" rows={5} value={valueText(getAt(form.site, spec.pointer))} placeholder={spec.example} spellCheck={false} onChange={(e) => form.set(spec.pointer, e.target.value)} />}
    </FieldFrame>
  );
}

/** A yes/no field; set back to its default it leaves the site file. */
export function CheckboxWidget({ spec }: { spec: FieldSpec }): ReactElement {
  const form = useSiteForm();
  const id = fieldDomId(spec.pointer);
  const raw = getAt(form.site, spec.pointer);
  const d = defaultFor(spec.pointer, form.site) === true;
  const checked = typeof raw === 'boolean' ? raw : d;
  const messages = form.errors(spec.pointer).map((e) => sentence(e.message));
  const hint = spec.hint ?? schemaAt(spec.pointer)?.description;
  return (
    <div className={`field site-check${messages.length > 0 ? ' field--invalid' : ''}`}>
      <label className="site-check__label" htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} aria-describedby={`${id}-hint${messages.length > 0 ? ` ${id}-err` : ''}`} onChange={() => form.set(spec.pointer, !checked === d ? undefined : !checked)} />
        <span className="site-check__text">{spec.label ?? fieldTitle(spec.pointer)}</span>
      </label>
      <p id={`${id}-hint`} className="field__hint site-check__hint">
        {hint ? `${hint} ` : ''}
        <span className="site-default">{d ? 'On' : 'Off'} by default.</span>
      </p>
      <FieldErrors id={`${id}-err`} messages={messages} />
    </div>
  );
}

/** The registry password: handed to the backend's secret store (secrets.set), never put into the site. */
export function PasswordWidget({ spec }: { spec: FieldSpec }): ReactElement {
  const form = useSiteForm();
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const store = async (): Promise<void> => {
    if (text === '' || saving) return;
    setSaving(true);
    if (await form.storePassword(text)) setText('');
    setSaving(false);
  };
  const hint = form.passwordStored ? (
    <span className="site-stored">
      <Icon name="check" /> Password stored for this session. It is vault-encrypted in the rendered files and never written to the site file. Type a new one to replace it.
    </span>
  ) : (
    'Kept in memory for this session and vault-encrypted in the rendered files; never written to the site file or its export.'
  );
  return (
    <FieldFrame spec={spec} hint={hint}>
      {(p) => (
        <input
          {...p}
          type="password"
          className="input"
          value={text}
          autoComplete="new-password"
          placeholder={form.passwordStored ? '•••••••• (stored)' : undefined}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => void store()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void store();
            }
          }}
        />
      )}
    </FieldFrame>
  );
}
