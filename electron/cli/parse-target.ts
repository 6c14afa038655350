// SPDX-License-Identifier: Apache-2.0
// Parses a target as typed on the command line: `user@host:port`, `host`, `[v6addr]:port`, or an
// alias from ~/.ssh/config (which then supplies HostName, Port, User, IdentityFile, ProxyJump).

export interface ParsedTarget {
  host: string;
  port?: number;
  username?: string;
}

/** Splits `user@host:port`; throws an Error naming the part that is wrong. */
export function parseTarget(text: string): ParsedTarget {
  const t = text.trim();
  if (!t) throw new Error('the target is empty; give user@host[:port] or an ~/.ssh/config alias');
  const at = t.lastIndexOf('@');
  const username = at >= 0 ? t.slice(0, at) : undefined;
  let rest = at >= 0 ? t.slice(at + 1) : t;
  if (username !== undefined && !/^[a-z_][a-z0-9_.-]*\$?$/i.test(username)) throw new Error(`"${username}" is not a valid user name`);
  let port: number | undefined;
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (v6) {
    rest = v6[1]!;
    if (v6[2]) port = Number(v6[2]);
  } else if ((rest.match(/:/g) ?? []).length === 1) {
    const [h, p] = rest.split(':');
    if (!/^\d+$/.test(p ?? '')) throw new Error(`"${p}" is not a port number`);
    rest = h!;
    port = Number(p);
  }
  if (port !== undefined && (port < 1 || port > 65535)) throw new Error(`port ${port} is out of range (1-65535)`);
  if (!rest || /[\s/@]/.test(rest)) throw new Error(`"${rest}" is not a host name, address or alias`);
  return { host: rest, ...(port !== undefined ? { port } : {}), ...(username ? { username } : {}) };
}
