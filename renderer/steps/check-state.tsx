// SPDX-License-Identifier: Apache-2.0
// A check result state as icon plus word — never colour alone.
import type { ReactElement } from 'react';
import type { CheckState } from '../../electron/api/contract.js';
import { Icon, type IconName } from '../components/icons.js';
import { CHECK_STATE_WORD } from '../lib/checks.js';

const ICON: Record<CheckState, IconName> = { pass: 'check', warn: 'warn', fail: 'fail', error: 'error', waived: 'waived' };

/** The state badge used in the check table and the review summary; `children` replaces the word. */
export function CheckStateBadge({ state, children }: { state: CheckState; children?: string }): ReactElement {
  return (
    <span className={`state state--${state}`}>
      <Icon name={ICON[state]} />
      {children ?? CHECK_STATE_WORD[state]}
    </span>
  );
}
