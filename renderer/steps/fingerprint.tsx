// SPDX-License-Identifier: Apache-2.0
// A host-key fingerprint shown big, in monospace, in groups of four for comparing by eye; the
// groups are spacing only, so selecting and copying gives the exact fingerprint.
import type { ReactElement } from 'react';
import { CopyButton } from '../components/copy-button.js';
import { algorithmLabel, chunkFingerprint } from '../lib/host-key.js';

/** The fingerprint box; `tone` marks an expected (pinned) or an offending key. */
export function Fingerprint({ algorithm, fingerprint, label, tone = 'neutral' }: { algorithm: string; fingerprint: string; label: string; tone?: 'neutral' | 'good' | 'bad' }): ReactElement {
  const { prefix, groups } = chunkFingerprint(fingerprint);
  return (
    <figure className={`fingerprint fingerprint--${tone}`}>
      <figcaption className="fingerprint__caption">
        <span>{label}</span>
        <span className="fingerprint__algo">{algorithmLabel(algorithm)} key</span>
      </figcaption>
      <p className="fingerprint__value mono" aria-label={`${label}: ${fingerprint}`}>
        <span className="fingerprint__prefix">{prefix}</span>
        {groups.map((g, i) => (
          <span key={i} className="fingerprint__group">
            {g}
          </span>
        ))}
      </p>
      <CopyButton text={fingerprint} label={label} />
    </figure>
  );
}
