// SPDX-License-Identifier: Apache-2.0
// The connection form (target.editing): address (or ~/.ssh/config alias), port, user and how to
// log in. "user@host:port" typed into the address is spread over the fields. The draft is the only
// local state; Connect sends SET_TARGET, hands any secret to secrets.set, then CONNECT.
import { useState, type FormEvent, type ReactElement } from 'react';
import type { AuthMethod } from '../../electron/api/contract.js';
import { Field } from '../components/field.js';
import { useInstallerContext, useView } from '../hooks/installer-context.js';
import { fieldFromApiError } from '../lib/field-errors.js';
import { applyHostSplit, initialTargetDraft, toTargetInput, validateTargetDraft, type TargetDraft } from '../lib/target-draft.js';
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
  const [sudoSecret, setSudoSecret] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  const [splitNote, setSplitNote] = useState('');
  const demo = isDemo(view);
  const errors = showErrors ? validateTargetDraft(draft) : {};
  const set = (patch: Partial<TargetDraft>): void => setDraft((d) => ({ ...d, ...patch }));
  // The backend validates the target against the API schema too; its verdict goes under the field.
  const apiField = fieldFromApiError(problem?.field);
  const err = (k: keyof TargetDraft): string[] => [...(errors[k] ? [errors[k]] : []), ...(apiField === k && problem ? [problem.message] : [])];

  // "ubuntu@10.0.0.5:2222" in the address field: user and port move to their own fields.
  const splitHost = (d: TargetDraft): TargetDraft => {
    const split = applyHostSplit(d);
    if (!split) return d;
    setDraft(split.draft);
    if (split.moved) setSplitNote(split.moved);
    return split.draft;
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setShowErrors(true);
    const ready = splitHost(draft);
    if (Object.keys(validateTargetDraft(ready)).length > 0) return;
    if (!(await send({ type: 'SET_TARGET', target: toTargetInput(ready) }))) return;
    if (draft.auth === 'password' && secret !== '') {
      if ((await request('secrets.set', { kind: 'ssh-password', value: secret }, 'Handing over the password')) === null) return;
    }
    if (draft.auth === 'key' && secret !== '') {
      if ((await request('secrets.set', { kind: 'key-passphrase', value: secret }, 'Handing over the key passphrase')) === null) return;
    }
    if (sudoSecret !== '') {
      if ((await request('secrets.set', { kind: 'sudo-password', value: sudoSecret }, 'Handing over the sudo password')) === null) return;
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
          hint={splitNote ? <span className="field__note">{splitNote}</span> : 'IP address, host name, or a Host alias from ~/.ssh/config (its HostName, Port, User, IdentityFile and ProxyJump apply). user@host:port works too; an empty port means 22 or the alias’s Port.'}
          errors={err('host')}
          className="form__grow"
          render={(p) => (
            <input
              {...p}
              className="input mono"
              value={draft.host}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              readOnly={demo}
              autoFocus={!demo && draft.host === ''}
              placeholder="10.20.0.5 or my-ciab"
              onChange={(e) => {
                setSplitNote('');
                set({ host: e.target.value });
              }}
              onBlur={() => splitHost(draft)}
            />
          )}
        />
        <Field label="Port" errors={err('port')} className="form__narrow" render={(p) => <input {...p} className="input mono" inputMode="numeric" value={draft.port} placeholder="22" readOnly={demo} onChange={(e) => set({ port: e.target.value })} />} />
      </div>
      <Field
        label="User (optional)"
        hint="The account to log in as; it needs sudo rights on the server. Leave empty to take it from ~/.ssh/config or your local user name."
        errors={err('username')}
        render={(p) => <input {...p} className="input mono input--medium" value={draft.username} autoComplete="username" autoCapitalize="off" spellCheck={false} placeholder="from ~/.ssh/config or your local user name" onChange={(e) => set({ username: e.target.value })} />}
      />
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
      <Field
        label="sudo password (optional)"
        hint="Only if sudo on the server asks this user for a password. Kept in memory only and passed to sudo on stdin, never on a command line."
        render={(p) => <input {...p} className="input input--medium" type="password" autoComplete="off" value={sudoSecret} onChange={(e) => setSudoSecret(e.target.value)} />}
      />
    </form>
  );
}
