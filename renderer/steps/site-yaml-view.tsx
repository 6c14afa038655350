// SPDX-License-Identifier: Apache-2.0
// The site as YAML text beside the form: line numbers with the lines that have problems marked,
// a syntax error with its line (the text is kept; the form keeps the last version that parsed),
// and every validation error with the line of its field, each a button that selects that line.
import { useRef, type ReactElement } from 'react';
import { Icon } from '../components/icons.js';
import { sentence } from '../lib/field-errors.js';
import { revealInScreen } from '../lib/scroll-within.js';
import { clause, fieldPath } from '../lib/site-schema.js';
import { lineRange, type YamlProblem } from '../lib/site-yaml.js';

/** A validation error with the line of its field in the text. */
export interface LinedError {
  field: string;
  message: string;
  line: number | null;
}

/** The YAML editor. */
export function SiteYamlView({
  text,
  problem,
  errors,
  onChange,
  onBlur,
  onUndo,
  refused = false,
}: {
  text: string;
  problem: YamlProblem | null;
  /** The operator tried to go back to the form while the text does not parse. */
  refused?: boolean;
  errors: readonly LinedError[];
  onChange(text: string): void;
  onBlur(): void;
  onUndo(): void;
}): ReactElement {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const lines = text.split('\n');
  const marked = new Set<number>([...errors.map((e) => e.line ?? 0), problem?.line ?? 0].filter((n) => n > 0));

  const goto = (line: number): void => {
    const el = area.current;
    if (!el) return;
    const [start, end] = lineRange(text, line);
    el.focus({ preventScroll: true });
    el.setSelectionRange(start, end);
    revealInScreen(gutter.current?.children[line - 1] ?? null);
  };

  return (
    <div className="site-yaml">
      {problem && (
        <div className="site-yaml__problem" role="alert">
          <Icon name="fail" />
          <div>
            <p>
              <strong>{problem.line ? <button type="button" className="link-button" onClick={() => goto(problem.line!)}>{`Line ${problem.line}`}</button> : 'The text'}: this is not valid YAML.</strong> {sentence(problem.message)}
            </p>
            <p>{refused ? 'Fix it, or undo the YAML changes, before going back to the form, so nothing you typed is lost.' : 'The form keeps the last version that could be read until this is fixed.'}</p>
          </div>
          <button type="button" className="btn btn--secondary btn--small" onClick={onUndo}>
            Undo the YAML changes
          </button>
        </div>
      )}
      {!problem && errors.length > 0 && (
        <ul className="site-yaml__errors" aria-label="Problems in the site configuration">
          {errors.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              <Icon name="fail" />
              {e.line ? (
                <button type="button" className="link-button mono" onClick={() => goto(e.line!)}>
                  Line {e.line}
                </button>
              ) : (
                <span className="mono">{e.field}</span>
              )}
              <span>
                <strong>{fieldPath(e.field)}</strong>: {clause(e.message)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="site-yaml__editor">
        <div className="site-yaml__gutter" ref={gutter} aria-hidden="true">
          {lines.map((_, i) => (
            <span key={i} className={marked.has(i + 1) ? 'site-yaml__ln site-yaml__ln--bad' : 'site-yaml__ln'}>
              {i + 1}
            </span>
          ))}
        </div>
        <textarea
          ref={area}
          className="site-yaml__text mono"
          aria-label="Site configuration as YAML"
          aria-invalid={problem ? true : undefined}
          value={text}
          rows={Math.max(14, lines.length + 1)}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          onChange={(e) => onChange(e.target.value)}
          onBlur={onBlur}
        />
      </div>
      <p className="field__hint">Edits here update the form as you type; comments are kept. Fields left out take their defaults.</p>
    </div>
  );
}
