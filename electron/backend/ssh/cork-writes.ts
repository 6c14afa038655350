// SPDX-License-Identifier: Apache-2.0
// ssh2 writes every SSH packet (at most 32 KiB of channel data) to its socket on its own: a bulk transfer
// costs one write(2) per packet. Corking the socket for the rest of the event-loop tick turns the packets
// of one tick into one writev(2), with no added delay.
import type { Duplex } from 'node:stream';

type Corkable = Pick<Duplex, 'cork' | 'uncork' | 'write'>;

/** Makes `sock` batch the writes of each event-loop tick (no-op for streams that cannot cork). */
export function corkPerTick(sock: Corkable | undefined): void {
  if (!sock || typeof sock.cork !== 'function' || typeof sock.uncork !== 'function') return;
  const write = sock.write.bind(sock) as (...args: unknown[]) => boolean;
  let corked = false;
  sock.write = ((...args: unknown[]) => {
    if (!corked) {
      corked = true;
      sock.cork();
      process.nextTick(() => {
        corked = false;
        sock.uncork();
      });
    }
    return write(...args);
  }) as Corkable['write'];
}

/** The socket under an ssh2 client (a private field of ssh2 1.x; undefined if that ever changes). */
export function clientSocket(client: object): Corkable | undefined {
  const sock = (client as { _sock?: unknown })._sock;
  return sock && typeof sock === 'object' && 'cork' in sock ? (sock as Corkable) : undefined;
}
