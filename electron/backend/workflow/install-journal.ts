// SPDX-License-Identifier: Apache-2.0
// The journal of the current install as the workflow sees it: opened when an install starts
// (or re-opened on resume), fed with what changed after every transition — state, target,
// errors, check results — and closed with an end marker when the install ends.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { JournalWriter, type JournalEventInput } from '../journal/journal-writer.js';
import { lastJournalOffset } from '../journal/journal-tail.js';
import type { Redactor } from '../journal/redactor.js';
import type { InstallerContext } from './installer-types.js';

/** Journals one install at a time; every method is a no-op while no install is open. */
export class InstallJournal {
  private writer: JournalWriter | null = null;
  private early: JournalEventInput[] = [];
  private lastState = 'welcome';
  private lastErrorAt: string | null = null;
  private lastChecks: unknown = null;
  private lastTargetKey: string | null = null;

  constructor(private readonly deps: { dataDir: string; appVersion: string; redactor: Redactor }) {}

  /** The journal file of the open install, if any. */
  get file(): string | null {
    return this.writer?.file ?? null;
  }

  /** Appends an event; operator events that come before the install's journal exists are kept for it. */
  record(event: JournalEventInput): void {
    if (this.writer) this.writer.append(event);
    else if (event.type === 'event' || event.type === 'decision') this.early.push(event);
  }

  /** Records what changed in this snapshot: transition, target, error, check results. */
  observe(ctx: InstallerContext, state: string, cause: string): void {
    if (ctx.installId && !this.writer) {
      this.open(ctx, null);
      for (const e of this.early) this.writer!.append(e);
    }
    this.early = [];
    if (state !== this.lastState) {
      this.record({ type: 'transition', from: this.lastState, to: state, event: cause });
      this.lastState = state;
    }
    const ep = ctx.endpoint;
    const targetKey = ep && ctx.hostKey && ctx.server ? `${ep.username}@${ep.host}:${ep.port} ${ctx.hostKey.fingerprint}` : null;
    if (targetKey && targetKey !== this.lastTargetKey && ep && ctx.hostKey) {
      this.record({ type: 'target', host: ep.host, port: ep.port, username: ep.username, hostKeyFingerprint: ctx.hostKey.fingerprint, hostKeyStatus: ctx.hostKey.status });
    }
    this.lastTargetKey = targetKey;
    if (ctx.error && ctx.error.at !== this.lastErrorAt) {
      this.lastErrorAt = ctx.error.at;
      const e = ctx.error;
      this.record({ type: 'error', step: e.step, title: e.title, message: e.message, lastLines: e.lastLines, ...(e.command ? { command: e.command } : {}), ...(e.exitCode !== undefined ? { exitCode: e.exitCode } : {}) });
    }
    if (ctx.checks !== this.lastChecks) {
      this.lastChecks = ctx.checks;
      for (const c of ctx.checks) this.record({ type: 'check', id: c.id, state: c.state, required: c.required, found: c.found });
    }
  }

  /** Continues the journal of a resumed install, from `state`, with a resume marker. */
  resume(ctx: InstallerContext, file: string | null, state: string): void {
    this.lastState = state;
    this.lastErrorAt = null;
    this.open(ctx, file);
    this.record({ type: 'marker', label: `resumed at ${state}`, kind: 'resume' });
    this.flush();
  }

  /** Writes what is queued (transitions are boundaries: a crash then loses nothing). */
  flush(): void {
    this.writer?.flush();
  }

  /** Ends the install's journal with `marker` (when given) and closes the file. */
  close(marker?: string): void {
    if (!this.writer) return;
    if (marker) this.record({ type: 'marker', label: marker, kind: 'end' });
    this.writer.close();
    this.writer = null;
  }

  private open(ctx: InstallerContext, existing: string | null): void {
    const file = existing || path.join(this.deps.dataDir, 'journals', `${ctx.installId}.ndjson`);
    if (existsSync(file)) {
      // Continue the same journal; its last offset comes from the tail, whatever its size.
      this.writer = JournalWriter.reopen(file, { redactor: this.deps.redactor, resumeOffsetMs: lastJournalOffset(file) });
      return;
    }
    const t = ctx.target;
    this.writer = JournalWriter.create(
      file,
      {
        appVersion: this.deps.appVersion,
        installId: ctx.installId!,
        startedAt: new Date().toISOString(),
        mode: ctx.mode ?? 'install',
        profile: null,
        target: t ? { host: t.host, port: t.port ?? 22, username: t.username ?? '' } : null,
      },
      { redactor: this.deps.redactor },
    );
  }
}
