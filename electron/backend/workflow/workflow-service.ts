// SPDX-License-Identifier: Apache-2.0
// Runs the installer machine in the backend: accepts operator events, persists the snapshot
// after every transition, writes the install journal, and emits the view to every front door.
import path from 'node:path';
import { createActor, type Actor, type InspectionEvent } from 'xstate';
import type { Notice, ResumeOffer, WorkflowEvent, WorkflowView } from '../../api/contract.js';
import type { JournalEventInput } from '../journal/journal-writer.js';
import { InstallJournal } from './install-journal.js';
import type { Redactor } from '../journal/redactor.js';
import type { installerMachine } from './installer-machine.js';
import type { InstallerContext } from './installer-types.js';
import { prepareForResume } from './resume-snapshot.js';
import { formatHardwareReport } from '../hardware/hardware-evaluation.js';
import { SnapshotStore, type SnapshotEnvelope } from './snapshot-store.js';
import { statePath, toWorkflowView } from './workflow-view.js';

type Machine = typeof installerMachine;

export interface WorkflowServiceDeps {
  machine: Machine;
  dataDir: string;
  appVersion: string;
  demoTarget: { host: string; port: number; username: string } | null;
  redactor: Redactor;
  onView: (view: WorkflowView) => void;
  onNotice: (notice: Notice) => void;
}

const DECISIONS: Partial<Record<WorkflowEvent['type'], JournalDecision>> = {
  WAIVE: 'waive',
  UNWAIVE: 'unwaive',
  RETRY: 'retry',
  CANCEL: 'cancel',
  ACCEPT_HOST_KEY: 'accept-host-key',
  REJECT_HOST_KEY: 'reject-host-key',
  SKIP_STEP: 'skip',
  ABORT_DEPLOY: 'abort',
  STOP_STEP: 'stop-step',
};
type JournalDecision = 'waive' | 'unwaive' | 'retry' | 'cancel' | 'accept-host-key' | 'reject-host-key' | 'skip' | 'abort' | 'stop-step';

/** Owns the one installer actor of this backend, its persistence and its journal. */
export class WorkflowService {
  private actor: Actor<Machine>;
  private readonly store: SnapshotStore;
  private readonly journal: InstallJournal;
  private resumeOffer: ResumeOffer | null = null;
  private pending: SnapshotEnvelope | null = null;
  private lastEvent = 'xstate.init';
  private lastPersistError: string | null = null;
  private connection: WorkflowView['connection'] = { status: 'none', attempt: 0, since: null };

  constructor(private readonly deps: WorkflowServiceDeps) {
    this.store = new SnapshotStore(path.join(deps.dataDir, 'workflow'));
    this.journal = new InstallJournal({ dataDir: deps.dataDir, appVersion: deps.appVersion, redactor: deps.redactor });
    this.actor = this.spawn();
  }

  /** Loads any unfinished install and turns it into a resume offer; never throws. */
  start(): void {
    const loaded = this.store.load();
    if (loaded.kind === 'discarded') {
      this.deps.onNotice({ level: 'warn', message: `A saved install could not be restored because ${loaded.reason}. It was set aside as ${loaded.setAsidePath}; start a new install.` });
    } else if (loaded.kind === 'loaded' && !this.restorable(loaded.envelope)) {
      // restorable() has set the file aside and said why.
    } else if (loaded.kind === 'loaded') {
      const value = statePath(loaded.envelope.snapshot.value);
      const step = value.split('.')[0]!;
      if (step === 'welcome' || step === 'done') this.store.clear();
      else {
        this.pending = loaded.envelope;
        const t = loaded.envelope.snapshot.context.target as InstallerContext['target'];
        this.resumeOffer = {
          installId: loaded.envelope.installId,
          step: step as ResumeOffer['step'],
          savedAt: loaded.envelope.savedAt,
          mode: loaded.envelope.mode,
          ...(t ? { target: `${t.username ? `${t.username}@` : ''}${t.host}${t.port ? `:${t.port}` : ''}` } : {}),
        };
      }
    }
    this.actor.start();
    this.emit();
  }

  /** Checks that a saved snapshot names states this machine still has; sets it aside if not. */
  private restorable(env: SnapshotEnvelope): boolean {
    try {
      this.deps.machine.resolveState({ value: env.snapshot.value as never, context: env.snapshot.context as unknown as InstallerContext });
      return true;
    } catch (err) {
      const aside = this.store.setAside();
      this.deps.onNotice({ level: 'warn', message: `A saved install could not be restored because its state does not exist in this version (${(err as Error).message}). It was set aside as ${aside}; start a new install.` });
      return false;
    }
  }

  /** The current view. */
  view(): WorkflowView {
    return toWorkflowView(this.actor.getSnapshot(), { resumeOffer: this.resumeOffer, connection: this.connection });
  }

  /** Identifies this install and its target as typed; changes when either does (null at welcome). */
  installKey(): string | null {
    const ctx = this.actor.getSnapshot().context;
    if (!ctx.installId) return null;
    const t = ctx.target;
    return t ? `${ctx.installId} ${t.username ?? ''}@${t.host}:${t.port ?? ''} ${t.auth} ${t.keyPath ?? ''}` : ctx.installId;
  }

  /** The target of the current install as the operator typed it (null before one is set). */
  target(): InstallerContext['target'] {
    return this.actor.getSnapshot().context.target;
  }

  /** The last hardware report of this install with its checks, for "copy report". */
  hardwareCopy(): { report: InstallerContext['hardware']['report']; markdown: string | null; json: string | null } {
    const { hardware, checks, waivers } = this.actor.getSnapshot().context;
    const r = hardware.report;
    if (!r) return { report: null, markdown: null, json: null };
    return {
      report: r,
      markdown: formatHardwareReport('markdown', r, checks, hardware.profileId, waivers),
      json: formatHardwareReport('json', r, checks, hardware.profileId, waivers),
    };
  }

  /** Records the SSH connection state the backend keeps to the target, and shows it. */
  setConnection(connection: WorkflowView['connection']): void {
    const before = this.connection;
    this.connection = connection;
    if (connection.status === 'reconnecting' || connection.status === 'lost') {
      this.record({ type: 'log', level: connection.status === 'lost' ? 'error' : 'warn', source: 'ssh', message: `connection ${connection.status} (attempt ${connection.attempt})${connection.message ? `: ${connection.message}` : ''}` });
    } else if (connection.status === 'connected' && before.status === 'reconnecting') {
      const away = before.since ? Math.round((Date.now() - Date.parse(before.since)) / 1000) : null;
      this.record({ type: 'marker', label: `reconnected after ${before.attempt} attempt(s)${away !== null ? `, ${away} s away` : ''}`, kind: 'note' });
    }
    this.journal.flush();
    this.emit();
  }

  /** Sends an operator event; says whether the workflow accepted it in its current state. */
  send(event: WorkflowEvent): { accepted: boolean; reason?: string; view: WorkflowView } {
    const before = this.actor.getSnapshot();
    const accepted = before.can(event);
    if ((event.type === 'START_INSTALL' || event.type === 'START_DEMO') && this.pending && accepted) {
      const aside = this.store.setAside();
      this.deps.onNotice({ level: 'info', message: `The unfinished install ${this.pending.installId} was set aside as ${aside}.` });
      this.pending = null;
      this.resumeOffer = null;
    }
    this.record({ type: 'event', event: { ...event }, accepted });
    const decision = DECISIONS[event.type];
    if (accepted && decision) {
      const subject =
        event.type === 'WAIVE' || event.type === 'UNWAIVE' ? event.checkId
          : event.type === 'ACCEPT_HOST_KEY' ? event.fingerprint
          : (event.type === 'SKIP_STEP' || event.type === 'RETRY') && before.context.deploy.failure ? before.context.deploy.failure.key
          : statePath(before.value);
      const reason = event.type === 'WAIVE' || event.type === 'SKIP_STEP' ? event.reason : undefined;
      this.record({ type: 'decision', decision, subject, ...(reason !== undefined ? { reason } : {}) });
    }
    if (accepted) this.actor.send(event);
    const view = this.view();
    if (accepted) return { accepted, view };
    return { accepted, reason: `${event.type} is not possible in ${statePath(before.value)}${view.can.nextBlockedReason && event.type === 'NEXT' ? `: ${view.can.nextBlockedReason}` : ''}`, view };
  }

  /** Restores the unfinished install offered on start. */
  resume(): WorkflowView {
    const env = this.pending;
    if (!env) return this.view();
    this.pending = null;
    this.resumeOffer = null;
    const snapshot = prepareForResume(env, this.deps.demoTarget);
    const ctx = snapshot.context as unknown as InstallerContext;
    const old = this.actor;
    try {
      this.actor = this.spawn(snapshot);
      this.actor.start();
      // A snapshot xstate accepted but cannot work with shows up here, before anything is written.
      if (this.actor.getSnapshot().status !== 'active') throw new Error('the restored workflow is not running');
      this.view();
      this.journal.resume(ctx, env.journalPath, statePath(snapshot.value));
      old.stop();
    } catch (err) {
      this.actor.stop();
      this.actor = old;
      this.journal.close();
      const aside = this.store.setAside();
      this.deps.onNotice({ level: 'warn', message: `The saved install could not be resumed (${(err as Error).message}). It was set aside as ${aside}.` });
    }
    this.emit();
    return this.view();
  }

  /** Sets the unfinished install aside without resuming it. */
  discardResume(): WorkflowView {
    if (this.pending) {
      const aside = this.store.setAside();
      this.deps.onNotice({ level: 'info', message: `The unfinished install ${this.pending.installId} was set aside as ${aside}.` });
    }
    this.pending = null;
    this.resumeOffer = null;
    this.emit();
    return this.view();
  }

  /** Stops the actor and closes the journal (the snapshot stays for the next start). */
  close(): void {
    this.actor.stop();
    this.journal.close();
  }

  /** Sends an internal event from a backend service to the workflow. */
  internal(event: Parameters<Actor<Machine>['send']>[0]): void {
    this.actor.send(event);
  }

  /** Appends to the journal of the current install, if one is open. */
  /** Writes the journal's queued lines now (deploy step boundaries). */
  flushJournal(): void {
    this.journal.flush();
  }

  record(event: JournalEventInput): void {
    this.journal.record(event);
  }

  private spawn(snapshot?: SnapshotEnvelope['snapshot']): Actor<Machine> {
    const actor = createActor(this.deps.machine, {
      input: { demoTarget: this.deps.demoTarget },
      ...(snapshot ? { snapshot: snapshot as never } : {}),
      inspect: (ev: InspectionEvent) => {
        if (ev.type === '@xstate.event' && ev.actorRef === actor) this.lastEvent = ev.event.type;
      },
    });
    actor.subscribe({ next: () => this.onSnapshot(actor), error: (err) => this.deps.onNotice({ level: 'error', message: `Workflow error: ${String(err)}` }) });
    return actor;
  }

  private onSnapshot(actor: Actor<Machine>): void {
    if (actor !== this.actor) return;
    try {
      this.persist(actor);
    } catch (err) {
      // A full or read-only disk must not kill the backend: keep working, and say so loudly.
      const message = `The installer could not save its progress: ${(err as Error).message}. The install goes on, but it cannot be resumed after a restart until this is fixed (free disk space, check permissions of ${this.deps.dataDir}).`;
      if (message !== this.lastPersistError) this.deps.onNotice({ level: 'error', message });
      this.lastPersistError = message;
    }
    this.emit();
  }

  /** Journals what changed and saves the snapshot; called after every transition. */
  private persist(actor: Actor<Machine>): void {
    const snap = actor.getSnapshot();
    const ctx = snap.context;
    this.journal.observe(ctx, statePath(snap.value), this.lastEvent);
    if (ctx.installId && ctx.mode) {
      this.store.save(
        { installId: ctx.installId, mode: ctx.mode, journalPath: this.journal.file ?? '', snapshot: actor.getPersistedSnapshot() as unknown as SnapshotEnvelope['snapshot'] },
        new Date(),
      );
    } else {
      // Back on the welcome screen: the install ended (cancelled or finished and reset).
      this.journal.close('install closed');
      if (!this.pending) this.store.clear();
    }
    this.journal.flush(); // transitions are boundaries: flush so a crash loses nothing
    this.lastPersistError = null;
  }

  private emit(): void {
    this.deps.onView(this.view());
  }
}
