// SPDX-License-Identifier: Apache-2.0
// The box at the top of the site form that lists every problem as a link to its field (opening a
// collapsed section first). Before the operator has typed anything it reads as a calm to-do list
// of what is still missing instead of a wall of red.
import type { ReactElement } from 'react';
import { Icon } from '../components/icons.js';
import type { FieldError } from '../lib/field-errors.js';
import { clause } from '../lib/site-schema.js';

/** The error summary; `labelOf` names a field where it is shown, `onFocus` brings it into view and focuses it. */
export function SiteErrorSummary({ errors, touched, labelOf, onFocus }: { errors: readonly FieldError[]; touched: boolean; labelOf(field: string): string; onFocus(field: string): void }): ReactElement | null {
  if (errors.length === 0) return null;
  if (!touched) {
    return (
      <section className="site-summary site-summary--todo" aria-label="Still to fill in">
        <p className="site-summary__title">
          <Icon name="info" /> Still to fill in before Next:
        </p>
        <ul className="site-summary__todo">
          {errors.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              <button type="button" className="link-button" onClick={() => onFocus(e.field)}>
                {labelOf(e.field)}
              </button>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return (
    <section className="site-summary site-summary--errors" aria-labelledby="site-summary-title">
      <p className="site-summary__title" id="site-summary-title">
        <Icon name="fail" /> {errors.length === 1 ? '1 problem' : `${errors.length} problems`} to fix before Next:
      </p>
      <ul className="site-summary__list">
        {errors.map((e) => (
          <li key={`${e.field}:${e.message}`}>
            <button type="button" className="link-button" onClick={() => onFocus(e.field)}>
              {labelOf(e.field)}
            </button>
            : {clause(e.message)}
          </li>
        ))}
      </ul>
    </section>
  );
}
