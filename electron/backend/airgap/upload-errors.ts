// SPDX-License-Identifier: Apache-2.0
// Errors of the bundle upload: which file, which server path, the tail of any remote output and what
// to do next — plus byte counts in human units for those messages.

/** Why an upload stopped: `space` before a byte was sent, `remote` a server command or SFTP request failed, `dropped` too many connection drops, `verify` the server's copy does not match the manifest, `cancelled` by the operator. */
export type UploadErrorKind = 'space' | 'remote' | 'dropped' | 'verify' | 'cancelled' | 'local';

/** One upload failure, shown as is by the CLI and the workflow's error view. */
export class UploadError extends Error {
  readonly kind: UploadErrorKind;
  /** The server as user@host:port. */
  readonly server: string;
  /** Manifest path of the file concerned, when one is. */
  readonly file: string | undefined;
  /** Absolute path on the server (the file, or the upload directory). */
  readonly remotePath: string;
  /** Last lines of remote output or the low-level reason. */
  readonly detail: string;
  readonly nextAction: string;

  constructor(init: { kind: UploadErrorKind; server: string; file?: string; remotePath: string; message: string; detail?: string; nextAction: string }) {
    super(init.message);
    this.name = 'UploadError';
    this.kind = init.kind;
    this.server = init.server;
    this.file = init.file;
    this.remotePath = init.remotePath;
    this.detail = init.detail ?? '';
    this.nextAction = init.nextAction;
  }

  /** Plain object for the API contract and the journal. */
  toJSON(): Record<string, unknown> {
    const { name, kind, server, file, remotePath, message, detail, nextAction } = this;
    return { name, kind, server, ...(file !== undefined ? { file } : {}), remotePath, message, detail, nextAction };
  }
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Bytes in binary units with at most one decimal: "512 B", "4.0 MiB", "1.3 TiB". */
export function humanBytes(bytes: number): string {
  let v = Math.max(0, bytes);
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(v >= 100 ? 0 : 1)} ${UNITS[u]}`;
}

/** The last `n` non-empty lines of remote output, trimmed to a readable length. */
export function lastLines(text: string | Buffer, n = 5): string {
  const lines = text.toString('utf8').split('\n').map((l) => l.trimEnd()).filter((l) => l.length > 0);
  return lines.slice(-n).map((l) => (l.length > 300 ? `${l.slice(0, 300)}…` : l)).join('\n');
}
