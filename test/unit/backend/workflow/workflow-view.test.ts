// SPDX-License-Identifier: Apache-2.0
// The view's blocked reasons read as sentences an operator can act on.
import { describe, expect, it } from 'vitest';
import { nextBlockedReason, statePath } from '../../../../electron/backend/workflow/workflow-view.js';
import { initialContext } from '../../../../electron/backend/workflow/installer-types.js';
import { validateSite } from '../../../../electron/backend/site/validate-site.js';
import { CHECKS_FAIL } from './installer-model.js';
import { minimalSite } from '../../../helpers/site-fixtures.js';

const withSite = (config: Record<string, unknown>) => ({ ...initialContext(), site: { config, ...validateSite(config) } });

describe('workflow view', () => {
  it('names site fields by their label, not their JSON pointer', () => {
    expect(nextBlockedReason('site', withSite({ ...minimalSite('x1'), name: 'Bad Name' }))).toBe(
      'Fix the site configuration: Site name must use lower-case letters, digits and dashes, start with a letter and end with a letter or digit',
    );
    const { name: _name, ...noName } = minimalSite('x1');
    expect(nextBlockedReason('site', withSite(noName))).toBe('Fix the site configuration: Site name is required');
    expect(nextBlockedReason('site', withSite({ ...minimalSite('x1'), networks: { internal: { vip: '10.0.0.1' } } }))).toBe(
      'Fix the site configuration: Virtual IP: 10.0.0.1 is outside 192.168.16.0/20 (the internal network)',
    );
    expect(nextBlockedReason('site', withSite({ name: 'x1' }))).toBe('Fix the site configuration: CiaB type is required (and 3 more)');
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
