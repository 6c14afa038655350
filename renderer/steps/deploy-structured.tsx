// SPDX-License-Identifier: Apache-2.0
// A step attempt's Ansible output as a structured, virtualised list: plays, tasks, per-host results
// (failures in red), the recap; with a text filter, "failures only" / "changed" toggles and counts.
import {
  useDeferredValue,
  useMemo,
  useRef,
  useState,
  type ReactElement,
} from "react";
import { Virtuoso } from "react-virtuoso";
import {
  AnsibleParser,
  isFailure,
  type AnsibleItem,
} from "../lib/ansible-structure.js";
import type {
  DeployOutputStore,
  OutputSnapshot,
} from "../lib/deploy-output-store.js";
import { DeployStructuredRow } from "./deploy-structured-row.js";

/** The structured view of attempt `id`; `snapshot` is what triggers catching up with the store. */
export function DeployStructured({
  store,
  snapshot,
  id,
  follow,
}: {
  store: DeployOutputStore;
  snapshot: OutputSnapshot;
  id: string | null;
  follow: boolean;
}): ReactElement {
  const items = useParsed(store, snapshot, id);
  const [text, setText] = useState("");
  const [failuresOnly, setFailuresOnly] = useState(false);
  const [changedOnly, setChangedOnly] = useState(false);
  const query = useDeferredValue(text.trim().toLowerCase());
  const filtering = query !== "" || failuresOnly || changedOnly;
  const shown = useMemo(() => {
    return items.list.filter((it) => {
      // Blank lines only space out the terminal; rows have their own separators.
      if (it.kind === 'plain' && it.text.trim() === '') return false;
      if (!filtering) return true;
      if (failuresOnly || changedOnly) {
        const ok =
          (failuresOnly && isFailure(it)) ||
          (changedOnly && it.kind === "result" && it.status === "changed");
        if (!ok) return false;
      }
      return (
        query === "" ||
        it.text.toLowerCase().includes(query) ||
        (it.kind === "result" && (it.task ?? "").toLowerCase().includes(query))
      );
    });
  }, [items, filtering, failuresOnly, changedOnly, query]);
  const s = items.summary;
  return (
    <div className="deploy-structured">
      <div className="deploy-structured__tools">
        <input
          type="search"
          className="input deploy-structured__filter"
          placeholder="Filter lines, tasks, hosts…"
          aria-label="Filter the structured output"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <label className="deploy-toggle">
          <input
            type="checkbox"
            checked={failuresOnly}
            onChange={(e) => setFailuresOnly(e.target.checked)}
          />{" "}
          Failures only
        </label>
        <label className="deploy-toggle">
          <input
            type="checkbox"
            checked={changedOnly}
            onChange={(e) => setChangedOnly(e.target.checked)}
          />{" "}
          Changed
        </label>
      </div>
      <p className="deploy-structured__counts" aria-live="polite">
        <span>{s.tasks} tasks</span>
        <span className="count count--ok">{s.ok} ok</span>
        <span className="count count--changed">{s.changed} changed</span>
        <span className="count count--skipped">{s.skipped} skipped</span>
        <span className={`count${s.failed > 0 ? " count--failed" : ""}`}>
          {s.failed} failed
        </span>
        <span className={`count${s.unreachable > 0 ? " count--failed" : ""}`}>
          {s.unreachable} unreachable
        </span>
        {filtering && (
          <span className="deploy-structured__matches">
            {shown.length} of {items.list.length} lines shown
          </span>
        )}
      </p>
      {shown.length === 0 ? (
        <p className="deploy-structured__empty">
          {items.list.length === 0
            ? "No output for this step yet."
            : "No lines match the filter."}
        </p>
      ) : (
        <div className="deploy-structured__list">
          <Virtuoso
            role="list"
            aria-label="Structured output"
            data={shown}
            followOutput={follow && !filtering ? "auto" : false}
            initialTopMostItemIndex={follow ? shown.length - 1 : 0}
            computeItemKey={(_, it) => it.n}
            itemContent={(_, it) => (
              <DeployStructuredRow item={it} showTask={filtering} />
            )}
          />
        </div>
      )}
    </div>
  );
}

interface Parsed {
  list: AnsibleItem[];
  summary: AnsibleParser["summary"];
}

// Parses new chunks of attempt `id` each time the snapshot changes; starts over for another attempt.
function useParsed(
  store: DeployOutputStore,
  snapshot: OutputSnapshot,
  id: string | null,
): Parsed {
  const state = useRef<{
    id: string | null;
    generation: number;
    next: number;
    parser: AnsibleParser;
  } | null>(null);
  return useMemo(() => {
    const a = id === null ? undefined : store.get(id);
    let st = state.current;
    if (
      !st ||
      st.id !== id ||
      (a && a.generation !== st.generation) ||
      (a && st.next < a.base)
    ) {
      st = {
        id,
        generation: a?.generation ?? 0,
        next: a?.base ?? 0,
        parser: new AnsibleParser(),
      };
      state.current = st;
    }
    if (a) {
      for (let i = st.next - a.base; i < a.chunks.length; i++)
        st.parser.push(a.chunks[i]!.data);
      st.next = a.base + a.chunks.length;
    }
    const pending = st.parser.pendingLine();
    const list = pending ? [...st.parser.items, pending] : [...st.parser.items];
    return { list, summary: { ...st.parser.summary } };
    // The snapshot version says when the store changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, snapshot.version, id]);
}
