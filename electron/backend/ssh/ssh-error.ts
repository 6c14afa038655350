// SPDX-License-Identifier: Apache-2.0
// SshError: one error type for every SSH failure, with a message naming host:port and a next action.

export type SshErrorKind =
  | 'refused'
  | 'timeout'
  | 'dns'
  | 'auth'
  | 'host-key-mismatch'
  | 'protocol'
  | 'command'
  /** The host key is not pinned and nobody accepted it (non-interactive use, or a reconnect). */
  | 'host-key-unknown'
  /** The connection dropped while a command ran; the command's outcome is unknown, the caller decides to retry. */
  | 'dropped'
  /** sudo wants a password and none was given, or the given one was refused. */
  | 'sudo-password'
  /** The ssh config (ProxyJump chain, ProxyCommand, Include) cannot be used as written. */
  | 'config';

/** What an SSH attempt looked like, for messages (never holds secrets). */
export interface SshAttempt {
  host: string;
  port: number;
  username: string;
  /** The method the operator chose, e.g. `key (~/.ssh/id_ed25519)`. */
  method: string;
  /** Methods the server offered after a failed attempt, when ssh2 told us. */
  offered?: string[];
  /** Values that must never appear in any text we produce (password, passphrase). */
  secrets: string[];
}

/** An SSH failure the UI can show as is: kind, where, what happened, what to do next. */
export class SshError extends Error {
  readonly kind: SshErrorKind;
  readonly host: string;
  readonly port: number;
  /** The low-level reason (library message or errno code), already scrubbed of secrets. */
  readonly detail: string;
  readonly nextAction: string;
  /** Set when the failure happened at a ProxyJump hop (its alias or host:port), not at the target. */
  readonly hop?: string;

  constructor(init: {
    kind: SshErrorKind; host: string; port: number; message: string; detail: string; nextAction: string; hop?: string;
  }) {
    super(init.message);
    this.name = 'SshError';
    this.kind = init.kind;
    this.host = init.host;
    this.port = init.port;
    this.detail = init.detail;
    this.nextAction = init.nextAction;
    if (init.hop !== undefined) this.hop = init.hop;
  }

  /** Plain object for the API contract and the journal (Error fields are not enumerable otherwise). */
  toJSON(): Record<string, unknown> {
    const { name, kind, host, port, message, detail, nextAction, hop } = this;
    return { name, kind, host, port, message, detail, nextAction, ...(hop !== undefined ? { hop } : {}) };
  }
}

/** Replace every occurrence of a secret in text, so no error path can leak it. */
export function scrubSecrets(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('[redacted]');
  return out;
}

/** Build an SshError with all texts scrubbed of the attempt's secrets. */
export function sshError(
  kind: SshErrorKind,
  a: SshAttempt,
  message: string,
  detail: string,
  nextAction: string,
): SshError {
  const s = (t: string) => scrubSecrets(t, a.secrets);
  return new SshError({ kind, host: a.host, port: a.port, message: s(message), detail: s(detail), nextAction: s(nextAction) });
}

/** The same error, said to have happened at jump host `hop` (message prefixed, `hop` set). */
export function atHop(e: SshError, hop: string): SshError {
  if (e.hop !== undefined) return e;
  return new SshError({
    kind: e.kind, host: e.host, port: e.port, detail: e.detail, nextAction: e.nextAction, hop,
    message: `Jump host ${hop}: ${e.message}`,
  });
}

/** Map a Node socket error or an ssh2 error to an SshError with a concrete next action. */
export function toSshError(err: unknown, a: SshAttempt): SshError {
  if (err instanceof SshError) return err;
  const e = (err ?? {}) as { code?: unknown; level?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const level = typeof e.level === 'string' ? e.level : undefined;
  const msg = typeof e.message === 'string' ? e.message : String(err);
  const detail = code ? `${code}: ${msg}` : msg;
  const at = `${a.host}:${a.port}`;

  switch (code) {
    case 'ECONNREFUSED':
      return sshError('refused', a, `Connection to ${at} was refused: nothing accepts SSH connections on port ${a.port}.`, detail,
        `Is sshd running on ${a.host}? Check \`systemctl status ssh\` on the server, and that port ${a.port} is the SSH port.`);
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
      return timeoutError(a, detail);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NODATA':
      return sshError('dns', a, `The name ${a.host} could not be resolved (connecting to ${at}).`, detail,
        `Check the spelling, or use the server's IP address: without internet there may be no DNS server; add it to /etc/hosts or ~/.ssh/config.`);
    case 'ECONNRESET':
    case 'EPIPE':
      return sshError('protocol', a, `${at} closed the connection before SSH could start.`, detail,
        `Check that port ${a.port} is an SSH server, and that the server does not block this laptop (fail2ban, MaxStartups, firewall).`);
  }
  if (level === 'client-timeout') return timeoutError(a, detail);
  if (level === 'client-authentication') return authError(a, detail);
  if (level === 'agent') {
    return sshError('auth', a, `The SSH agent could not be used to log in to ${at}.`, detail,
      'Check that ssh-agent is running and holds your key (`ssh-add -l`), or choose key file authentication.');
  }
  return sshError('protocol', a, `SSH with ${at} failed: ${msg}`, detail,
    `Check that ${at} runs a standard OpenSSH server; if this persists, send the install journal to support.`);
}

function timeoutError(a: SshAttempt, detail: string): SshError {
  const at = `${a.host}:${a.port}`;
  return sshError('timeout', a, `No SSH answer from ${at} in time.`, detail,
    `Check the network cable and link lights, that ${a.host} is the server's IP address (\`ip -br addr\` on its console), and that no firewall blocks port ${a.port}.`);
}

function authError(a: SshAttempt, detail: string): SshError {
  const at = `${a.host}:${a.port}`;
  const offered = a.offered?.length ? a.offered.join(', ') : undefined;
  const message = `Login as ${a.username} on ${at} was refused. Tried: ${a.method}.` +
    (offered ? ` The server offers: ${offered}.` : '');
  let next = `Check the user name and credentials for ${a.username}@${a.host}.`;
  const takesPasswords = a.offered?.includes('password') || a.offered?.includes('keyboard-interactive');
  if (a.offered && !takesPasswords && a.method.startsWith('password')) {
    next = `The server does not accept passwords. Use a key: \`ssh-copy-id -p ${a.port} ${a.username}@${a.host}\` from a machine that can log in, or add your public key to ~${a.username}/.ssh/authorized_keys on the console.`;
  } else if (a.method.startsWith('none')) {
    next = `The server wants credentials for ${a.username}${offered ? ` (it offers: ${offered})` : ''}: choose key, agent or password authentication.`;
  } else if (a.method.startsWith('key') || a.method.startsWith('agent')) {
    next = `Add your public key to ~${a.username}/.ssh/authorized_keys on the server (\`ssh-copy-id -i KEY.pub -p ${a.port} ${a.username}@${a.host}\`), or choose another key or method.`;
  }
  return sshError('auth', a, message, detail, next);
}

/** The hard-stop error for a changed host key, for callers that must not go on (probe, deploy, CLI). */
export function hostKeyMismatchError(
  target: { host: string; port: number },
  seen: { fingerprint: string; expectedFingerprint?: string },
  appFile: string,
): SshError {
  const at = `${target.host}:${target.port}`;
  const name = target.port === 22 ? target.host : `[${target.host}]:${target.port}`;
  const expected = seen.expectedFingerprint ? `, but ${seen.expectedFingerprint} was pinned` : ', and that key is revoked';
  return new SshError({
    kind: 'host-key-mismatch',
    host: target.host,
    port: target.port,
    message: `The host key of ${at} has changed: it now shows ${seen.fingerprint}${expected}. ` +
      'The server may have been reinstalled, or someone may be intercepting the connection. Nothing was sent to it.',
    detail: `presented ${seen.fingerprint}; expected ${seen.expectedFingerprint ?? 'none (revoked)'}`,
    nextAction: 'On the server console run `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` and compare. ' +
      `Only if it matches and the server was reinstalled, remove the old pin: \`ssh-keygen -R '${name}' -f ${appFile}\` (and from ~/.ssh/known_hosts), then connect again.`,
  });
}

/** The stop for a host key nobody has pinned or accepted (non-interactive use, or a reconnect after the pin vanished). */
export function hostKeyUnknownError(target: { host: string; port: number }, fingerprint: string, hop?: string): SshError {
  const at = `${target.host}:${target.port}`;
  return new SshError({
    kind: 'host-key-unknown',
    host: target.host,
    port: target.port,
    ...(hop !== undefined ? { hop } : {}),
    message: `${hop !== undefined ? `Jump host ${hop}: t` : 'T'}he host key of ${at} (${fingerprint}) is not pinned, so nothing was sent to it.`,
    detail: `presented ${fingerprint}; no matching known_hosts entry`,
    nextAction: `Connect on the Target screen and confirm the fingerprint after comparing it with \`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub\` on the server console (CLI: --accept-new).`,
  });
}
