// SPDX-License-Identifier: Apache-2.0
// What support staff want first from an install journal: how it ended, how long each phase and step
// took, what failed (with exit code and last lines), and what the operator decided and why.
import type { JournalContents } from '../journal/journal-reader.js';
import { stripAnsi } from '../deploy/step-failure.js';

/** One step as the journal tells it. */
export interface StepSummary {
  key: string;
  status: 'running' | 'done' | 'already-done' | 'skipped' | 'failed';
  attempts: number;
  durationMs: number | null;
  exitCode: number | null;
  /** Journal offset (ms) of its first start, for jumping there. */
  startedAt: number;
  /** Last lines of its last attempt's output, when it failed. */
  lastLines: string[];
}

/** One phase: the steps of one playbook, in journal order. */
export interface PhaseSummary {
  id: string;
  steps: StepSummary[];
  durationMs: number;
}

/** The whole journal in brief. */
export interface JournalSummary {
  installId: string;
  mode: 'install' | 'demo';
  startedAt: string;
  target: string | null;
  /** Offset of the last event (ms). */
  durationMs: number;
  outcome: 'finished' | 'failed' | 'unfinished';
  phases: PhaseSummary[];
  failures: StepSummary[];
  decisions: { t: number; decision: string; subject: string; reason?: string }[];
  checks: { id: string; state: string; found: string }[];
  reattaches: number;
  warnings: string[];
}

const LAST_LINES = 20;

/** Summarises parsed journal contents (see JournalSummary). */
export function summarizeJournal(j: JournalContents): JournalSummary {
  const steps = new Map<string, StepSummary>();
  const output = new Map<string, string>();
  const decisions: JournalSummary['decisions'] = [];
  const checks = new Map<string, { id: string; state: string; found: string }>();
  let reattaches = 0;
  let last = 0;
  let ended = false;
  for (const ev of j.events) {
    last = Math.max(last, ev.t);
    if (ev.type === 'step') {
      const s = steps.get(ev.key) ?? { key: ev.key, status: ev.status, attempts: 0, durationMs: null, exitCode: null, startedAt: ev.t, lastLines: [] };
      s.status = ev.status;
      s.attempts = Math.max(s.attempts, ev.attempt);
      if (ev.durationMs !== undefined) s.durationMs = ev.durationMs;
      if (ev.exitCode !== undefined) s.exitCode = ev.exitCode;
      steps.set(ev.key, s);
    } else if (ev.type === 'output') {
      // Keep only the current attempt's tail: enough for the last lines, bounded for huge journals.
      const id = `${ev.key}#${ev.attempt}`;
      output.set(id, ((output.get(id) ?? '') + ev.data).slice(-64 * 1024));
    } else if (ev.type === 'decision') {
      decisions.push({ t: ev.t, decision: ev.decision, subject: ev.subject, ...(ev.reason !== undefined ? { reason: ev.reason } : {}) });
    } else if (ev.type === 'check') {
      checks.set(ev.id, { id: ev.id, state: ev.state, found: ev.found });
    } else if (ev.type === 'reattach') {
      reattaches++;
    } else if (ev.type === 'marker' && ev.kind === 'end') {
      ended = true;
    }
  }
  const phases = new Map<string, PhaseSummary>();
  for (const s of steps.values()) {
    if (s.status === 'failed') s.lastLines = stripAnsi(output.get(`${s.key}#${s.attempts}`) ?? '').split('\n').filter((l) => l.trim() !== '').slice(-LAST_LINES);
    const id = s.key.split('/')[0] ?? s.key;
    const p = phases.get(id) ?? { id, steps: [], durationMs: 0 };
    p.steps.push(s);
    p.durationMs += s.durationMs ?? 0;
    phases.set(id, p);
  }
  const all = [...steps.values()];
  const failures = all.filter((s) => s.status === 'failed');
  const t = j.header.target;
  return {
    installId: j.header.installId,
    mode: j.header.mode,
    startedAt: j.header.startedAt,
    target: t ? `${t.username}@${t.host}:${t.port}` : null,
    durationMs: last,
    outcome: failures.length > 0 ? 'failed' : ended || (all.length > 0 && all.every((s) => s.status !== 'running')) ? 'finished' : 'unfinished',
    phases: [...phases.values()],
    failures,
    decisions,
    checks: [...checks.values()].filter((c) => c.state !== 'pass'),
    reattaches,
    warnings: j.warnings,
  };
}

/** Milliseconds as m:ss or h:mm:ss. */
export function clock(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
