// SPDX-License-Identifier: Apache-2.0
// Uploads a verified bundle to the server over SFTP: checks free space first, skips files the server
// already holds (same sha256), resumes `.part` files, survives connection drops, and renames each file
// to its final name only after the server's own sha256 matches the manifest.
import path from 'node:path';
import type { SFTPWrapper } from 'ssh2';
import type { SshSession } from '../ssh/ssh-session.js';
import { resolveInBundle, type BundleManifest } from './bundle-manifest.js';
import { inspectRemote, prepareRemote, RemoteCommandError, verifyRemote, type RemoteFileState } from './remote-files.js';
import { checkSpace, remoteFreeSpace } from './remote-space.js';
import { sftpPut, sftpSize } from './sftp-put.js';
import { lastLines, UploadError } from './upload-errors.js';
import { UploadProgressMeter, type UploadProgress } from './upload-progress.js';

export type { UploadProgress } from './upload-progress.js';

/** What to upload where, and how. */
export interface UploadOptions {
  localDir: string;
  /** Parsed and already verified (verifyBundle): the upload trusts its sizes and hashes. */
  manifest: BundleManifest;
  /** Absolute directory on the server; created if missing. */
  remoteDir: string;
  onProgress?: (p: UploadProgress) => void;
  signal?: AbortSignal;
  /** Connection drops survived in one upload before giving up (default 10). */
  maxDrops?: number;
  /** Bytes per SFTP WRITE request (default 256 KiB) and requests in flight (default 16). */
  chunkBytes?: number;
  concurrency?: number;
  /** Headroom kept free on the server beyond the bundle (default: spaceMargin). */
  spaceMarginBytes?: number;
}

/** What the upload did. */
export interface UploadResult {
  /** Manifest paths sent (in full or resumed) and verified on the server. */
  uploaded: string[];
  /** Manifest paths the server already held with the right sha256. */
  skipped: string[];
  /** Of `uploaded`, those continued from a `.part` left by an earlier run. */
  resumed: string[];
  bytesSent: number;
  drops: number;
  seconds: number;
}

type SessionLike = Pick<SshSession, 'exec' | 'sftp' | 'target' | 'status'>;

interface Item {
  rel: string;
  local: string;
  remote: string;
  size: number;
  sha256: string;
  /** Bytes the server holds in `<remote>.part` when the upload of this file (re)starts. */
  offset: number;
  /** After a drop or a failed check the server's .part size must be asked again. */
  restat: boolean;
  verifyFailures: number;
}

const DEFAULT_CHUNK = 256 * 1024;
const DEFAULT_CONCURRENCY = 16;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Uploads every manifest file into `remoteDir` (same relative paths); see the file comment for the guarantees. */
export async function uploadBundle(session: SessionLike, opts: UploadOptions): Promise<UploadResult> {
  return new BundleUpload(session, opts).run();
}

class BundleUpload {
  private readonly server: string;
  private readonly remoteDir: string;
  private readonly meter: UploadProgressMeter;
  private sftpCh: SFTPWrapper | null = null;
  private drops = 0;
  private readonly verifyQueue: Item[] = [];
  private verifying: Promise<void> | null = null;
  private verifyError: Error | null = null;
  private readonly again: Item[] = [];
  private readonly result: UploadResult = { uploaded: [], skipped: [], resumed: [], bytesSent: 0, drops: 0, seconds: 0 };

  constructor(private readonly session: SessionLike, private readonly o: UploadOptions) {
    const t = session.target;
    this.server = `${t.username}@${t.host}:${t.port}`;
    this.remoteDir = path.posix.normalize(o.remoteDir).replace(/(.)\/$/, '$1');
    const total = o.manifest.files.reduce((n, f) => n + f.size, 0);
    this.meter = new UploadProgressMeter(total, o.manifest.files.length, o.onProgress);
  }

  async run(): Promise<UploadResult> {
    const t0 = performance.now();
    if (!this.remoteDir.startsWith('/')) {
      throw this.err('local', undefined, this.remoteDir, `The upload directory ${this.remoteDir} is not an absolute path.`, '', 'Give the directory on the server as an absolute path, e.g. /srv/ciab/bundle.');
    }
    const items: Item[] = this.o.manifest.files.map((f) => ({ rel: f.path, local: resolveInBundle(this.o.localDir, f.path), remote: path.posix.join(this.remoteDir, f.path),
      size: f.size, sha256: f.sha256, offset: 0, restat: false, verifyFailures: 0 }));
    this.meter.phase('checking');
    const states = await this.retrying(undefined, this.remoteDir, 'checking what the server holds already', () => inspectRemote(this.session, items, this.o.signal));
    const todo = await this.plan(items, states);
    try {
      for (const it of todo) await this.uploadOne(it);
      for (;;) {
        this.meter.phase('verifying');
        await this.drainVerify();
        const next = this.again.splice(0);
        if (next.length === 0) break;
        for (const it of next) await this.uploadOne(it);
      }
    } finally {
      this.sftpCh?.end();
      this.sftpCh = null;
    }
    this.meter.phase('done', null, true);
    this.result.drops = this.drops;
    this.result.bytesSent = this.meter.sent;
    this.result.seconds = (performance.now() - t0) / 1000;
    return this.result;
  }

  // Decide per file (skip / resume / fresh), check the space for what is left, then set up the directories.
  private async plan(items: Item[], states: RemoteFileState[]): Promise<Item[]> {
    const todo: Item[] = [];
    const remove: string[] = [];
    let needed = 0;
    let freed = 0;
    items.forEach((it, i) => {
      const s = states[i]!;
      if (s.size === it.size && s.sha256 === it.sha256) {
        this.result.skipped.push(it.rel);
        this.meter.skip(it.size);
        if (s.partSize !== null) remove.push(`${it.remote}.part`);
        return;
      }
      // A finished name must only ever hold a verified file: a wrong one goes before anything is sent.
      if (s.size !== null) {
        remove.push(it.remote);
        freed += s.size;
      }
      if (s.partSize !== null && s.partSize <= it.size) {
        it.offset = s.partSize;
        if (s.partSize > 0) this.result.resumed.push(it.rel);
      } else if (s.partSize !== null) freed += s.partSize;
      needed += it.size - it.offset;
      todo.push(it);
    });
    if (needed > 0) {
      const df = await this.retrying(undefined, this.remoteDir, 'reading the free space', () => remoteFreeSpace(this.session, this.remoteDir, this.o.signal));
      checkSpace(df, needed - freed, this.server, this.remoteDir, this.o.spaceMarginBytes);
    }
    const dirs = [...new Set([this.remoteDir, ...todo.map((it) => path.posix.dirname(it.remote))])];
    if (todo.length > 0 || remove.length > 0) {
      await this.retrying(undefined, this.remoteDir, 'creating the upload directories', () => prepareRemote(this.session, todo.length > 0 ? dirs : [], remove, this.o.signal));
    }
    return todo;
  }

  // One file into <remote>.part, continuing after drops from what the server holds; then queued for the server-side check.
  private async uploadOne(it: Item): Promise<void> {
    if (this.verifyError) throw this.verifyError;
    const part = `${it.remote}.part`;
    for (;;) {
      this.cancelled(it);
      let ch: SFTPWrapper | null = null;
      try {
        ch = await this.channel();
        if (it.restat) {
          const have = await sftpSize(ch, part);
          it.offset = have !== null && have <= it.size ? have : 0;
          it.restat = false;
        }
        this.meter.startFile(it.rel, it.offset);
        await sftpPut(ch, it.local, part, { offset: it.offset, size: it.size, chunkBytes: this.o.chunkBytes ?? DEFAULT_CHUNK,
          concurrency: this.o.concurrency ?? DEFAULT_CONCURRENCY, onBytes: (n) => this.meter.addSent(n), ...(this.o.signal ? { signal: this.o.signal } : {}) });
        break;
      } catch (err) {
        this.cancelled(it);
        if (!this.isDrop(err, ch)) throw this.failure(it, part, 'sending the file', err);
        if (this.sftpCh === ch) this.sftpCh = null;
        it.restat = true;
        await this.dropped(it, part, err);
      }
    }
    this.meter.fileSent();
    this.verifyQueue.push(it);
    this.verifying ??= this.verifyLoop();
  }

  // Server-side sha256 of finished uploads, batched, while the next file is sent.
  private async verifyLoop(): Promise<void> {
    try {
      while (this.verifyQueue.length > 0) {
        const batch = this.verifyQueue.splice(0);
        const res = await this.retrying(batch[0], batch[0]!.remote, 'checking the sha256 on the server', () => verifyRemote(this.session, batch, this.o.signal));
        batch.forEach((it, i) => {
          const r = res[i]!;
          if (r.ok) {
            this.result.uploaded.push(it.rel);
            this.meter.fileVerified();
            return;
          }
          if (++it.verifyFailures > 1 || r.sha256 === null) {
            throw this.err('verify', it.rel, `${it.remote}.part`, `The copy of ${it.rel} on ${this.server} (${it.remote}.part) does not match the manifest after `
              + `${it.verifyFailures} upload${it.verifyFailures === 1 ? '' : 's'}: the server computed sha256 ${r.sha256 ?? '(could not read the file)'}, the manifest says ${it.sha256}.`,
            lastLines(r.problem ?? ''), 'Check the server\'s disk and memory (dmesg, smartctl) and that nothing else writes to the upload directory, then start the upload again.');
          }
          // A damaged .part (e.g. an old partial from another bundle): send the whole file once more.
          this.meter.restartFile(it.size);
          it.offset = 0;
          it.restat = false;
          this.again.push(it);
        });
      }
    } catch (err) {
      this.verifyError = err as Error;
    } finally {
      this.verifying = null;
    }
  }

  private async drainVerify(): Promise<void> {
    while (this.verifying) await this.verifying;
    if (this.verifyError) throw this.verifyError;
  }

  private async channel(): Promise<SFTPWrapper> {
    if (this.sftpCh) return this.sftpCh;
    const ch = await this.session.sftp(this.o.signal ? { signal: this.o.signal } : {});
    ch.on('error', () => undefined);
    ch.once('close', () => {
      if (this.sftpCh === ch) this.sftpCh = null;
    });
    this.sftpCh = ch;
    return ch;
  }

  // Remote commands are repeated after a drop (they are idempotent); other failures stop the upload.
  private async retrying<T>(it: Item | undefined, where: string, what: string, fn: () => Promise<T>): Promise<T> {
    for (;;) {
      this.cancelled(it);
      try {
        return await fn();
      } catch (err) {
        this.cancelled(it);
        if (err instanceof UploadError) throw err;
        if (!this.isDrop(err, null)) throw this.failure(it, where, what, err);
        await this.dropped(it, where, err);
      }
    }
  }

  private async dropped(it: Item | undefined, where: string, err: unknown): Promise<void> {
    if (++this.drops > (this.o.maxDrops ?? 10)) {
      throw this.err('dropped', it?.rel, where, `The connection to ${this.server} dropped ${this.drops} times during the bundle upload${it ? ` (last while sending ${it.rel})` : ''}; giving up.`,
        errText(err), 'Check the network link to the server; then start the upload again: it continues from what the server holds.');
    }
    this.meter.drop();
    // The session reconnects by itself; the next request waits for it. A short pause avoids spinning on a half-dead connection.
    await sleep(Math.min(2000, 100 * this.drops));
  }

  private isDrop(err: unknown, ch: SFTPWrapper | null): boolean {
    const e = err as { kind?: unknown; code?: unknown; syscall?: unknown; message?: unknown };
    if (e.kind === 'dropped') return true;
    if (typeof e.kind === 'string' || e.syscall !== undefined || err instanceof RemoteCommandError) return false;
    if (typeof e.code === 'number') return false; // an SFTP status from a live server (permission denied, no space)
    return ch === null || this.sftpCh !== ch || this.session.status().status !== 'connected' || /No response from server|channel closed|no answer|Not connected/i.test(String(e.message));
  }

  private cancelled(it: Item | undefined): void {
    if (!this.o.signal?.aborted) return;
    throw this.err('cancelled', it?.rel, it ? `${it.remote}.part` : this.remoteDir, `The bundle upload to ${this.server} was cancelled.`, String(this.o.signal.reason ?? ''),
      'Start the upload again when ready: files already on the server are kept and partial files continue where they stopped.');
  }

  private failure(it: Item | undefined, where: string, what: string, err: unknown): UploadError {
    const local = (err as { syscall?: unknown }).syscall !== undefined;
    const output = err instanceof RemoteCommandError ? lastLines(err.output) : '';
    return this.err(local ? 'local' : 'remote', it?.rel, where,
      `${local ? 'Reading' : 'Uploading'} ${it ? it.rel : 'the bundle'} failed while ${what} (${local ? it?.local ?? this.o.localDir : `${this.server}:${where}`}): ${errText(err)}`,
      output || errText(err),
      local ? 'Check the bundle on this computer with `ciab bundle verify`, then start the upload again.'
        : `Check that ${this.target()} may write to ${this.remoteDir} and that its filesystem is healthy and not full, then start the upload again (it continues where it stopped).`);
  }

  private target(): string {
    return this.session.target.username;
  }

  private err(kind: UploadError['kind'], file: string | undefined, remotePath: string, message: string, detail: string, nextAction: string): UploadError {
    return new UploadError({ kind, server: this.server, ...(file !== undefined ? { file } : {}), remotePath, message, detail, nextAction });
  }
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
