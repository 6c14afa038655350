// SPDX-License-Identifier: Apache-2.0
// Which requirement profile the hardware is checked against (CiaB sandbox, edge, kubernetes, lab).
// Changing it sends SET_PROFILE: the backend re-evaluates the last probe; nothing runs on the server.
import { useId, type ReactElement } from 'react';
import type { HardwareView } from '../../electron/api/contract.js';
import { Spinner } from '../components/icons.js';
import { profileGist } from '../lib/checks.js';

/** Radio cards, one per profile, with its description; the checked one is the backend's profileId. One profile is just named. */
export function ProfilePicker({ hardware, busy, switching, onPick }: { hardware: HardwareView; busy: boolean; switching: boolean; onPick(profileId: string): void }): ReactElement | null {
  const hintId = useId();
  const selected = hardware.profiles.find((p) => p.id === hardware.profileId) ?? null;
  if (hardware.profiles.length === 0) return null;
  // Nothing to choose: say which profile applies, without a lone radio button.
  if (hardware.profiles.length === 1) {
    const only = hardware.profiles[0]!;
    return (
      <p className="profile-picker__only">
        <strong>Requirement profile:</strong> {only.title} — {only.description}
      </p>
    );
  }
  return (
    <fieldset className="fieldset profile-picker" aria-describedby={hintId} aria-busy={switching}>
      <legend className="field__label">
        Requirement profile {switching && <Spinner />}
      </legend>
      <p id={hintId} className="field__hint">
        What this server must offer depends on the kind of site. Switching re-evaluates the last probe; nothing runs on the server.
      </p>
      <div className="radio-cards profile-picker__cards">
        {hardware.profiles.map((p) => {
          const checked = p.id === hardware.profileId;
          return (
            <label key={p.id} className={`radio-card${checked ? ' radio-card--checked' : ''}${busy && !checked ? ' radio-card--disabled' : ''}`} title={p.description}>
              <input type="radio" name="hardware-profile" value={p.id} checked={checked} disabled={busy && !checked} onChange={() => onPick(p.id)} />
              <span className="radio-card__label">{p.title}</span>
              <span className="radio-card__hint">{profileGist(p.description)}</span>
            </label>
          );
        })}
      </div>
      {selected && selected.description.trim() !== profileGist(selected.description) && (
        <details className="check-why profile-picker__about">
          <summary>What “{selected.title}” asks for</summary>
          <p>{selected.description}</p>
        </details>
      )}
    </fieldset>
  );
}
