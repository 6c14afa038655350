// SPDX-License-Identifier: Apache-2.0
// The view's blocked reasons read as sentences an operator can act on.
import { describe, expect, it } from 'vitest';
import { nextBlockedReason, statePath } from '../../../../electron/backend/workflow/workflow-view.js';
import { initialContext } from '../../../../electron/backend/workflow/installer-types.js';
import { validateSite } from '../../../../electron/backend/site/validate-site.js';
import { CHECKS_FAIL } from './installer-model.js';

const withSite = (config: Record<string, unknown>) => ({ ...initialContext(), site: { config, ...validateSite(config) } });

describe('workflow view', () => {
  it('names site fields by their label, not their JSON pointer', () => {
    expect(nextBlockedReason('site', withSite({ name: 'Bad Name', type: 'sandbox' }))).toBe(
      'Fix the site configuration: Site name: Use lower-case letters, digits and dashes; start with a letter, end with a letter or digit.',
    );
    expect(nextBlockedReason('site', withSite({ type: 'sandbox' }))).toBe('Fix the site configuration: Site name is required');
    expect(nextBlockedReason('site', withSite({ name: 'x' }))).toBe('Fix the site configuration: CiaB type is required (and 2 more)');
  });

  it('lists the failed checks that block the hardware step', () => {
    const ctx = { ...initialContext(), checks: CHECKS_FAIL };
    expect(nextBlockedReason('hardware.ready', ctx)).toBe('1 check failed (os.release): fix and probe again, or waive with a reason.'.replace('os.release', ctx.checks[0]!.title));
    expect(nextBlockedReason('hardware.ready', { ...ctx, waivers: { 'os.release': 'accepted by the owner' } })).toBeUndefined();
  });

  it('turns nested state values into dotted paths', () => {
    expect(statePath({ target: 'confirmHostKey' })).toBe('target.confirmHostKey');
    expect(statePath('site')).toBe('site');
  });
});
