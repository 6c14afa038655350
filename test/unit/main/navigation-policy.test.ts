// SPDX-License-Identifier: Apache-2.0
// Navigation stays on app://renderer; only https links leave the app, for the system browser.
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from '../../../electron/main/app-origin.js';
import { externalLinkTarget, isAllowedNavigation } from '../../../electron/main/navigation-policy.js';

describe('isAllowedNavigation', () => {
  it.each([APP_ENTRY_URL, 'app://renderer/', 'app://renderer/index.html#/hardware', 'app://RENDERER/index.html?x=1'])('allows %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(true);
  });

  it.each([
    'https://example.invalid/',
    'http://127.0.0.1:5173/',
    'file:///etc/passwd',
    'app://evil/index.html',
    'app://renderer.evil.example/',
    'app://user:pw@renderer/index.html',
    'app://renderer:8080/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it('isAppUrl agrees with the entry URL', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
  });
});

describe('externalLinkTarget', () => {
  it('passes https links through, normalised', () => {
    expect(externalLinkTarget('https://docs.scs.community/docs/')).toBe('https://docs.scs.community/docs/');
    expect(externalLinkTarget('HTTPS://Example.ORG')).toBe('https://example.org/');
  });

  it.each([
    'http://example.org/',
    'file:///etc/passwd',
    'smb://attacker/share',
    'ms-msdt:/id PCWDiagnostic',
    'javascript:alert(1)',
    'app://renderer/index.html',
    'https://user:secret@example.org/',
    'mailto:someone@example.org',
    'garbage',
  ])('drops %s', (url) => {
    expect(externalLinkTarget(url)).toBeNull();
  });
});
