// SPDX-License-Identifier: Apache-2.0
// Persists the installer workflow snapshot after every transition (atomic write + rename) and
// loads it on start. A file that is corrupt, of another format version or of another machine
// version is set aside with a reason — never loaded, never a crash.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { schemaRegistry } from '../../api/schema-registry.js';
import { MACHINE_VERSION } from './installer-types.js';

const SCHEMA_ID = 'https://ciab-installer.invalid/schemas/workflow-snapshot.schema.json';

/** The persisted envelope around xstate's persisted snapshot. */
export interface SnapshotEnvelope {
  format: 'ciab-workflow-snapshot';
  version: 1;
  machineVersion: number;
  savedAt: string;
  installId: string;
  mode: 'install' | 'demo';
  journalPath: string;
  snapshot: { status: string; value: unknown; context: Record<string, unknown>; [k: string]: unknown };
}

export type LoadResult =
  | { kind: 'none' }
  | { kind: 'loaded'; envelope: SnapshotEnvelope }
  | { kind: 'discarded'; reason: string; setAsidePath: string };

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Directories cannot be opened for fsync on Windows; the rename is still atomic there.
  }
}

/** Reads and writes `<dir>/current.json`. */
export class SnapshotStore {
  readonly file: string;

  constructor(readonly dir: string) {
    this.file = path.join(dir, 'current.json');
  }

  /** Writes the envelope atomically: a crash leaves either the old or the new file, never half. */
  save(
    envelope: Omit<SnapshotEnvelope, 'format' | 'version' | 'machineVersion' | 'savedAt'>,
    now = new Date(),
    serialise: (value: unknown) => string = (v) => JSON.stringify(v),
  ): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const full: SnapshotEnvelope = { format: 'ciab-workflow-snapshot', version: 1, machineVersion: MACHINE_VERSION, savedAt: now.toISOString(), ...envelope };
    const tmp = `${this.file}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, serialise(full));
      fsyncSync(fd); // a laptop losing power must find the old or the new file, not an empty one
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
    syncDir(this.dir);
  }

  /** Loads the saved snapshot, or sets an unusable one aside and says why. */
  load(now = new Date()): LoadResult {
    if (!existsSync(this.file)) return { kind: 'none' };
    let reason: string | null = null;
    let value: unknown = null;
    try {
      value = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (err) {
      reason = `it is not valid JSON (${(err as Error).message})`;
    }
    if (reason === null) {
      const v = value as Partial<SnapshotEnvelope>;
      if (v?.format !== 'ciab-workflow-snapshot') reason = 'it is not a workflow snapshot';
      else if (v.version !== 1) reason = `its format version ${String(v.version)} is not supported`;
      else if (v.machineVersion !== MACHINE_VERSION)
        reason = `it was saved by a different version of the installer workflow (v${String(v.machineVersion)}, this app has v${MACHINE_VERSION})`;
      else {
        const validate = schemaRegistry().getSchema(SCHEMA_ID)!;
        if (!validate(value)) reason = `it does not match the snapshot schema (${validate.errors?.[0]?.instancePath || '/'} ${validate.errors?.[0]?.message ?? ''})`;
      }
    }
    if (reason === null) return { kind: 'loaded', envelope: value as SnapshotEnvelope };
    return { kind: 'discarded', reason, setAsidePath: this.setAside(now) };
  }

  /** Moves the current file out of the way, keeping it for support. */
  setAside(now = new Date()): string {
    const dest = path.join(this.dir, `discarded-${now.toISOString().replace(/[:.]/g, '-')}.json`);
    renameSync(this.file, dest);
    return dest;
  }

  /** Removes the saved snapshot (install finished or cancelled). */
  clear(): void {
    rmSync(this.file, { force: true });
  }
}
