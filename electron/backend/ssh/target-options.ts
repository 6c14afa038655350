// SPDX-License-Identifier: Apache-2.0
// From a target as the operator typed it (TargetInput) to ConnectOptions, with ~/.ssh/config applied.
import type { ConnectOptions } from './open-connection.js';
import { resolveTarget, type ResolveOptions, type ResolvedTarget } from './ssh-config-resolve.js';

/** TargetInput of the API contract: host may be an alias; port and username may be left to the config. */
export interface TypedTarget {
  host: string;
  port?: number;
  username?: string;
  auth: ConnectOptions['auth'];
  keyPath?: string;
}

/** Everything else ConnectOptions needs (credentials, known_hosts, timeouts), not touched by the config. */
export type ConnectExtras = Omit<ConnectOptions, 'host' | 'port' | 'username' | 'auth' | 'keyPath' | 'identityFiles' | 'proxyJump'>;

/** Resolve the typed target through the ssh config and build the options for connectTarget/openSession. */
export async function targetConnectOptions(
  target: TypedTarget,
  extras: ConnectExtras,
  resolve: ResolveOptions = {},
): Promise<{ options: ConnectOptions; resolved: ResolvedTarget }> {
  const resolved = await resolveTarget(target, resolve);
  const options: ConnectOptions = {
    ...extras,
    host: resolved.host,
    port: resolved.port,
    username: resolved.username,
    auth: target.auth,
    // A typed key stays strict (an unreadable file is an error); config keys are tried in order, missing ones skipped.
    ...(target.keyPath ? { keyPath: target.keyPath } : { identityFiles: resolved.identityFiles }),
    proxyJump: resolved.proxyJump,
  };
  return { options, resolved };
}
