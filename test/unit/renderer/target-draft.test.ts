// SPDX-License-Identifier: Apache-2.0
import { describe, expect, test } from 'vitest';
import type { AppInfo, WorkflowView } from '../../../electron/api/contract.js';
import { initialTargetDraft, targetInputOf, toTargetInput, validateTargetDraft, type TargetDraft } from '../../../renderer/lib/target-draft.js';

const info: AppInfo = { name: 'CiaB Installer', version: '0.1.0', transport: 'websocket', dataDir: '/d', demoTarget: { host: '127.0.0.1', port: 2222, username: 'ciab' } };
const base = { mode: 'install', target: null } as unknown as WorkflowView;
const draft = (p: Partial<TargetDraft>): TargetDraft => ({ host: '10.0.0.5', port: '22', username: 'ubuntu', auth: 'agent', keyPath: '', ...p });

describe('target form draft', () => {
  test('starts from what the workflow holds, else the demo server in a demo, else empty on port 22', () => {
    const target = { host: 'srv', port: 2200, username: 'op', auth: 'key' as const, keyPath: '~/.ssh/id', isDemo: false };
    expect(initialTargetDraft({ ...base, target }, info)).toEqual({ host: 'srv', port: '2200', username: 'op', auth: 'key', keyPath: '~/.ssh/id' });
    expect(initialTargetDraft({ ...base, mode: 'demo' }, info)).toEqual({ host: '127.0.0.1', port: '2222', username: 'ciab', auth: 'none', keyPath: '' });
    expect(initialTargetDraft(base, info)).toEqual({ host: '', port: '22', username: '', auth: 'agent', keyPath: '' });
  });

  test('instant checks name the field and say what to enter', () => {
    expect(validateTargetDraft(draft({}))).toEqual({});
    expect(Object.keys(validateTargetDraft(draft({ host: ' ', username: '', port: 'x' })))).toEqual(['host', 'port', 'username']);
    expect(validateTargetDraft(draft({ host: 'ubuntu@10.0.0.5' })).host).toMatch(/User/);
    expect(validateTargetDraft(draft({ host: '10.0.0.5:22' })).host).toMatch(/Port/);
    expect(validateTargetDraft(draft({ port: '70000' })).port).toMatch(/65535/);
    expect(validateTargetDraft(draft({ auth: 'key' })).keyPath).toMatch(/private key/);
  });

  test('becomes the contract input: trimmed, numeric port, key path only for key auth', () => {
    expect(toTargetInput(draft({ host: ' srv ', port: ' 2222 ', keyPath: '/k' }))).toEqual({ host: 'srv', port: 2222, username: 'ubuntu', auth: 'agent' });
    expect(toTargetInput(draft({ auth: 'key', keyPath: ' ~/.ssh/id_ed25519 ' }))).toEqual({ host: '10.0.0.5', port: 22, username: 'ubuntu', auth: 'key', keyPath: '~/.ssh/id_ed25519' });
  });

  test('the workflow target goes back without its view-only fields', () => {
    expect(targetInputOf({ host: 'h', port: 22, username: 'u', auth: 'none', isDemo: true })).toEqual({ host: 'h', port: 22, username: 'u', auth: 'none' });
  });
});
