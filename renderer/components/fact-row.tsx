// SPDX-License-Identifier: Apache-2.0
// One label/value row of a facts list (<dl className="facts">), as the review cards use it.
import type { ReactElement, ReactNode } from 'react';

/** A row of a facts list: the label as <dt>, the value as <dd>. */
export function FactRow({ label, children }: { label: string; children: ReactNode }): ReactElement {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
