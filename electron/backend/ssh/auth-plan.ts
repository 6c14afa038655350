// SPDX-License-Identifier: Apache-2.0
// Turns the operator's chosen login method into the ssh2 auth attempts, checked before we dial out.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { AnyAuthMethod, AuthHandlerMiddleware, AuthenticationType, ParsedKey } from 'ssh2';
import { sshError, type SshAttempt, type SshError } from './ssh-error.js';

const { utils } = ssh2;

/** The login method as the operator chose it (a subset of ConnectOptions). */
export interface AuthChoice {
  username: string;
  auth: 'agent' | 'key' | 'password' | 'none';
  keyPath?: string;
  /** IdentityFile entries from ssh config (expanded); used for key auth when no keyPath was typed. */
  identityFiles?: string[];
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
  /** Keyboard-interactive prompt texts the server sent (never the answers), for error messages. */
  prompts?: string[];
}

/** Check the chosen method locally (key readable and unlocked, agent reachable) and list the attempts. */
export async function planAuth(choice: AuthChoice, attempt: SshAttempt): Promise<AuthPlan> {
  const { username } = choice;
  // ssh2 and OpenSSH both start with `none`: it costs one round trip and tells us what the server offers.
  const none: AnyAuthMethod = { type: 'none', username };
  switch (choice.auth) {
    case 'none':
      return { method: 'none (no credentials)', attempts: [none] };
    case 'password': {
      if (!choice.password) {
        throw sshError('auth', attempt, `No password was given for ${username}@${attempt.host}.`, 'empty password',
          'Enter the password, or choose key or agent authentication.');
      }
      const plan: AuthPlan = { method: 'password', attempts: [] };
      // Servers with UsePAM often offer only keyboard-interactive; the same password answers its prompt.
      plan.attempts = [none, { type: 'password', username, password: choice.password }, keyboardInteractive(username, choice.password, plan)];
      return plan;
    }
    case 'agent': {
      const sock = process.env.SSH_AUTH_SOCK;
      if (!sock) {
        throw sshError('auth', attempt, `No SSH agent is available to log in to ${attempt.host}:${attempt.port}.`,
          'SSH_AUTH_SOCK is not set', 'Start ssh-agent and add your key (`ssh-add`), or choose key file authentication.');
      }
      return { method: `agent (${sock})`, attempts: [none, { type: 'agent', username, agent: sock }] };
    }
    case 'key': {
      if (choice.keyPath) {
        const key = await loadPrivateKey(choice.keyPath, choice.passphrase, attempt);
        return { method: `key (${choice.keyPath})`, attempts: [none, { type: 'publickey', username, key }] };
      }
      const files = choice.identityFiles?.length ? choice.identityFiles : defaultIdentityFiles();
      const keys = await loadCandidateKeys(files, choice.passphrase, attempt);
      if (!keys.length) {
        throw sshError('auth', attempt, 'No key file was chosen, and none was found in ~/.ssh or the ssh config.', 'keyPath is empty',
          'Choose a private key file, e.g. ~/.ssh/id_ed25519.');
      }
      return {
        method: `key (${keys.map((k) => k.path).join(', ')})`,
        attempts: [none, ...keys.map((k): AnyAuthMethod => ({ type: 'publickey', username, key: k.key }))],
      };
    }
  }
}

/**
 * Attempts for a ProxyJump hop: its own IdentityFiles (or the default keys), the operator's key file,
 * and the agent. A password is never sent to a jump host: it belongs to the target.
 */
export async function planHopAuth(
  hop: { username: string; identityFiles: string[] },
  choice: AuthChoice,
  attempt: SshAttempt,
): Promise<AuthPlan> {
  const username = hop.username;
  const files = hop.identityFiles.length ? [...hop.identityFiles] : defaultIdentityFiles();
  if (choice.auth === 'key' && choice.keyPath && !files.includes(choice.keyPath)) files.push(choice.keyPath);
  const keys = await loadCandidateKeys(files, choice.passphrase, attempt);
  const attempts: AnyAuthMethod[] = [{ type: 'none', username }, ...keys.map((k): AnyAuthMethod => ({ type: 'publickey', username, key: k.key }))];
  const parts = keys.length ? [`key (${keys.map((k) => k.path).join(', ')})`] : [];
  const sock = process.env.SSH_AUTH_SOCK;
  if (sock) {
    attempts.push({ type: 'agent', username, agent: sock });
    parts.push(`agent (${sock})`);
  }
  if (!parts.length) {
    throw sshError('auth', attempt, `No key or SSH agent is available to log in to the jump host ${attempt.host}:${attempt.port}.`,
      `tried: ${files.join(', ') || 'no identity files'}`,
      'Jump hosts are logged in to by key or agent only: add an IdentityFile for it in ~/.ssh/config, or start ssh-agent and `ssh-add` your key.');
  }
  return { method: parts.join(' + '), attempts };
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

// The keys OpenSSH tries when nothing is configured, in its order (ssh_config(5) IdentityFile).
function defaultIdentityFiles(): string[] {
  const dir = join(homedir(), '.ssh');
  return ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((n) => join(dir, n));
}

// Config and default identity files are optional, as in OpenSSH: missing ones are skipped.
// A locked key without a passphrase is skipped too, unless nothing else is left to try.
async function loadCandidateKeys(files: string[], passphrase: string | undefined, attempt: SshAttempt) {
  const keys: { path: string; key: ParsedKey }[] = [];
  let firstLocked: SshError | undefined;
  for (const path of files) {
    try {
      keys.push({ path, key: await loadPrivateKey(path, passphrase, attempt) });
    } catch (err) {
      const e = err as SshError;
      if (/passphrase/.test(e.message)) firstLocked ??= e;
    }
  }
  if (!keys.length && firstLocked) throw firstLocked;
  return keys;
}

// Answers the server's prompts with the password: PAM asks "Password:" once, with echo off.
function keyboardInteractive(username: string, password: string, plan: AuthPlan): AnyAuthMethod {
  let rounds = 0;
  return {
    type: 'keyboard-interactive',
    username,
    prompt: (_name, _instructions, _lang, prompts, finish) => {
      if (prompts.length === 0) return finish([]);
      plan.prompts = [...(plan.prompts ?? []), ...prompts.map((p) => p.prompt.trim())];
      rounds += 1;
      // A second round is a one-time code or a password change we cannot answer: never resend the password there.
      if (rounds > 1) return finish(prompts.map(() => ''));
      finish(prompts.map((p) => (p.echo ? '' : password)));
    },
  };
}

async function loadPrivateKey(rawPath: string, passphrase: string | undefined, attempt: SshAttempt): Promise<ParsedKey> {
  const path = rawPath.replace(/^~(?=\/|$)/, homedir());
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'read error';
    throw sshError('auth', attempt, `The key file ${path} cannot be read (${code}).`, code,
      'Check the path and its permissions, or choose another key file.');
  }
  const parsed = utils.parseKey(data, passphrase || undefined);
  if (parsed instanceof Error) {
    const needsPass = /passphrase/i.test(parsed.message);
    throw sshError('auth', attempt,
      needsPass
        ? `The key ${path} is protected by a passphrase that ${passphrase ? 'does not unlock it' : 'was not given'}.`
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
