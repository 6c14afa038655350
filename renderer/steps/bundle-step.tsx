// SPDX-License-Identifier: Apache-2.0
// The air-gap bundle step: choose the offline bundle and verify it on this computer before
// anything touches the server.
import { useState, type FormEvent, type ReactElement } from 'react';
import { BusyPanel } from '../components/busy-panel.js';
import { ErrorPanel } from '../components/error-panel.js';
import { Field } from '../components/field.js';
import { Icon } from '../components/icons.js';
import { Screen } from '../components/screen.js';
import { StepFooter } from '../components/step-footer.js';
import { useInstallerContext, useView } from '../hooks/installer-context.js';
import { isDemo, stepEyebrow, stepTitle, substate } from '../lib/view-state.js';

const FORM_ID = 'bundle-form';
const DEMO_BUNDLE = 'demo://bundle';

/** The bundle step for whatever sub-state the workflow is in. */
export function BundleStep(): ReactElement {
  const view = useView();
  const { send } = useInstallerContext();
  const demo = isDemo(view);
  const [path, setPath] = useState(() => view.bundle.path ?? (demo ? DEMO_BUNDLE : ''));
  const [empty, setEmpty] = useState(false);
  const sub = substate(view);
  const eyebrow = stepEyebrow(view, 'bundle') ?? undefined;

  const verify = async (e?: FormEvent): Promise<void> => {
    e?.preventDefault();
    const p = path.trim();
    setEmpty(p === '');
    if (p === '') return;
    if (p !== view.bundle.path || !view.bundle.verified) {
      if (!(await send({ type: 'SET_BUNDLE', path: p }))) return;
    }
    await send({ type: 'VERIFY_BUNDLE' });
  };

  if (sub === 'verifying') {
    return (
      <>
        <Screen screenKey={view.state} eyebrow={eyebrow} title="Verifying the bundle">
          <BusyPanel label={view.busy ?? 'Verifying the bundle…'} detail={view.bundle.path} />
        </Screen>
        <StepFooter showNext={false} />
      </>
    );
  }

  const ready = sub === 'ready' && view.bundle.verified;
  return (
    <>
      <Screen
        screenKey={view.state}
        eyebrow={eyebrow}
        title="Choose the air-gap bundle"
        lead="The offline bundle holds every image, package and binary the site needs. It is verified on this computer before anything is copied to the server."
      >
        {sub === 'failed' && view.error && <ErrorPanel error={view.error} stepTitle={stepTitle(view, 'bundle')} />}
        {ready && (
          <div className="success-panel" role="status">
            <Icon name="shield" className="success-panel__icon" />
            <p>
              <strong>Bundle verified:</strong> <span className="mono">{view.bundle.path}</span>
            </p>
          </div>
        )}
        <form id={FORM_ID} className="form" noValidate onSubmit={(e) => void verify(e)} aria-label="Air-gap bundle">
          <Field
            label="Bundle directory"
            hint={demo ? 'The demo uses the simulated bundle demo://bundle.' : 'The directory that contains manifest.json, for example /media/usb/ciab-bundle.'}
            errors={empty ? ['Enter the path of the bundle directory.'] : []}
            render={(p) => <input {...p} className="input mono" value={path} spellCheck={false} autoComplete="off" onChange={(e) => setPath(e.target.value)} />}
          />
          {demo && path !== DEMO_BUNDLE && (
            <button type="button" className="btn btn--ghost btn--small" onClick={() => setPath(DEMO_BUNDLE)}>
              Use the demo bundle
            </button>
          )}
        </form>
      </Screen>
      {ready ? (
        <StepFooter secondary={[{ label: 'Verify again', form: FORM_ID, pendingKey: 'VERIFY_BUNDLE' }]} />
      ) : (
        <StepFooter primary={{ label: sub === 'failed' ? 'Verify again' : 'Verify bundle', form: FORM_ID, pendingKey: 'VERIFY_BUNDLE' }} />
      )}
    </>
  );
}
