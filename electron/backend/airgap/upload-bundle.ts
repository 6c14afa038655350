// SPDX-License-Identifier: Apache-2.0
// Uploads a verified bundle to the server: checks free space first, skips files the server already holds
// (same sha256), streams each file into `<file>.part` over an exec channel while the server hashes it
// (stream-put.ts), continues a `.part` after a drop, and renames it only when size and sha256 match.
import path from 'node:path';
import type { SshSession } from '../ssh/ssh-session.js';
import { resolveInBundle, type BundleManifest } from './bundle-manifest.js';
import { inspectRemote, partSize, prepareRemote, RemoteCommandError, type RemoteFileState } from './remote-files.js';
import { checkSpace, remoteFreeSpace } from './remote-space.js';
import { PutChannel } from './stream-put.js';
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

type SessionLike = Pick<SshSession, 'exec' | 'openChannel' | 'target' | 'status'>;

interface Item {
  rel: string;
  local: string;
  remote: string;
  size: number;
  sha256: string;
  /** Bytes the server holds in `<remote>.part` when the upload of this file (re)starts. */
  offset: number;
  /** After a drop the server's .part size must be asked again. */
  restat: boolean;
  verifyFailures: number;
  offsetMismatches: number;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Uploads every manifest file into `remoteDir` (same relative paths); see the file comment for the guarantees. */
export async function uploadBundle(session: SessionLike, opts: UploadOptions): Promise<UploadResult> {
  return new BundleUpload(session, opts).run();
}

class BundleUpload {
  private readonly server: string;
  private readonly remoteDir: string;
  private readonly meter: UploadProgressMeter;
  private drops = 0;
  private readonly putCh: PutChannel;
  private readonly result: UploadResult = { uploaded: [], skipped: [], resumed: [], bytesSent: 0, drops: 0, seconds: 0 };

  constructor(private readonly session: SessionLike, private readonly o: UploadOptions) {
    const t = session.target;
    this.server = `${t.username}@${t.host}:${t.port}`;
    this.remoteDir = path.posix.normalize(o.remoteDir).replace(/(.)\/$/, '$1');
    const total = o.manifest.files.reduce((n, f) => n + f.size, 0);
    this.meter = new UploadProgressMeter(total, o.manifest.files.length, o.onProgress);
    this.putCh = new PutChannel(session);
  }

  async run(): Promise<UploadResult> {
    const t0 = performance.now();
    if (!this.remoteDir.startsWith('/')) {
      throw this.err('local', undefined, this.remoteDir, `The upload directory ${this.remoteDir} is not an absolute path.`, '', 'Give the directory on the server as an absolute path, e.g. /srv/ciab/bundle.');
    }
    const items: Item[] = this.o.manifest.files.map((f) => ({ rel: f.path, local: resolveInBundle(this.o.localDir, f.path), remote: path.posix.join(this.remoteDir, f.path),
      size: f.size, sha256: f.sha256, offset: 0, restat: false, verifyFailures: 0, offsetMismatches: 0 }));
    this.meter.phase('checking');
    const states = await this.retrying(undefined, this.remoteDir, 'checking what the server holds already', () => inspectRemote(this.session, items, this.o.signal));
    const todo = await this.plan(items, states);
    try {
      for (const it of todo) await this.uploadOne(it);
    } finally {
      this.putCh.close();
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

  // One file into <remote>.part, hashed on the server as it arrives, continuing after drops from what the
  // server holds; renamed there once size and sha256 match. A wrong .part is sent once more from 0.
  private async uploadOne(it: Item): Promise<void> {
    const part = `${it.remote}.part`;
    for (;;) {
      this.cancelled(it);
      if (it.restat) {
        const have = await this.retrying(it, part, 'reading the size of the partial file', () => partSize(this.session, it.remote, this.o.signal));
        it.offset = have !== null && have <= it.size ? have : 0;
        it.restat = false;
      }
      this.meter.startFile(it.rel, it.offset);
      let outcome;
      try {
        outcome = await this.putCh.put(it.local, it.remote, it, (n) => this.meter.addSent(n), this.o.signal);
      } catch (err) {
        this.cancelled(it);
        if (!this.isDrop(err)) throw this.failure(it, part, 'sending the file', err);
        it.restat = true;
        await this.dropped(it, part, err);
        continue;
      }
      if (outcome.kind === 'ok') break;
      if (outcome.kind === 'bad') {
        if (++it.verifyFailures > 1) {
          throw this.err('verify', it.rel, part, `The copy of ${it.rel} on ${this.server} (${part}) does not match the manifest after ${it.verifyFailures} uploads: `
            + `the server computed sha256 ${outcome.sha256}, the manifest says ${it.sha256}.`, '',
          'Check the server\'s disk and memory (dmesg, smartctl) and that nothing else writes to the upload directory, then start the upload again.');
        }
        // A damaged .part (e.g. an old partial from another bundle): send the whole file once more.
        this.meter.startFile(it.rel, 0);
        it.offset = 0;
        continue;
      }
      if (outcome.kind === 'offset') {
        // The .part changed between our look and the put (a cut stream's server process finishing its
        // last write): take the size it has now, a few times at most.
        if (++it.offsetMismatches > 3) throw this.failure(it, part, 'continuing the partial file', new RemoteCommandError('the partial file keeps changing size', `${part} has ${outcome.size} bytes`));
        it.offset = outcome.size <= it.size ? outcome.size : 0;
        continue;
      }
      // Short, or no answer at all: the channel or the connection went away mid-file.
      if (outcome.kind === 'error' && this.session.status().status === 'connected' && outcome.output.trim() !== '') {
        throw this.failure(it, part, 'sending the file', new RemoteCommandError('the server could not write the file', outcome.output));
      }
      it.restat = true;
      await this.dropped(it, part, new Error(outcome.kind === 'short' ? `the stream ended after ${outcome.size} bytes` : 'the channel closed'));
    }
    this.meter.fileSent();
    this.result.uploaded.push(it.rel);
    this.meter.fileVerified();
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
        if (!this.isDrop(err)) throw this.failure(it, where, what, err);
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

  private isDrop(err: unknown): boolean {
    const e = err as { kind?: unknown; code?: unknown; syscall?: unknown; message?: unknown };
    if (e.kind === 'dropped') return true;
    if (typeof e.kind === 'string' || e.syscall !== undefined || err instanceof RemoteCommandError) return false;
    return this.session.status().status !== 'connected' || /channel closed|no answer|Not connected/i.test(String(e.message));
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
