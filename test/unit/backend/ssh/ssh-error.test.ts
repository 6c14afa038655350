// SPDX-License-Identifier: Apache-2.0
// Error mapping for errors as Node's net/dns layer and ssh2 raise them, and secret scrubbing.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { atHop, hostKeyMismatchError, hostKeyUnknownError, scrubSecrets, SshError, toSshError, type SshAttempt } from '../../../../electron/backend/ssh/ssh-error.js';
import { freePort } from '../../../helpers/sshd.js';

const attempt = (over: Partial<SshAttempt> = {}): SshAttempt => ({
  host: '10.0.0.5', port: 22, username: 'ubuntu', method: 'password', secrets: ['hunter2-canary'], ...over,
});

// A real errno error from the socket layer, not a hand-made imitation.
function socketError(port: number): Promise<Error> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.on('error', resolve);
  });
}

describe('toSshError', () => {
  it('maps a real ECONNREFUSED to refused, naming host:port and systemctl', async () => {
    const port = await freePort();
    const e = toSshError(await socketError(port), attempt({ host: '127.0.0.1', port }));
    expect(e).toBeInstanceOf(SshError);
    expect(e).toMatchObject({ kind: 'refused', host: '127.0.0.1', port });
    expect(e.message).toContain(`127.0.0.1:${port}`);
    expect(e.nextAction).toContain('systemctl status ssh');
  });

  it.each([
    [{ code: 'ETIMEDOUT', message: 'connect ETIMEDOUT' }, 'timeout', /cable/],
    [{ code: 'EHOSTUNREACH', message: 'connect EHOSTUNREACH' }, 'timeout', /firewall/],
    [{ level: 'client-timeout', message: 'Timed out while waiting for handshake' }, 'timeout', /IP address/],
    [{ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND x' }, 'dns', /\/etc\/hosts/],
    [{ code: 'EAI_AGAIN', message: 'getaddrinfo EAI_AGAIN x' }, 'dns', /IP address/],
    [{ code: 'ECONNRESET', message: 'read ECONNRESET' }, 'protocol', /SSH server/],
    [{ level: 'handshake', message: 'Handshake failed: no matching key exchange algorithm' }, 'protocol', /OpenSSH/],
  ])('maps %j to %s', (raw, kind, next) => {
    const e = toSshError(Object.assign(new Error(raw.message), raw), attempt());
    expect(e.kind).toBe(kind);
    expect(e.message).toContain('10.0.0.5');
    expect(e.nextAction).toMatch(next);
  });

  it('says which method was tried and what the server offers', () => {
    const raw = Object.assign(new Error('All configured authentication methods failed'), { level: 'client-authentication' });
    const e = toSshError(raw, attempt({ method: 'key (/k)', offered: ['publickey', 'keyboard-interactive'] }));
    expect(e.kind).toBe('auth');
    expect(e.message).toBe('Login as ubuntu on 10.0.0.5:22 was refused. Tried: key (/k). The server offers: publickey, keyboard-interactive.');
  });

  it('never carries a secret, even if a library message contained it', () => {
    const raw = new Error('weird failure near hunter2-canary');
    const e = toSshError(raw, attempt());
    const json = JSON.stringify(e);
    expect(json).not.toContain('hunter2-canary');
    expect(String(e.stack)).not.toContain('hunter2-canary');
    expect(JSON.parse(json)).toMatchObject({ name: 'SshError', kind: 'protocol', host: '10.0.0.5', port: 22 });
    expect(scrubSecrets('a-s-a', ['s', ''])).toBe('a-[redacted]-a');
  });
});

describe('hostKeyMismatchError', () => {
  it('names both fingerprints and the exact command that removes the old pin', () => {
    const e = hostKeyMismatchError({ host: '10.0.0.5', port: 2222 }, { fingerprint: 'SHA256:new', expectedFingerprint: 'SHA256:old' }, '/d/known_hosts');
    expect(e).toMatchObject({ kind: 'host-key-mismatch', host: '10.0.0.5', port: 2222 });
    expect(e.message).toContain('SHA256:new');
    expect(e.message).toContain('SHA256:old');
    expect(e.nextAction).toContain("ssh-keygen -R '[10.0.0.5]:2222' -f /d/known_hosts");
  });
});

describe('jump hosts and unknown keys', () => {
  it('says at which jump host an error happened, in the message and as `hop`', () => {
    const e = atHop(toSshError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), attempt()), 'bastion');
    expect(e).toMatchObject({ kind: 'refused', hop: 'bastion', host: '10.0.0.5' });
    expect(e.message).toMatch(/^Jump host bastion: Connection to 10\.0\.0\.5:22 was refused/);
    expect(JSON.parse(JSON.stringify(e))).toMatchObject({ hop: 'bastion' });
    // Wrapping twice keeps the innermost hop; errors of the target itself carry no hop at all.
    expect(atHop(e, 'other').message).toBe(e.message);
    expect(JSON.parse(JSON.stringify(toSshError(new Error('x'), attempt())))).not.toHaveProperty('hop');
  });

  it('stops on an unknown key with the fingerprint and how to accept it', () => {
    const e = hostKeyUnknownError({ host: '10.0.0.5', port: 22 }, 'SHA256:abc', 'bastion');
    expect(e).toMatchObject({ kind: 'host-key-unknown', hop: 'bastion' });
    expect(e.message).toContain('SHA256:abc');
    expect(e.nextAction).toContain('--accept-new');
  });

  it('does not call a keyboard-interactive server password-less', () => {
    const raw = Object.assign(new Error('All configured authentication methods failed'), { level: 'client-authentication' });
    const kbd = toSshError(raw, attempt({ method: 'password', offered: ['publickey', 'keyboard-interactive'] }));
    expect(kbd.nextAction).not.toContain('does not accept passwords');
    const keyOnly = toSshError(raw, attempt({ method: 'password', offered: ['publickey'] }));
    expect(keyOnly.nextAction).toContain('does not accept passwords');
  });
});
