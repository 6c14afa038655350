// SPDX-License-Identifier: Apache-2.0
// The BrowserWindow options and the CSP are the secure ones (Electron security checklist).
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, getMainWindowOptions, WINDOW_TITLE } from '../../../electron/main/window-options.js';

describe('getMainWindowOptions', () => {
  const options = getMainWindowOptions('/app/out/preload/index.cjs');
  const prefs = options.webPreferences!;

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webviewTag', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['spellcheck', false],
  ] as const)('sets webPreferences.%s to %s', (key, value) => {
    expect(prefs[key]).toBe(value);
  });

  it('enables no blink features and uses the given preload', () => {
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
  });

  it('stays hidden until the first frame, with a title, a light background and a minimum size', () => {
    expect(options.show).toBe(false);
    expect(options.title).toBe(WINDOW_TITLE);
    expect(WINDOW_TITLE).toBe('CiaB Installer');
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(options.minWidth).toBeGreaterThanOrEqual(800);
    expect(options.minHeight).toBeGreaterThanOrEqual(600);
    expect(options.width!).toBeGreaterThanOrEqual(options.minWidth!);
    expect(options.height!).toBeGreaterThanOrEqual(options.minHeight!);
  });

  it('returns a fresh object each time (callers cannot mutate a shared default)', () => {
    expect(getMainWindowOptions('a')).not.toBe(getMainWindowOptions('a'));
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values] as const;
    }),
  );

  it('denies by default', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
  });

  it('allows nothing unsafe and no remote origins', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|https?:|blob:|ws:|wasm-eval/);
  });

  it.each([
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ])('%s is %j', (name, values) => {
    expect(directives.get(name)).toEqual(values);
  });
});
