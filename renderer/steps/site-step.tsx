// SPDX-License-Identifier: Apache-2.0
// The site step: the site's name and CiaB type (later issues add network, storage, mirrors...).
// The draft is sent as SET_SITE while the operator types (debounced); the backend validates it
// against the site schema and its errors show under the field they name.
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { Field } from '../components/field.js';
import { Screen } from '../components/screen.js';
import { StepFooter } from '../components/step-footer.js';
import { useInstallerContext, useView } from '../hooks/installer-context.js';
import { useDebounced } from '../hooks/use-debounced.js';
import { errorsFor, sentence, unplacedErrors } from '../lib/field-errors.js';
import { stepEyebrow } from '../lib/view-state.js';

type SiteType = 'sandbox' | 'edge' | 'kubernetes';
interface SiteDraft {
  name: string;
  type: SiteType;
}

const TYPES: { value: SiteType; label: string; text: string }[] = [
  { value: 'sandbox', label: 'Sandbox', text: 'OpenStack and Ceph with all services (OSISM) — the full Cloud-in-a-Box.' },
  { value: 'edge', label: 'Edge', text: 'OpenStack and Ceph with the edge profile: fewer services, smaller footprint.' },
  { value: 'kubernetes', label: 'Kubernetes', text: 'A k3s edge Kubernetes instead of OpenStack.' },
];
const FIELDS = ['/name', '/type'];

function draftFrom(config: Record<string, unknown> | null): SiteDraft {
  const type = config?.type;
  return {
    name: typeof config?.name === 'string' ? config.name : '',
    type: type === 'edge' || type === 'kubernetes' || type === 'sandbox' ? type : 'sandbox',
  };
}

/** The site configuration form. */
export function SiteStep(): ReactElement {
  const view = useView();
  const { send } = useInstallerContext();
  const [draft, setDraft] = useState<SiteDraft>(() => draftFrom(view.site.config));
  const [touched, setTouched] = useState(() => view.site.config !== null);
  // Until the backend has validated the latest draft, the errors on screen may be stale: say so.
  const [checking, setChecking] = useState(false);
  const inFlight = useRef(0);
  const debounced = useDebounced((site: SiteDraft) => {
    inFlight.current++;
    void send({ type: 'SET_SITE', site: { ...site } }, { quiet: true }).finally(() => {
      if (--inFlight.current === 0) setChecking(false);
    });
  }, 200);
  const sentInitial = useRef(false);

  // The workflow needs a draft to validate (and to name what blocks Next) before the first keystroke.
  useEffect(() => {
    if (sentInitial.current || view.site.config !== null) return;
    sentInitial.current = true;
    void send({ type: 'SET_SITE', site: { ...draft } }, { quiet: true });
  }, [send, draft, view.site.config]);

  const update = (patch: Partial<SiteDraft>): void => {
    const next = { ...draft, ...patch };
    setDraft(next);
    setTouched(true);
    setChecking(true);
    debounced.call(next);
  };
  const errors = touched ? view.site.errors : [];
  const fieldErrors = (pointer: string): string[] => errorsFor(errors, pointer).map(sentence);
  const other = unplacedErrors(errors, FIELDS);

  return (
    <>
      <Screen screenKey={view.state} eyebrow={stepEyebrow(view, 'site') ?? undefined} title="Describe the site" lead="What this Cloud-in-a-Box is called and what it runs. Checked as you type; nothing is written to the server yet.">
        <form
          className="form"
          aria-busy={checking}
          noValidate
          aria-label="Site configuration"
          onSubmit={(e) => {
            e.preventDefault();
            debounced.flush();
          }}
        >
          {other.length > 0 && (
            <ul className="field__errors field__errors--block">
              {other.map((e) => (
                <li key={`${e.field}:${e.message}`}>
                  <span className="mono">{e.field}</span> {sentence(e.message)}
                </li>
              ))}
            </ul>
          )}
          <Field
            label="Site name"
            hint={
              <>
                Lower-case letters, digits and dashes, for example <code>fra1-edge</code>. Used in host names and file names.
              </>
            }
            errors={fieldErrors('/name')}
            render={(p) => <input {...p} className="input mono input--medium" value={draft.name} autoComplete="off" spellCheck={false} autoFocus={draft.name === ''} onChange={(e) => update({ name: e.target.value })} onBlur={() => debounced.flush()} />}
          />
          <fieldset className="fieldset">
            <legend className="field__label">Cloud-in-a-Box type</legend>
            <div className="radio-cards radio-cards--wide">
              {TYPES.map((t) => (
                <label key={t.value} className={`radio-card${draft.type === t.value ? ' radio-card--checked' : ''}`}>
                  <input type="radio" name="site-type" value={t.value} checked={draft.type === t.value} onChange={() => update({ type: t.value })} />
                  <span className="radio-card__label">{t.label}</span>
                  <span className="radio-card__hint">{t.text}</span>
                </label>
              ))}
            </div>
            {fieldErrors('/type').length > 0 && (
              <ul className="field__errors">
                {fieldErrors('/type').map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            )}
          </fieldset>
          <p className="form__status" role="status" aria-live="polite">
            {checking ? 'Checking…' : touched && view.site.valid ? 'The site configuration is valid.' : ''}
          </p>
        </form>
      </Screen>
      <StepFooter beforeNext={debounced.flush} />
    </>
  );
}
