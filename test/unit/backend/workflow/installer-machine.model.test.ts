// SPDX-License-Identifier: Apache-2.0
// Model-based test of the installer workflow: traverse every reachable abstract state with
// @xstate/graph, check that every transition the machine defines is taken by some path, and
// replay every path on a real actor (with idle fake services) to the same state.
import { getAdjacencyMap, getShortestPaths, toDirectedGraph, type DirectedGraphNode } from '@xstate/graph';
import { createActor, fromCallback, fromPromise } from 'xstate';
import { describe, expect, it } from 'vitest';
import { installerMachine } from '../../../../electron/backend/workflow/installer-machine.js';
import type { ConnectInput, ConnectOutput, ProbeInput, ProbeOutput, WipeInput } from '../../../../electron/backend/workflow/installer-types.js';
import { DEMO, MODEL_EVENTS, abstractState } from './installer-model.js';
import type { RenderSummary } from '../../../../electron/api/contract.js';

// Services that never answer: the test injects their done/error events itself.
const machine = installerMachine.provide({
  actors: {
    connectTarget: fromPromise<ConnectOutput, ConnectInput>(() => new Promise(() => undefined)),
    probeHardware: fromPromise<ProbeOutput, ProbeInput>(() => new Promise(() => undefined)),
    wipeDisk: fromPromise<{ wiped: string }, WipeInput>(() => new Promise(() => undefined)),
    verifyBundle: fromPromise<{ verified: true }, { path: string }>(() => new Promise(() => undefined)),
    renderSite: fromPromise<RenderSummary, { site: Record<string, unknown> | null }>(() => new Promise(() => undefined)),
    runDeploy: fromCallback(() => () => undefined),
  },
});

type Snap = ReturnType<typeof machine.getInitialSnapshot>;

function allEdges(node: DirectedGraphNode): { source: string; event: string; target: string }[] {
  return [
    ...node.edges.map((e) => ({ source: e.source.id, event: e.label.text, target: e.target.id })),
    ...node.children.flatMap(allEdges),
  ];
}

const traversal = {
  input: { demoTarget: DEMO },
  // Only events the state handles: unhandled actor error events would be rethrown by a real actor.
  events: ((s: Snap) => MODEL_EVENTS.filter((e) => s.can(e as never))) as never,
  serializeState: (s: unknown) => abstractState((s as Snap).value, (s as Snap).context),
};
const paths = getShortestPaths(machine, traversal);
// Every (abstract state, event) pair that changes something: the graph's edges.
const adjacency = getAdjacencyMap(machine, traversal) as Record<string, { state: Snap; transitions: Record<string, { event: { type: string }; state: Snap }> }>;
const pathTo = new Map(paths.map((p) => [traversal.serializeState(p.state), p]));

describe('installer workflow (model-based)', () => {
  it('reaches every step of the wizard', () => {
    const reached = new Set(paths.map((p) => Object.keys(typeof p.state.value === 'string' ? { [p.state.value]: 1 } : p.state.value)[0]));
    expect([...reached].sort()).toEqual(['bundle', 'deploy', 'done', 'hardware', 'replay', 'review', 'site', 'target', 'welcome'].sort());
    expect(paths.length).toBeGreaterThan(100);
  });

  it('takes every transition the machine defines', () => {
    const edges = allEdges(toDirectedGraph(machine)).filter((e) => !e.event.startsWith('xstate.after'));
    const taken = new Set<string>();
    for (const { state, transitions } of Object.values(adjacency)) {
      const before = new Set((state as Snap)._nodes.map((n) => n.id));
      for (const t of Object.values(transitions)) {
        const after = new Set((t.state as Snap)._nodes.map((n) => n.id));
        for (const e of edges) if (e.event === t.event.type && before.has(e.source) && after.has(e.target)) taken.add(`${e.source} -${e.event}-> ${e.target}`);
      }
    }
    const missing = edges.map((e) => `${e.source} -${e.event}-> ${e.target}`).filter((k) => !taken.has(k));
    expect(missing).toEqual([]);
  });

  it('replays every transition on a real actor (shortest path to its source, then the event)', () => {
    // One witness per (state value, event type, resulting state value): every distinct transition
    // is replayed, without re-running the thousands of context variants of each.
    const seen = new Set<string>();
    let count = 0;
    for (const [key, { state, transitions }] of Object.entries(adjacency)) {
      const head = pathTo.get(key);
      expect(head, `no path to ${key}`).toBeDefined();
      for (const t of Object.values(transitions)) {
        const witness = `${JSON.stringify(state.value)}|${t.event.type}|${JSON.stringify(t.state.value)}`;
        if (seen.has(witness)) continue;
        seen.add(witness);
        const actor = createActor(machine, { input: { demoTarget: DEMO } }).start();
        for (const step of head!.steps) if ((step.event.type as string) !== 'xstate.init') actor.send(step.event as never);
        actor.send(t.event as never);
        const got = actor.getSnapshot();
        expect(abstractState(got.value, got.context)).toBe(abstractState(t.state.value, t.state.context));
        actor.stop();
        count++;
      }
    }
    expect(count).toBeGreaterThan(100);
  });
});
