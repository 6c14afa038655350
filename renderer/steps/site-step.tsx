// SPDX-License-Identifier: Apache-2.0
// The site step: the whole site configuration as a schema-driven form or as YAML (both edit one
// draft), pre-filled from the hardware probe, checked by the backend as the operator types, with
// every problem under its field and listed at the top; import and export of site files.
import { useMemo, useRef, useState, type ReactElement } from 'react';
import { flushSync } from 'react-dom';
import { Icon } from '../components/icons.js';
import { Screen } from '../components/screen.js';
import { StepFooter } from '../components/step-footer.js';
import { useView } from '../hooks/installer-context.js';
import { useSiteDraft } from '../hooks/use-site-draft.js';
import { deepEqual, getAt, groupErrors, placeError } from '../lib/site-draft.js';
import { SECTIONS, visibleWidgets } from '../lib/site-form-model.js';
import { revealInScreen } from '../lib/scroll-within.js';
import { fieldPath } from '../lib/site-schema.js';
import { lineOfField } from '../lib/site-yaml.js';
import { stepEyebrow } from '../lib/view-state.js';
import { SiteErrorSummary } from './site-error-summary.js';
import { fieldDomId, SiteFormContext, type SiteForm } from './site-form-context.js';
import { SiteFormSections } from './site-form-sections.js';
import { SiteYamlView } from './site-yaml-view.js';

/** The site configuration screen. */
export function SiteStep(): ReactElement {
  const view = useView();
  const d = useSiteDraft();
  const [tab, setTab] = useState<'form' | 'yaml'>('form');
  const [openSections, setOpenSections] = useState<Record<string, boolean>>({});
  const [optional, setOptional] = useState<Record<string, boolean>>({});
  const [switchRefused, setSwitchRefused] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const widgets = useMemo(() => visibleWidgets(d.site), [d.site]);
  const pointers = useMemo(() => widgets.map((w) => w.pointer), [widgets]);
  const errors = view.site.errors;
  const placed = useMemo(() => groupErrors(errors, pointers), [errors, pointers]);
  const sectionOf = (pointer: string | null): string | undefined => widgets.find((w) => w.pointer === pointer)?.section;
  const isOpen = (id: string): boolean => {
    if (openSections[id] !== undefined) return openSections[id]!;
    const spec = SECTIONS.find((s) => s.id === id);
    return !spec?.collapsed || spec.keys.some((k) => d.site[k] !== undefined) || errors.some((e) => sectionOf(placeError(e.field, pointers)) === id);
  };

  const focusField = (field: string): void => {
    const target = placeError(field, pointers);
    const section = sectionOf(target);
    // Open its section now, so the field exists to take the focus.
    if (section) flushSync(() => setOpenSections((o) => ({ ...o, [section]: true })));
    const el = document.getElementById(fieldDomId(field)) ?? (target ? document.getElementById(fieldDomId(target)) : null);
    revealInScreen(el);
    el?.focus({ preventScroll: true });
  };

  // A missing group ("/ntp is required") is named by the field that shows it ("NTP servers").
  const labelOf = (field: string): string => {
    const target = placeError(field, pointers);
    return fieldPath(target !== null && target.startsWith(`${field}/`) ? target : field);
  };

  const form: SiteForm = {
    site: d.site,
    set: d.set,
    errors: (pointer) => (d.touched ? (placed.byWidget.get(pointer) ?? []) : []),
    report: d.report,
    fromProbe: (pointer) => pointer in d.probed && deepEqual(getAt(d.site, pointer), d.probed[pointer]),
    optionalOpen: (pointer) => optional[pointer] === true,
    setOptionalOpen: (pointer, open) => setOptional((o) => ({ ...o, [pointer]: open })),
    passwordStored: d.passwordStored,
    storePassword: d.storePassword,
  };

  const linedErrors = useMemo(() => (tab === 'yaml' ? errors.map((e) => ({ ...e, line: e.line ?? lineOfField(d.yamlText, e.field) })) : []), [tab, errors, d.yamlText]);

  const switchTo = (next: 'form' | 'yaml'): void => {
    if (next === 'form' && d.yamlProblem) {
      setSwitchRefused(true);
      return;
    }
    setSwitchRefused(false);
    setTab(next);
  };

  return (
    <>
      <Screen screenKey={view.state} eyebrow={stepEyebrow(view, 'site') ?? undefined} title="Describe the site" lead="Network, DNS and NTP, storage, registry and mirror of this Cloud-in-a-Box. Checked as you type; empty fields take the default shown in them. Nothing is written to the server yet.">
        <form
          className="site-form"
          aria-busy={d.checking}
          noValidate
          aria-label="Site configuration"
          onSubmit={(e) => {
            e.preventDefault();
            d.flush();
          }}
        >
          <div className="site-toolbar">
            <div className="segmented" role="group" aria-label="Edit as">
              <button type="button" className="segmented__item" aria-pressed={tab === 'form'} onClick={() => switchTo('form')}>
                Form
              </button>
              <button type="button" className="segmented__item" aria-pressed={tab === 'yaml'} onClick={() => switchTo('yaml')}>
                YAML
              </button>
            </div>
            <p className="site-toolbar__status" role="status" aria-live="polite">
              {d.checking ? 'Checking…' : d.touched && view.site.valid ? (
                <span className="site-toolbar__valid">
                  <Icon name="check" /> The site configuration is valid.
                </span>
              ) : (
                ''
              )}
            </p>
            <div className="site-toolbar__files">
              <input
                ref={fileInput}
                type="file"
                accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
                className="visually-hidden"
                tabIndex={-1}
                aria-label="Site file to import"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void d.importFile(file).then((ok) => setTab(ok ? tab : 'yaml'));
                }}
              />
              <button type="button" className="btn btn--secondary btn--small" onClick={() => fileInput.current?.click()}>
                Import…
              </button>
              <button type="button" className="btn btn--secondary btn--small" onClick={d.exportFile}>
                Export
              </button>
            </div>
          </div>

          {d.note && (
            <div className={`site-note site-note--${d.note.tone}`} role={d.note.tone === 'error' ? 'alert' : 'status'}>
              <Icon name={d.note.tone === 'error' ? 'fail' : 'info'} />
              <p>{d.note.text}</p>
              <button type="button" className="btn btn--ghost btn--small" onClick={d.dismissNote}>
                Dismiss
              </button>
            </div>
          )}

          <SiteFormContext.Provider value={form}>
            {tab === 'form' ? (
              <>
                <SiteErrorSummary errors={errors} touched={d.touched} labelOf={labelOf} onFocus={focusField} />
                <SiteFormSections isOpen={isOpen} onToggle={(id) => setOpenSections((o) => ({ ...o, [id]: !isOpen(id) }))} />
              </>
            ) : (
              <SiteYamlView text={d.yamlText} problem={d.yamlProblem} errors={linedErrors} onChange={(t) => {
                setSwitchRefused(false);
                d.editYaml(t);
              }} onBlur={() => void d.settleYaml()} onUndo={d.undoYaml} refused={switchRefused} />
            )}
          </SiteFormContext.Provider>
        </form>
      </Screen>
      <StepFooter beforeNext={d.flush} />
    </>
  );
}
