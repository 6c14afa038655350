// SPDX-License-Identifier: Apache-2.0
// Turns the operator's chosen login method into the ssh2 auth attempts, checked before we dial out.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import ssh2 from 'ssh2';
import type { AnyAuthMethod, AuthHandlerMiddleware, AuthenticationType } from 'ssh2';
import { sshError, type SshAttempt } from './ssh-error.js';

const { utils } = ssh2;

/** The login method as the operator chose it (a subset of ConnectOptions). */
export interface AuthChoice {
  username: string;
  auth: 'agent' | 'key' | 'password' | 'none';
  keyPath?: string;
  password?: string;
  passphrase?: string;
}

/** Prepared attempts plus what the server said about them, filled in while authenticating. */
export interface AuthPlan {
  /** Human description of the chosen method for messages, e.g. `key (/root/.ssh/id_ed25519)`. */
  method: string;
  attempts: AnyAuthMethod[];
  /** Methods the server listed in its last USERAUTH_FAILURE (ssh2 hands them to the auth handler). */
  offered?: string[];
}

/** Check the chosen method locally (key readable and unlocked, agent reachable) and list the attempts. */
export async function planAuth(choice: AuthChoice, attempt: SshAttempt): Promise<AuthPlan> {
  const { username } = choice;
  // ssh2 and OpenSSH both start with `none`: it costs one round trip and tells us what the server offers.
  const none: AnyAuthMethod = { type: 'none', username };
  switch (choice.auth) {
    case 'none':
      return { method: 'none (no credentials)', attempts: [none] };
    case 'password':
      if (!choice.password) {
        throw sshError('auth', attempt, `No password was given for ${username}@${attempt.host}.`, 'empty password',
          'Enter the password, or choose key or agent authentication.');
      }
      return { method: 'password', attempts: [none, { type: 'password', username, password: choice.password }] };
    case 'agent': {
      const sock = process.env.SSH_AUTH_SOCK;
      if (!sock) {
        throw sshError('auth', attempt, `No SSH agent is available to log in to ${attempt.host}:${attempt.port}.`,
          'SSH_AUTH_SOCK is not set', 'Start ssh-agent and add your key (`ssh-add`), or choose key file authentication.');
      }
      return { method: `agent (${sock})`, attempts: [none, { type: 'agent', username, agent: sock }] };
    }
    case 'key': {
      const key = await loadPrivateKey(choice, attempt);
      return { method: `key (${choice.keyPath})`, attempts: [none, { type: 'publickey', username, key }] };
    }
  }
}

/** An ssh2 authHandler that runs the plan in order and records the methods the server offers. */
export function authHandlerFor(plan: AuthPlan): AuthHandlerMiddleware {
  const queue = [...plan.attempts];
  return (methodsLeft, _partial, next) => {
    // ssh2 passes null on the first call, then the server's list after every failure.
    if (Array.isArray(methodsLeft)) plan.offered = [...methodsLeft];
    while (queue.length) {
      const m = queue.shift() as AnyAuthMethod;
      if (!plan.offered || plan.offered.includes(wireName(m.type))) return next(m);
    }
    // `false` ends authentication with ssh2's 'client-authentication' error; the typings omit it.
    (next as unknown as (v: false) => void)(false);
  };
}

// An agent login is a `publickey` request on the wire.
function wireName(type: AuthenticationType): string {
  return type === 'agent' ? 'publickey' : type;
}

async function loadPrivateKey(choice: AuthChoice, attempt: SshAttempt) {
  const path = (choice.keyPath ?? '').replace(/^~(?=\/|$)/, homedir());
  if (!path) {
    throw sshError('auth', attempt, 'No key file was chosen.', 'keyPath is empty', 'Choose a private key file, e.g. ~/.ssh/id_ed25519.');
  }
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'read error';
    throw sshError('auth', attempt, `The key file ${path} cannot be read (${code}).`, code,
      'Check the path and its permissions, or choose another key file.');
  }
  const parsed = utils.parseKey(data, choice.passphrase || undefined);
  if (parsed instanceof Error) {
    const needsPass = /passphrase/i.test(parsed.message);
    throw sshError('auth', attempt,
      needsPass
        ? `The key ${path} is protected by a passphrase that ${choice.passphrase ? 'does not unlock it' : 'was not given'}.`
        : `The key ${path} is not a private key ssh2 can read (ed25519, ecdsa or rsa in OpenSSH or PEM format).`,
      parsed.message,
      needsPass ? 'Enter the passphrase for this key.' : 'Choose the private key file (not the .pub file).');
  }
  if (!parsed.isPrivateKey()) {
    throw sshError('auth', attempt, `${path} holds a public key, not a private key.`, 'public key given',
      'Choose the private key file (the one without .pub).');
  }
  return parsed;
}
