// SPDX-License-Identifier: Apache-2.0
import { describe, expect, test } from 'vitest';
import { algorithmLabel, chunkFingerprint, fingerprintCommand, hopAddress, hostKeyFile, removePinCommand } from '../../../renderer/lib/host-key.js';

describe('host-key helpers', () => {
  test('the console command reads the key file of the presented algorithm', () => {
    expect(hostKeyFile('ssh-ed25519')).toBe('/etc/ssh/ssh_host_ed25519_key.pub');
    expect(hostKeyFile('ecdsa-sha2-nistp256')).toBe('/etc/ssh/ssh_host_ecdsa_key.pub');
    expect(hostKeyFile('rsa-sha2-512')).toBe('/etc/ssh/ssh_host_rsa_key.pub');
    expect(hostKeyFile('ssh-rsa')).toBe('/etc/ssh/ssh_host_rsa_key.pub');
    expect(fingerprintCommand('ssh-ed25519')).toBe('ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub');
  });

  test('fingerprints split into groups of four that join back exactly', () => {
    const fp = 'SHA256:kVKjPLvg38AZajjAx9FtKJFVuGzkK6M/IgZLcgBlGDQ';
    const { prefix, groups } = chunkFingerprint(fp);
    expect(prefix).toBe('SHA256:');
    expect(groups[0]).toBe('kVKj');
    expect(groups.at(-1)).toBe('GDQ');
    expect(prefix + groups.join('')).toBe(fp);
    expect(chunkFingerprint('abcdef')).toEqual({ prefix: '', groups: ['abcd', 'ef'] });
  });

  test('algorithm names read well', () => {
    expect(algorithmLabel('ssh-ed25519')).toBe('ED25519');
    expect(algorithmLabel('ecdsa-sha2-nistp384')).toBe('ECDSA P-384');
    expect(algorithmLabel('rsa-sha2-256')).toBe('RSA');
    expect(algorithmLabel('sk-unknown')).toBe('sk-unknown');
  });

  test('removing a pin names the host as OpenSSH stores it and quotes odd paths', () => {
    expect(removePinCommand('10.0.0.5', 22, '/data/known_hosts')).toBe('ssh-keygen -R 10.0.0.5 -f /data/known_hosts');
    expect(removePinCommand('127.0.0.1', 2222, '/data/known_hosts')).toBe("ssh-keygen -R '[127.0.0.1]:2222' -f /data/known_hosts");
    expect(removePinCommand('h', 22, "/home/o'neil/Application Support/known_hosts")).toBe("ssh-keygen -R h -f '/home/o'\\''neil/Application Support/known_hosts'");
  });

  test('a ProxyJump hop as the backend names it gives the host and port to unpin', () => {
    expect(hopAddress('bastion.example')).toEqual({ host: 'bastion.example', port: 22 });
    expect(hopAddress('jump@10.0.0.1:2222')).toEqual({ host: '10.0.0.1', port: 2222 });
    expect(hopAddress('[fd00::1]:2200')).toEqual({ host: 'fd00::1', port: 2200 });
  });
});
