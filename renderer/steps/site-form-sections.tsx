// SPDX-License-Identifier: Apache-2.0
// The site form laid out from the form model: collapsible sections (an error count on each
// header), groups, optional IPv6 groups behind a checkbox, and the special widgets — the CiaB
// type cards and the optional services with their per-type defaults.
import type { ReactElement } from 'react';
import { Icon } from '../components/icons.js';
import { sentence } from '../lib/field-errors.js';
import { getAt, siteType, type SiteType } from '../lib/site-draft.js';
import { visibleSections, type FieldSpec, type GroupSpec, type SectionSpec } from '../lib/site-form-model.js';
import { defaultFor, serviceList } from '../lib/site-schema.js';
import { CheckboxWidget, FieldErrors, PasswordWidget, PemWidget, SelectWidget, TextWidget } from './site-field-widgets.js';
import { fieldDomId, useSiteForm } from './site-form-context.js';
import { DiskWidget, NicWidget } from './site-hardware-widgets.js';
import { KeysWidget, ListWidget, TokensWidget } from './site-list-widgets.js';

const TYPES: { value: SiteType; label: string; text: string }[] = [
  { value: 'sandbox', label: 'Sandbox', text: 'OpenStack and Ceph with all services (OSISM) — the full Cloud-in-a-Box.' },
  { value: 'edge', label: 'Edge', text: 'OpenStack and Ceph with the edge profile: fewer services, smaller footprint.' },
  { value: 'kubernetes', label: 'Kubernetes', text: 'A k3s edge Kubernetes instead of OpenStack.' },
];

function TypeCards(): ReactElement {
  const form = useSiteForm();
  const type = siteType(form.site);
  const messages = form.errors('/type').map((e) => sentence(e.message));
  return (
    <fieldset className="fieldset">
      <legend className="field__label">Cloud-in-a-Box type</legend>
      <div className="radio-cards radio-cards--wide">
        {TYPES.map((t, i) => (
          <label key={t.value} className={`radio-card${type === t.value ? ' radio-card--checked' : ''}`}>
            <input type="radio" id={i === 0 ? fieldDomId('/type') : undefined} name="site-type" value={t.value} checked={type === t.value} onChange={() => form.set('/type', t.value)} />
            <span className="radio-card__label">{t.label}</span>
            <span className="radio-card__hint">{t.text}</span>
          </label>
        ))}
      </div>
      <FieldErrors messages={messages} />
    </fieldset>
  );
}

function ServicesWidget(): ReactElement {
  const form = useSiteForm();
  const type = siteType(form.site);
  const messages = form.errors('/services').map((e) => sentence(e.message));
  // k3s runs only a few of them; show those, and any the site file sets anyway.
  const services = serviceList().filter((s) => type !== 'kubernetes' || defaultFor(`/services/${s.id}`, form.site) === true || getAt(form.site, `/services/${s.id}`) !== undefined);
  const changed = services.filter((s) => getAt(form.site, `/services/${s.id}`) !== undefined).length;
  return (
    <div className="site-services">
      <div className="site-services__grid">
        {services.map((s) => {
          const pointer = `/services/${s.id}`;
          const d = defaultFor(pointer, form.site) === true;
          const raw = getAt(form.site, pointer);
          const on = typeof raw === 'boolean' ? raw : d;
          return (
            <label key={s.id} className={`site-service${raw !== undefined ? ' site-service--changed' : ''}`}>
              <input type="checkbox" id={fieldDomId(pointer)} checked={on} onChange={() => form.set(pointer, !on === d ? undefined : !on)} />
              <span className="site-service__title">{s.title}</span>
              {raw !== undefined && <span className="site-service__default">changed (default {d ? 'on' : 'off'})</span>}
            </label>
          );
        })}
      </div>
      <p className="field__hint">
        {changed === 0 ? `Ticked as a ${type} site has them by default.` : `${changed} changed from the ${type} defaults; the others are as a ${type} site has them.`}{' '}
        {changed > 0 && (
          <button type="button" className="link-button" onClick={() => form.set('/services', undefined)}>
            Back to the defaults
          </button>
        )}
      </p>
      <FieldErrors messages={messages} />
    </div>
  );
}

/** The widget for one field. */
function SiteField({ spec }: { spec: FieldSpec }): ReactElement {
  switch (spec.kind) {
    case 'type':
      return <TypeCards />;
    case 'services':
      return <ServicesWidget />;
    case 'nic':
      return <NicWidget spec={spec} />;
    case 'disk':
      return <DiskWidget spec={spec} />;
    case 'checkbox':
      return <CheckboxWidget spec={spec} />;
    case 'select':
      return <SelectWidget spec={spec} />;
    case 'pem':
      return <PemWidget spec={spec} />;
    case 'password':
      return <PasswordWidget spec={spec} />;
    case 'list':
      return <ListWidget spec={spec} />;
    case 'tokens':
      return <TokensWidget spec={spec} />;
    case 'keys':
      return <KeysWidget spec={spec} />;
    default:
      return <TextWidget spec={spec} />;
  }
}

function Group({ group, rows }: { group: GroupSpec; rows: FieldSpec[][] }): ReactElement {
  const form = useSiteForm();
  const opt = group.optional;
  const present = opt ? getAt(form.site, opt.pointer) !== undefined : true;
  const shown = !opt || present || form.optionalOpen(opt.pointer);
  return (
    <div className="site-group">
      {group.title && (
        <h3 className="site-group__title">
          {group.title}
          {group.hint && <span className="site-group__hint"> — {group.hint}</span>}
        </h3>
      )}
      {opt && (
        <label className="site-check__label site-group__toggle">
          <input
            type="checkbox"
            checked={shown}
            onChange={() => {
              form.setOptionalOpen(opt.pointer, !shown);
              if (shown) form.set(opt.pointer, undefined);
            }}
          />
          <span>{opt.label}</span>
        </label>
      )}
      {shown &&
        rows.map((row) => (
          <div key={row.map((f) => f.pointer).join()} className="site-row">
            {row.map((f) => (
              <SiteField key={f.pointer} spec={f} />
            ))}
          </div>
        ))}
    </div>
  );
}

/** The pointers of a section's visible fields, to count its errors. */
export function sectionWidgets(groups: { rows: FieldSpec[][] }[]): string[] {
  return groups.flatMap((g) => g.rows.flat().map((f) => f.pointer));
}

function Section({ section, groups, open, onToggle }: { section: SectionSpec; groups: { group: GroupSpec; rows: FieldSpec[][] }[]; open: boolean; onToggle(): void }): ReactElement {
  const form = useSiteForm();
  const errorCount = sectionWidgets(groups).reduce((n, w) => n + form.errors(w).length, 0);
  const set = section.keys.filter((k) => form.site[k] !== undefined).length;
  const bodyId = `site-section-${section.id}`;
  return (
    <section className={`site-section${open ? ' site-section--open' : ''}`} aria-labelledby={`${bodyId}-title`}>
      <h2 className="site-section__heading" id={`${bodyId}-title`}>
        <button type="button" className="site-section__toggle" aria-expanded={open} aria-controls={bodyId} onClick={onToggle}>
          <svg className="site-section__chevron" viewBox="0 0 20 20" aria-hidden="true">
            <path d="M7 4l6 6-6 6" />
          </svg>
          <span className="site-section__title">{section.title}</span>
          {errorCount > 0 && (
            <span className="site-badge site-badge--error">
              <Icon name="fail" /> {errorCount} {errorCount === 1 ? 'error' : 'errors'}
            </span>
          )}
          {!open && errorCount === 0 && <span className="site-section__state">{set > 0 ? 'filled in' : 'defaults'}</span>}
        </button>
      </h2>
      <div id={bodyId} className="site-section__body" hidden={!open}>
        <p className="site-section__lead">{section.lead}</p>
        {groups.map(({ group, rows }, i) => (
          <Group key={group.title ?? group.optional?.pointer ?? i} group={group} rows={rows} />
        ))}
      </div>
    </section>
  );
}

/** Every visible section of the form. */
export function SiteFormSections({ isOpen, onToggle }: { isOpen(id: string): boolean; onToggle(id: string): void }): ReactElement {
  const form = useSiteForm();
  return (
    <div className="site-sections">
      {visibleSections(form.site).map(({ section, groups }) => (
        <Section key={section.id} section={section} groups={groups} open={isOpen(section.id)} onToggle={() => onToggle(section.id)} />
      ))}
    </div>
  );
}
