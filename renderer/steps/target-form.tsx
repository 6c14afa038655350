// SPDX-License-Identifier: Apache-2.0
// The connection form (target.editing): address, port, user and how to log in. The draft is the
// only local state; Connect sends SET_TARGET, hands any secret to secrets.set, then CONNECT.
import { useState, type FormEvent, type ReactElement } from 'react';
import type { AuthMethod } from '../../electron/api/contract.js';
import { Field } from '../components/field.js';
import { useInstallerContext, useView } from '../hooks/installer-context.js';
import { fieldFromApiError } from '../lib/field-errors.js';
import { initialTargetDraft, toTargetInput, validateTargetDraft, type TargetDraft } from '../lib/target-draft.js';
import { isDemo } from '../lib/view-state.js';

/** The id the footer's Connect button submits. */
export const TARGET_FORM_ID = 'target-form';

const AUTH: { value: AuthMethod; label: string; hint: string }[] = [
  { value: 'agent', label: 'SSH agent', hint: 'Keys loaded in your running ssh-agent (also hardware keys).' },
  { value: 'key', label: 'Key file', hint: 'A private key file on this computer.' },
  { value: 'password', label: 'Password', hint: 'Kept in memory only, never saved or logged.' },
  { value: 'none', label: 'None', hint: 'Only for servers that allow it, such as the demo server.' },
];

/** The target form; submitting it connects. */
export function TargetForm(): ReactElement {
  const view = useView();
  const { appInfo, send, request, problem } = useInstallerContext();
  const [draft, setDraft] = useState<TargetDraft>(() => initialTargetDraft(view, appInfo));
  const [secret, setSecret] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  const demo = isDemo(view);
  const errors = showErrors ? validateTargetDraft(draft) : {};
  const set = (patch: Partial<TargetDraft>): void => setDraft((d) => ({ ...d, ...patch }));
  // The backend validates the target against the API schema too; its verdict goes under the field.
  const apiField = fieldFromApiError(problem?.field);
  const err = (k: keyof TargetDraft): string[] => [...(errors[k] ? [errors[k]] : []), ...(apiField === k && problem ? [problem.message] : [])];

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setShowErrors(true);
    if (Object.keys(validateTargetDraft(draft)).length > 0) return;
    if (!(await send({ type: 'SET_TARGET', target: toTargetInput(draft) }))) return;
    if (draft.auth === 'password' && secret !== '') {
      if ((await request('secrets.set', { kind: 'ssh-password', value: secret }, 'Handing over the password')) === null) return;
    }
    if (draft.auth === 'key' && secret !== '') {
      if ((await request('secrets.set', { kind: 'key-passphrase', value: secret }, 'Handing over the key passphrase')) === null) return;
    }
    await send({ type: 'CONNECT' });
  };

  return (
    <form id={TARGET_FORM_ID} className="form" noValidate onSubmit={(e) => void submit(e)} aria-label="Target server">
      {demo && (
        <p className="callout callout--demo">
          <strong>Demo:</strong> the form is filled in with the built-in simulated server. Nothing you do here reaches a real machine.
        </p>
      )}
      <div className="form__row">
        <Field
          label="Server address"
          hint="IP address, host name, or a Host alias from ~/.ssh/config."
          errors={err('host')}
          className="form__grow"
          render={(p) => (
            <input {...p} className="input mono" value={draft.host} autoComplete="off" spellCheck={false} readOnly={demo} autoFocus={!demo && draft.host === ''} onChange={(e) => set({ host: e.target.value })} />
          )}
        />
        <Field label="Port" errors={err('port')} className="form__narrow" render={(p) => <input {...p} className="input mono" inputMode="numeric" value={draft.port} readOnly={demo} onChange={(e) => set({ port: e.target.value })} />} />
      </div>
      <Field label="User" hint="The account to log in as; it needs sudo rights on the server." errors={err('username')} render={(p) => <input {...p} className="input mono input--medium" value={draft.username} autoComplete="username" spellCheck={false} onChange={(e) => set({ username: e.target.value })} />} />
      <fieldset className="fieldset">
        <legend className="field__label">How to log in</legend>
        <div className="radio-cards">
          {AUTH.map((a) => (
            <label key={a.value} className={`radio-card${draft.auth === a.value ? ' radio-card--checked' : ''}`}>
              <input type="radio" name="auth" value={a.value} checked={draft.auth === a.value} onChange={() => set({ auth: a.value })} />
              <span className="radio-card__label">{a.label}</span>
              <span className="radio-card__hint">{a.hint}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {draft.auth === 'key' && (
        <div className="form__row">
          <Field label="Private key file" errors={err('keyPath')} className="form__grow" render={(p) => <input {...p} className="input mono" value={draft.keyPath} placeholder="~/.ssh/id_ed25519" spellCheck={false} onChange={(e) => set({ keyPath: e.target.value })} />} />
          <Field label="Passphrase (if the key has one)" className="form__grow" render={(p) => <input {...p} className="input" type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} />} />
        </div>
      )}
      {draft.auth === 'password' && (
        <Field label="Password" hint="Sent to the installer’s memory only; it is never written to disk or to the journal." render={(p) => <input {...p} className="input input--medium" type="password" autoComplete="current-password" value={secret} onChange={(e) => setSecret(e.target.value)} />} />
      )}
    </form>
  );
}
