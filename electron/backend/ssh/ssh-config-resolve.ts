// SPDX-License-Identifier: Apache-2.0
// Resolves a target as the operator typed it (maybe an ~/.ssh/config alias) to address, user, keys and ProxyJump chain.
import { homedir, hostname as localHostname, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import type SSHConfig from 'ssh-config';
import { LineType } from 'ssh-config';
import { loadSshConfig, valuesOf, type IncludeContext } from './ssh-config-include.js';
import { sshError, type SshError } from './ssh-error.js';

/** One machine to log in to: the target or a jump host, with the ssh config applied. */
export interface ResolvedHop {
  host: string;
  port: number;
  username: string;
  /** IdentityFile entries, `~`, `%` tokens and `${VAR}` expanded; empty when the config names none. */
  identityFiles: string[];
  /** The name the config knows this machine by, when a `Host` entry names it (or gives it a HostName). */
  alias: string | null;
}

/** The target with everything the ssh config says about reaching it. */
export interface ResolvedTarget extends ResolvedHop {
  /** Jump hosts in connection order (first is dialled directly), or null for a direct connection. */
  proxyJump: ResolvedHop[] | null;
}

/** The target as typed: values given here win over the config, as `ssh -p`/`-l`/`-i` do. */
export interface TargetSpec {
  host: string;
  port?: number;
  username?: string;
  keyPath?: string;
}

/** Where the config is and whose environment expands it. */
export interface ResolveOptions {
  /** Default `~/.ssh/config`; a missing file means "no config". */
  configFile?: string;
  /** HOME, USER and `${VAR}` values; default process.env. */
  env?: NodeJS.ProcessEnv;
}

// A chain longer than this is a mistake in the config, not a network design.
const MAX_HOPS = 10;

/** Apply ~/.ssh/config (Include, Host patterns, best-effort Match, ProxyJump chains) to a typed target. */
export async function resolveTarget(input: TargetSpec, opts: ResolveOptions = {}): Promise<ResolvedTarget> {
  const env = opts.env ?? process.env;
  const home = env.HOME || homedir();
  const configFile = opts.configFile ?? join(home, '.ssh', 'config');
  const ctx: Ctx = { env, home, configFile, cache: new Map(), localUser: env.USER || env.LOGNAME || safeUser() };
  const target = await resolveOne(input.host, { port: input.port, user: input.username }, ctx);
  if (input.keyPath) {
    // Like `ssh -i`: the typed key first, then the config's.
    const typed = expandTokens(input.keyPath, target.hop, input.host, ctx);
    target.hop.identityFiles = [typed, ...target.hop.identityFiles.filter((f) => f !== typed)];
  }
  const chain = target.jump ? await resolveChain(target.jump, [input.host.toLowerCase()], ctx) : null;
  return { ...target.hop, proxyJump: chain };
}

interface Ctx {
  env: NodeJS.ProcessEnv;
  home: string;
  configFile: string;
  cache: Map<string, string | null>;
  localUser: string;
}

interface OneResult {
  hop: ResolvedHop;
  /** The ProxyJump value of this host's config, if any. */
  jump: string | null;
}

// `a,b,c`: `a` is reached with its own config's ProxyJump (recursively); b and c are reached through
// the chain, so their own ProxyJump does not apply — as OpenSSH builds `ssh -J a -W ... b`.
async function resolveChain(value: string, seen: string[], ctx: Ctx): Promise<ResolvedHop[]> {
  const specs = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const hops: ResolvedHop[] = [];
  for (const [i, raw] of specs.entries()) {
    const spec = parseJumpSpec(raw, seen[0] ?? raw);
    const name = spec.host.toLowerCase();
    if (seen.includes(name)) throw loopError(seen, name);
    const one = await resolveOne(spec.host, { port: spec.port, user: spec.user }, ctx);
    if (i === 0 && one.jump) hops.push(...(await resolveChain(one.jump, [...seen, name], ctx)));
    hops.push(one.hop);
  }
  if (hops.length > MAX_HOPS) {
    throw configError(seen[0] ?? '', `The ProxyJump chain for ${seen[0]} has ${hops.length} hops; at most ${MAX_HOPS} are supported.`,
      hops.map((h) => `${h.host}:${h.port}`).join(' -> '));
  }
  return hops;
}

async function resolveOne(name: string, typed: { port?: number | undefined; user?: string | undefined }, ctx: Ctx): Promise<OneResult> {
  // ssh lowercases the host argument before matching Host patterns.
  const host = name.toLowerCase();
  const ictx: IncludeContext = { home: ctx.home, baseDir: dirname(ctx.configFile), host, cache: ctx.cache };
  let config: SSHConfig;
  try {
    config = await loadSshConfig(ctx.configFile, ictx);
  } catch (err) {
    throw configError(name, `The ssh config ${ctx.configFile} could not be read: ${(err as Error).message}`, String(err));
  }
  // matchExec off: resolving a target must never run commands from a config file.
  const computed = config.compute(typed.user ? { Host: host, User: typed.user } : { Host: host }, { ignoreCase: true, matchExec: false });
  const first = (key: string): string | undefined => {
    const v = computed[key];
    return Array.isArray(v) ? v[0] : v;
  };
  const hostName = (first('hostname') ?? host).replace(/%(%|h)/g, (_m, t: string) => (t === 'h' ? host : '%'));
  const port = typed.port ?? parsePort(first('port'), name);
  const username = typed.user || first('user') || ctx.localUser;
  const hop: ResolvedHop = { host: hostName, port, username, identityFiles: [], alias: isAlias(config, host, hostName) ? name : null };
  const ids = computed.identityfile;
  for (const f of Array.isArray(ids) ? ids : ids ? [ids] : []) {
    if (f.toLowerCase() === 'none') continue;
    const path = expandTokens(f, hop, name, ctx);
    if (!hop.identityFiles.includes(path)) hop.identityFiles.push(path);
  }
  const jumpValue = first('proxyjump');
  const jump = jumpValue && jumpValue.toLowerCase() !== 'none' ? jumpValue : null;
  const proxyCommand = first('proxycommand');
  if (!jump && proxyCommand && proxyCommand.toLowerCase() !== 'none') {
    throw configError(name, `The ssh config reaches ${name} through ProxyCommand, which the installer does not run.`,
      `ProxyCommand ${proxyCommand}`, `Use ProxyJump instead (e.g. \`ProxyJump user@bastion\`) for ${name}, or connect to an address this laptop reaches directly.`);
  }
  return { hop, jump };
}

// A Host line that names this host literally (no wildcards), or a HostName that changes it, makes it an alias.
function isAlias(config: SSHConfig, host: string, hostName: string): boolean {
  if (hostName !== host) return true;
  return config.some((l) => l.type === LineType.DIRECTIVE && 'config' in l && /^host$/i.test(l.param) &&
    valuesOf(l).some((p) => !/[*?!]/.test(p) && p.toLowerCase() === host));
}

/** Parse one ProxyJump element: `[user@]host[:port]`, `[user@][v6addr]:port` or `ssh://[user@]host[:port]`. */
export function parseJumpSpec(raw: string, forHost = raw): { user?: string; host: string; port?: number } {
  let s = raw.replace(/^ssh:\/\//, '');
  const at = s.lastIndexOf('@');
  const user = at > 0 ? s.slice(0, at) : undefined;
  if (at >= 0) s = s.slice(at + 1);
  let host = s;
  let portText: string | undefined;
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (v6) {
    host = v6[1] ?? '';
    portText = v6[2];
  } else if ((s.match(/:/g) ?? []).length === 1) {
    [host, portText] = s.split(':') as [string, string];
  }
  if (!host) throw configError(forHost, `The ProxyJump entry "${raw}" names no host.`, raw);
  const out: { user?: string; host: string; port?: number } = { host };
  if (user) out.user = user;
  if (portText !== undefined) out.port = parsePort(portText, forHost);
  return out;
}

function parsePort(text: string | undefined, name: string): number {
  if (text === undefined) return 22;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw configError(name, `The ssh config gives ${name} the port "${text}", which is not a port number.`, `Port ${text}`);
  return n;
}

// ssh_config(5) TOKENS for IdentityFile, `~` and `${VAR}` environment references.
function expandTokens(path: string, hop: ResolvedHop, original: string, ctx: Ctx): string {
  const local = safeHostname();
  const tokens: Record<string, string> = {
    '%': '%', d: ctx.home, h: hop.host, i: String(process.getuid?.() ?? ''), L: local.split('.')[0] ?? local, l: local,
    n: original, p: String(hop.port), r: hop.username, u: ctx.localUser,
  };
  return path
    .replace(/^~(?=\/|$)/, ctx.home)
    .replace(/%([%dhiLlnpru])/g, (_m, t: string) => tokens[t] ?? '')
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, v: string) => ctx.env[v] ?? '');
}

function loopError(seen: string[], again: string): SshError {
  const path = [...seen, again].join(' -> ');
  return configError(seen[0] ?? again, `The ssh config's ProxyJump entries form a loop: ${path}.`, path,
    'Fix ~/.ssh/config so that no jump host jumps through itself (e.g. `Host * !bastion` for a catch-all ProxyJump).');
}

function configError(host: string, message: string, detail: string, next = 'Check ~/.ssh/config (see `man ssh_config`), or type the server address instead of the alias.'): SshError {
  return sshError('config', { host, port: 22, username: '', method: 'ssh config', secrets: [] }, message, detail, next);
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'root';
  }
}

function safeHostname(): string {
  try {
    return localHostname();
  } catch {
    return 'localhost';
  }
}
