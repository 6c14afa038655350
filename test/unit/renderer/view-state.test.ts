// SPDX-License-Identifier: Apache-2.0
import { describe, expect, test } from 'vitest';
import type { StepView } from '../../../electron/api/contract.js';
import { isDemo, isIn, stepEyebrow, stepTitle, substate } from '../../../renderer/lib/view-state.js';

const steps: StepView[] = ['target', 'hardware', 'site', 'bundle', 'review', 'deploy', 'done'].map((id) => ({ id, title: id.toUpperCase(), status: 'todo' }) as StepView);

describe('reading the workflow view', () => {
  test('sub-states come from the dotted state path', () => {
    expect(substate({ state: 'target.confirmHostKey' })).toBe('confirmHostKey');
    expect(substate({ state: 'site' })).toBe('');
    expect(isIn({ state: 'hardware.ready', step: 'hardware' }, 'hardware')).toBe(true);
    expect(isIn({ state: 'hardware.ready', step: 'hardware' }, 'hardware', 'probing', 'ready')).toBe(true);
    expect(isIn({ state: 'hardware.ready', step: 'hardware' }, 'target')).toBe(false);
  });

  test('a demo is a demo by mode or by its target', () => {
    expect(isDemo({ mode: 'demo', target: null })).toBe(true);
    expect(isDemo({ mode: 'install', target: { host: 'h', port: 1, username: 'u', auth: 'none', isDemo: true } })).toBe(true);
    expect(isDemo({ mode: 'install', target: null })).toBe(false);
    expect(isDemo({ mode: null, target: null })).toBe(false);
  });

  test('titles come from the view, with fallbacks for places outside the rail', () => {
    expect(stepTitle({ steps }, 'site')).toBe('SITE');
    expect(stepTitle({ steps }, 'replay')).toBe('Replay');
  });

  test('the eyebrow counts wizard steps only', () => {
    expect(stepEyebrow({ steps }, 'hardware')).toBe('Step 2 of 7 · HARDWARE');
    expect(stepEyebrow({ steps }, 'welcome')).toBeNull();
  });
});
