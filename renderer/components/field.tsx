// SPDX-License-Identifier: Apache-2.0
// A labelled form field with its hint and its errors right under it, wired with aria-describedby
// and aria-invalid so assistive tech reads them with the input.
import { useId, type ReactElement, type ReactNode } from 'react';
import { Icon } from './icons.js';

/** Label, control, hint and errors; `render` receives the ids the control must carry. */
export function Field({
  label,
  hint,
  errors = [],
  className,
  render,
}: {
  label: ReactNode;
  hint?: ReactNode;
  errors?: readonly string[];
  className?: string;
  render(p: { id: string; 'aria-describedby': string | undefined; 'aria-invalid': boolean | undefined }): ReactNode;
}): ReactElement {
  const id = useId();
  const hintId = `${id}-hint`;
  const errId = `${id}-err`;
  const described = [hint ? hintId : null, errors.length > 0 ? errId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${errors.length > 0 ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {render({ id, 'aria-describedby': described, 'aria-invalid': errors.length > 0 ? true : undefined })}
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {errors.length > 0 && (
        <ul id={errId} className="field__errors">
          {errors.map((m) => (
            <li key={m}>
              <Icon name="fail" />
              <span>{m}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
