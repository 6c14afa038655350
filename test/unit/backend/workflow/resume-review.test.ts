// SPDX-License-Identifier: Apache-2.0
// After a restart the review is rendered again before any deploy: its file list lived in memory.
import { describe, expect, it } from 'vitest';
import { prepareForResume } from '../../../../electron/backend/workflow/resume-snapshot.js';
import { initialContext, MACHINE_VERSION, type InstallerContext } from '../../../../electron/backend/workflow/installer-types.js';
import type { SnapshotEnvelope } from '../../../../electron/backend/workflow/snapshot-store.js';

function envelope(sub: string): SnapshotEnvelope {
  const context: InstallerContext = { ...initialContext(), render: { status: sub === 'ready' ? 'ready' : 'rendering', files: 34, leaks: 0, digest: 'abc', error: null } };
  return { format: 'ciab-workflow-snapshot', version: 1, machineVersion: MACHINE_VERSION, savedAt: '2026-11-22T05:00:00.000Z', installId: 'i', mode: 'demo', journalPath: '/tmp/j', snapshot: { value: { review: sub }, context: context as unknown as Record<string, unknown>, status: 'active' } };
}

describe('resuming in the review', () => {
  it.each(['rendering', 'ready'])('turns review.%s into a failed render with Render again', (sub) => {
    const snap = prepareForResume(envelope(sub), null) as unknown as { value: unknown; context: InstallerContext };
    expect(snap.value).toEqual({ review: 'failed' });
    expect(snap.context.render.status).toBe('failed');
    expect(snap.context.error?.nextAction).toMatch(/Render again/);
  });
});
