// SPDX-License-Identifier: Apache-2.0
// What the in-process benchmark parts share: the loopback sshd they log in to, with the tests' key.
import { openSession, type SshSession } from '../electron/backend/ssh/ssh-session.js';

/** Where to connect: the test sshd, its client key, and the host key the benchmark trusts. */
export interface SshTarget {
  host: string;
  port: number;
  username: string;
  keyPath: string;
  knownHosts: string;
  fingerprint: string;
}

/** A session to the benchmark's sshd (key login, its host key accepted). */
export function benchSession(t: SshTarget): Promise<SshSession> {
  return openSession({ host: t.host, port: t.port, username: t.username, auth: 'key', keyPath: t.keyPath,
    knownHosts: { appFile: t.knownHosts }, acceptFingerprint: t.fingerprint });
}
