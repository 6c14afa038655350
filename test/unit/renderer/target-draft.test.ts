// SPDX-License-Identifier: Apache-2.0
import { describe, expect, test } from 'vitest';
import type { AppInfo, WorkflowView } from '../../../electron/api/contract.js';
import { applyHostSplit, initialTargetDraft, splitHostInput, targetInputOf, toTargetInput, validateTargetDraft, type TargetDraft } from '../../../renderer/lib/target-draft.js';

const info: AppInfo = { name: 'CiaB Installer', version: '0.1.0', transport: 'websocket', dataDir: '/d', demoTarget: { host: '127.0.0.1', port: 2222, username: 'ciab' } };
const base = { mode: 'install', target: null } as unknown as WorkflowView;
const draft = (p: Partial<TargetDraft>): TargetDraft => ({ host: '10.0.0.5', port: '22', username: 'ubuntu', auth: 'agent', keyPath: '', ...p });

describe('target form draft', () => {
  test('starts from what the workflow holds, else the demo server in a demo, else empty (the port too)', () => {
    const target = { host: 'srv', port: 2200, username: 'op', auth: 'key' as const, keyPath: '~/.ssh/id', isDemo: false };
    expect(initialTargetDraft({ ...base, target }, info)).toEqual({ host: 'srv', port: '2200', username: 'op', auth: 'key', keyPath: '~/.ssh/id' });
    expect(initialTargetDraft({ ...base, mode: 'demo' }, info)).toEqual({ host: '127.0.0.1', port: '2222', username: 'ciab', auth: 'none', keyPath: '' });
    expect(initialTargetDraft(base, info)).toEqual({ host: '', port: '', username: '', auth: 'agent', keyPath: '' });
  });

  test('instant checks name the field and say what to enter; the user may stay empty', () => {
    expect(validateTargetDraft(draft({}))).toEqual({});
    expect(validateTargetDraft(draft({ username: '' }))).toEqual({});
    expect(validateTargetDraft(draft({ host: 'fra1-ciab', username: '' }))).toEqual({});
    expect(validateTargetDraft(draft({ host: 'fd00::5' }))).toEqual({});
    expect(validateTargetDraft(draft({ port: ' ' }))).toEqual({});
    expect(Object.keys(validateTargetDraft(draft({ host: ' ', username: 'Bad User', port: 'x' })))).toEqual(['host', 'port', 'username']);
    expect(validateTargetDraft(draft({ host: 'ubuntu@10.0.0.5' })).host).toMatch(/User/);
    expect(validateTargetDraft(draft({ host: '10.0.0.5:22' })).host).toMatch(/Port/);
    expect(validateTargetDraft(draft({ port: '70000' })).port).toMatch(/65535/);
    expect(validateTargetDraft(draft({ auth: 'key' })).keyPath).toMatch(/private key/);
  });

  test('becomes the contract input: trimmed, numeric port, no user or port when empty, key path only for key auth', () => {
    expect(toTargetInput(draft({ host: ' srv ', port: ' 2222 ', keyPath: '/k' }))).toEqual({ host: 'srv', port: 2222, username: 'ubuntu', auth: 'agent' });
    expect(toTargetInput(draft({ auth: 'key', keyPath: ' ~/.ssh/id_ed25519 ' }))).toEqual({ host: '10.0.0.5', port: 22, username: 'ubuntu', auth: 'key', keyPath: '~/.ssh/id_ed25519' });
    expect(toTargetInput(draft({ host: 'fra1-ciab', username: '  ', port: '' }))).toEqual({ host: 'fra1-ciab', auth: 'agent' });
  });

  test('the workflow target goes back without its view-only fields (and without an empty user)', () => {
    expect(targetInputOf({ host: 'h', port: 22, username: 'u', auth: 'none', isDemo: true })).toEqual({ host: 'h', port: 22, username: 'u', auth: 'none' });
    expect(targetInputOf({ host: 'alias', port: 22, username: '', auth: 'agent', isDemo: false })).toEqual({ host: 'alias', port: 22, auth: 'agent' });
  });
});

describe('what OpenSSH users type as the address', () => {
  test('user@host, host:port, [v6]:port and ssh:// URLs are split; aliases and bare IPv6 stay', () => {
    expect(splitHostInput('ubuntu@10.0.0.5')).toEqual({ host: '10.0.0.5', username: 'ubuntu' });
    expect(splitHostInput('10.0.0.5:2222')).toEqual({ host: '10.0.0.5', port: '2222' });
    expect(splitHostInput(' ops@srv.example:2200 ')).toEqual({ host: 'srv.example', username: 'ops', port: '2200' });
    expect(splitHostInput('root@[fd00::5]:2200')).toEqual({ host: 'fd00::5', username: 'root', port: '2200' });
    expect(splitHostInput('[fd00::5]')).toEqual({ host: 'fd00::5' });
    expect(splitHostInput('ssh://ops@srv:2222/')).toEqual({ host: 'srv', username: 'ops', port: '2222' });
    expect(splitHostInput('fd00::5')).toEqual({ host: 'fd00::5' });
    expect(splitHostInput('fra1-ciab')).toEqual({ host: 'fra1-ciab' });
    expect(splitHostInput('srv:ssh')).toEqual({ host: 'srv:ssh' });
  });

  test('the draft takes the parts and says what moved; nothing to split gives null', () => {
    expect(applyHostSplit(draft({ host: 'ops@10.0.0.7:2222', username: 'ubuntu' }))).toEqual({ draft: draft({ host: '10.0.0.7', username: 'ops', port: '2222' }), moved: 'Moved “ops” to User and 2222 to Port.' });
    expect(applyHostSplit(draft({ host: '10.0.0.7:2200' }))?.moved).toBe('Moved 2200 to Port.');
    expect(applyHostSplit(draft({ host: 'fra1-ciab' }))).toBeNull();
    expect(applyHostSplit(draft({ host: ' fra1-ciab ' }))).toEqual({ draft: draft({ host: 'fra1-ciab' }), moved: '' });
  });
});

describe('an alias stays an alias', () => {
  test('prefills and re-sends what the operator typed, not the resolved address', () => {
    const target = { host: '10.20.0.5', port: 2222, username: 'ops', auth: 'agent' as const, isDemo: false, typed: { host: 'edge-7', auth: 'agent' as const } };
    expect(targetInputOf(target)).toEqual({ host: 'edge-7', auth: 'agent' });
    const view = { target, mode: 'install' } as unknown as WorkflowView;
    expect(initialTargetDraft(view, null)).toMatchObject({ host: 'edge-7', port: '', username: '' });
  });
});
