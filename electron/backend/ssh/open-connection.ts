// SPDX-License-Identifier: Apache-2.0
// Opens an authenticated SSH connection to the target, hop by hop through its ProxyJump chain.
import type { Duplex } from 'node:stream';
import type { Client as SshClient } from 'ssh2';
import { planAuth, planHopAuth, type AuthChoice, type AuthPlan } from './auth-plan.js';
import { dialHop, type HostKeyInfo } from './dial-hop.js';
import { knownEntriesFor } from './host-key.js';
import type { KnownHostEntry } from './known-hosts-file.js';
import { atHop, sshError, toSshError, type SshAttempt, type SshError } from './ssh-error.js';

/** A jump host on the way to the target (see ResolvedHop from ssh-config-resolve.ts). */
export interface JumpHop {
  host: string;
  port: number;
  username: string;
  identityFiles?: string[];
  alias?: string | null;
}

/** How to reach and log in to one target. */
export interface ConnectOptions extends AuthChoice {
  host: string;
  port: number;
  knownHosts: { appFile: string; userFile?: string };
  timeoutMs?: number;
  /** accept and pin this exact fingerprint if seen (at the target or at any hop) */
  acceptFingerprint?: string;
  /** Jump hosts in connection order; each one's host key is checked like the target's. */
  proxyJump?: JumpHop[] | null;
}

/** Keepalive settings for the connection's lifetime. */
export interface KeepaliveOptions {
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
}

/** An authenticated connection: the target's client plus the hop clients it runs through. */
export interface OpenConnection {
  client: SshClient;
  hostKey: HostKeyInfo;
  hops: HostKeyInfo[];
  /** Every client, first hop first; the target's is last. */
  clients: SshClient[];
  /** Close the target, then the hops. */
  end(): void;
}

/** Logged in, or stopped on an unknown or changed host key (of the target, or of the hop named in hostKey.hop). */
export type OpenOutcome =
  | { kind: 'ready'; conn: OpenConnection }
  | { kind: 'stopped'; hostKey: HostKeyInfo; hops: HostKeyInfo[] };

const DEFAULT_TIMEOUT_MS = 10_000;
// Notice a dead link (cable pulled, laptop asleep) within about a minute instead of never.
const KEEPALIVE_INTERVAL_MS = 15_000;
const KEEPALIVE_COUNT_MAX = 4;

interface Leg {
  host: string;
  port: number;
  username: string;
  label?: string;
  attempt: SshAttempt;
  plan: AuthPlan;
  entries: KnownHostEntry[];
}

/** The SshAttempt of the target, for messages about it (secrets listed for scrubbing). */
export function targetAttempt(opts: ConnectOptions): SshAttempt {
  return {
    host: opts.host,
    port: opts.port,
    username: opts.username,
    method: opts.auth,
    secrets: [opts.password ?? '', opts.passphrase ?? ''].filter((s) => s !== ''),
  };
}

/** Check everything locally (address, known_hosts, keys), then dial each hop and the target in turn. */
export async function openConnection(opts: ConnectOptions, keepalive: KeepaliveOptions = {}): Promise<OpenOutcome> {
  const legs = await prepareLegs(opts);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const clients: SshClient[] = [];
  const hops: HostKeyInfo[] = [];
  const endAll = () => [...clients].reverse().forEach((c) => c.end());
  let sock: Duplex | undefined;
  let targetKey: HostKeyInfo | undefined;
  try {
    for (const [i, leg] of legs.entries()) {
      if (i > 0) sock = await forward(clients[i - 1] as SshClient, legs[i - 1] as Leg, leg, timeoutMs);
      const outcome = await dialHop({
        host: leg.host, port: leg.port, username: leg.username, plan: leg.plan, attempt: leg.attempt, entries: leg.entries,
        appFile: opts.knownHosts.appFile, acceptFingerprint: opts.acceptFingerprint, sock, timeoutMs, hop: leg.label,
        keepaliveIntervalMs: keepalive.keepaliveIntervalMs ?? KEEPALIVE_INTERVAL_MS,
        keepaliveCountMax: keepalive.keepaliveCountMax ?? KEEPALIVE_COUNT_MAX,
      }).catch((err: unknown) => {
        const e = toSshError(err, leg.attempt);
        throw leg.label !== undefined ? atHop(e, leg.label) : e;
      });
      if (leg.label !== undefined) hops.push(outcome.hostKey);
      if (outcome.kind === 'stopped') {
        endAll();
        return { kind: 'stopped', hostKey: outcome.hostKey, hops };
      }
      clients.push(outcome.client);
      targetKey = outcome.hostKey;
    }
  } catch (err) {
    endAll();
    throw err;
  }
  const client = clients[clients.length - 1] as SshClient;
  return { kind: 'ready', conn: { client, hostKey: targetKey as HostKeyInfo, hops, clients, end: endAll } };
}

// Everything that can fail without the network fails here, before the first packet.
async function prepareLegs(opts: ConnectOptions): Promise<Leg[]> {
  const attempt = targetAttempt(opts);
  if (!validAddress(opts.host, opts.port)) {
    throw sshError('protocol', attempt, `"${opts.host}:${opts.port}" is not a valid SSH address.`, 'invalid host or port',
      'Enter the server name or IP address and a port between 1 and 65535 (usually 22).');
  }
  const legs: Leg[] = [];
  for (const hop of opts.proxyJump ?? []) {
    const label = hop.alias ?? `${hop.host}:${hop.port}`;
    const hopAttempt: SshAttempt = { host: hop.host, port: hop.port, username: hop.username, method: 'key', secrets: attempt.secrets };
    try {
      if (!validAddress(hop.host, hop.port)) {
        throw sshError('config', hopAttempt, `"${hop.host}:${hop.port}" is not a valid jump host address.`, 'invalid host or port',
          'Check the ProxyJump entry in ~/.ssh/config.');
      }
      const plan = await planHopAuth({ username: hop.username, identityFiles: hop.identityFiles ?? [] }, opts, hopAttempt);
      hopAttempt.method = plan.method;
      const entries = await readEntries(opts, hop.host, hop.port, hopAttempt);
      legs.push({ host: hop.host, port: hop.port, username: hop.username, label, attempt: hopAttempt, plan, entries });
    } catch (err) {
      throw atHop(err as SshError, label);
    }
  }
  const entries = await readEntries(opts, opts.host, opts.port, attempt);
  const plan = await planAuth(opts, attempt);
  attempt.method = plan.method;
  legs.push({ host: opts.host, port: opts.port, username: opts.username, attempt, plan, entries });
  return legs;
}

async function readEntries(opts: ConnectOptions, host: string, port: number, a: SshAttempt): Promise<KnownHostEntry[]> {
  try {
    return await knownEntriesFor(opts.knownHosts, host, port);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw sshError('protocol', a, `The known_hosts files could not be read (${code}).`, code,
      `Check the permissions of ${[opts.knownHosts.appFile, opts.knownHosts.userFile].filter(Boolean).join(' and ')}.`);
  }
}

// Ask the previous hop to open a TCP connection to the next one (a `direct-tcpip` channel, like `ssh -W`).
function forward(via: SshClient, from: Leg, to: Leg, timeoutMs: number): Promise<Duplex> {
  const label = from.label ?? `${from.host}:${from.port}`;
  const at = `${to.host}:${to.port}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(atHop(sshError('timeout', to.attempt, `No connection to ${at} through the jump host in time.`,
      `direct-tcpip to ${at} pending after ${timeoutMs} ms`, `Check that ${label} can reach ${at} (\`nc -vz ${to.host} ${to.port}\` on the jump host).`), label)), timeoutMs);
    via.forwardOut('127.0.0.1', 0, to.host, to.port, (err, stream) => {
      clearTimeout(timer);
      if (!err) return resolve(stream);
      const reason = (err as Error & { reason?: number }).reason;
      const why = err.message.replace(/^\(SSH\) Channel open failure: /, '');
      const kind = reason === 1 ? 'protocol' : /refused/i.test(why) ? 'refused' : /name|resolv/i.test(why) ? 'dns' : /timed out|unreachable/i.test(why) ? 'timeout' : 'protocol';
      const next = reason === 1
        ? `The jump host does not allow forwarding to ${at}: check AllowTcpForwarding and PermitOpen in its sshd_config.`
        : `Check that ${at} is the right address as seen from the jump host, and that sshd runs there.`;
      reject(atHop(sshError(kind, to.attempt, `The jump host could not open a connection to ${at}: ${why}.`, `reason ${reason ?? '?'}: ${err.message}`, next), label));
    });
  });
}

function validAddress(host: string, port: number): boolean {
  return !!host && Number.isInteger(port) && port >= 1 && port <= 65535;
}
