// SPDX-License-Identifier: Apache-2.0
// Holds what the renderer knows about the backend: the latest WorkflowView (never a workflow state
// of its own), app info, the bounded live log and pending notices; and the two ways to act: send
// a WorkflowEvent or make a request.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ApiClient, ApiMethod, ApiParams, ApiResult, AppInfo, LogLine, Notice, WorkflowEvent, WorkflowView } from '../../electron/api/contract.js';
import type { Backend, Connection } from '../api.js';
import { formatElapsed } from '../lib/format.js';
import { BoundedLog } from '../lib/log-buffer.js';
import { recovery } from '../lib/ssh-connection.js';

/** A notice banner entry; stays until the operator dismisses it. */
export interface NoticeEntry {
  id: number;
  notice: Notice;
}

/** A request that failed or an event the workflow did not accept, shown until the view changes. */
export interface Problem {
  message: string;
  action: string;
  /** The request field the backend rejected (an API validation error), if it named one. */
  field?: string;
}

type ScopedProblem = Problem & { state: string | null };

/** Everything the screens read and do, provided through InstallerContext. */
export interface Installer {
  /** The raw client, for screens that stream (deploy output, the operator terminal). */
  client: ApiClient;
  connection: Connection;
  retryNow(): void;
  appInfo: AppInfo | null;
  view: WorkflowView | null;
  logs: readonly LogLine[];
  logsDropped: number;
  notices: NoticeEntry[];
  dismissNotice(id: number): void;
  /** Sends an event; resolves true when the workflow accepted it. `quiet` sends do not mark the UI busy. */
  send(event: WorkflowEvent, opts?: { quiet?: boolean }): Promise<boolean>;
  /** Makes a request; resolves null (and records a Problem) when it fails. */
  request<M extends ApiMethod>(method: M, params: ApiParams<M>, action: string): Promise<ApiResult<M> | null>;
  /** The label of the action in flight, if any; buttons use it to avoid double submits. */
  pending: string | null;
  problem: Problem | null;
  /** Set for a few seconds after the SSH connection to the target came back by itself. */
  sshRecovered: { afterMs: number | null } | null;
}

/** How long "Reconnected after …" stays in the connection banner. */
export const RECOVERED_SHOWN_MS = 8000;

const LOG_LIMIT = 2000;

/** Connects the app's state to a Backend. */
export function useInstaller(backend: Backend): Installer {
  const { client } = backend;
  const connection = useSyncExternalStore<Connection>(backend.onConnection, backend.connection);
  const [appInfo, setAppInfo] = useState<AppInfo | null>(null);
  const [view, setView] = useState<WorkflowView | null>(null);
  const [notices, setNotices] = useState<NoticeEntry[]>([]);
  const [pending, setPending] = useState<string | null>(null);
  const [scopedProblem, setScopedProblem] = useState<ScopedProblem | null>(null);
  const viewRef = useRef<WorkflowView | null>(null);
  // Counts workflow.view events. A response can arrive after events that were emitted later
  // (the backend streams the event, then answers), so a response's view is only used when no
  // event came in while the request was in flight.
  const viewEvents = useRef(0);
  const logInstall = useRef<string | null>(null);
  const logRef = useRef(new BoundedLog<LogLine>(LOG_LIMIT));
  const [logs, setLogs] = useState<{ lines: readonly LogLine[]; dropped: number }>({ lines: [], dropped: 0 });
  const noticeId = useRef(0);
  const [sshRecovered, setSshRecovered] = useState<{ afterMs: number | null } | null>(null);
  const recoveredTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const addNotice = useCallback((notice: Notice) => {
    const id = ++noticeId.current;
    setNotices((list) => [...list, { id, notice }]);
  }, []);

  useEffect(
    () => () => {
      if (recoveredTimer.current !== null) clearTimeout(recoveredTimer.current);
    },
    [],
  );

  // A problem belongs to the screen (workflow state) it happened on.
  const setProblem = useCallback((p: Problem | null) => setScopedProblem(p && { ...p, state: viewRef.current?.state ?? null }), []);

  const acceptView = useCallback((v: WorkflowView) => {
    // The SSH connection came back: say so briefly (the banner clears itself afterwards).
    const back = recovery(viewRef.current?.connection, v.connection, Date.now());
    if (back !== null || (v.connection.status !== 'connected' && v.connection.status !== viewRef.current?.connection.status)) {
      if (recoveredTimer.current !== null) clearTimeout(recoveredTimer.current);
      recoveredTimer.current = back === null ? null : setTimeout(() => setSshRecovered(null), RECOVERED_SHOWN_MS);
      setSshRecovered(back);
    }
    viewRef.current = v;
    // A new install starts with an empty log panel.
    if (v.installId !== null && v.installId !== logInstall.current) {
      if (logInstall.current !== null) {
        logRef.current.clear();
        setLogs({ lines: [], dropped: 0 });
      }
      logInstall.current = v.installId;
    }
    setView(v);
  }, []);

  useEffect(
    () =>
      backend.onConnection((c) => {
        if (c.status === 'connected' && c.reconnectedAfterMs !== null) {
          addNotice({ level: 'info', message: `Reconnected to the installer backend after ${formatElapsed(c.reconnectedAfterMs)} away. The screen shows the current state of the install.` });
        }
      }),
    [backend, addNotice],
  );

  useEffect(() => {
    // Log lines can arrive hundreds per second; re-render at most ten times a second.
    let flush: ReturnType<typeof setTimeout> | null = null;
    const offLog = client.on('log', (line) => {
      logRef.current.push(line);
      flush ??= setTimeout(() => {
        flush = null;
        setLogs({ lines: logRef.current.snapshot(), dropped: logRef.current.dropped });
      }, 100);
    });
    const offView = client.on('workflow.view', (v) => {
      viewEvents.current++;
      acceptView(v);
    });
    const offNotice = client.on('notice', addNotice);
    return () => {
      offLog();
      offView();
      offNotice();
      if (flush !== null) clearTimeout(flush);
    };
  }, [client, addNotice, acceptView]);

  const connected = connection.status === 'connected';
  useEffect(() => {
    if (!connected) return;
    let live = true;
    const seen = viewEvents.current;
    void Promise.all([client.invoke('app.info', {}), client.invoke('workflow.get', {})]).then(
      ([info, v]) => {
        if (!live) return;
        setAppInfo(info);
        if (viewEvents.current === seen) acceptView(v);
      },
      (err: unknown) => {
        if (live) setProblem({ action: 'Loading the installer state', message: errorMessage(err) });
      },
    );
    return () => {
      live = false;
    };
  }, [client, connected, acceptView, setProblem]);

  const send = useCallback(
    async (event: WorkflowEvent, opts?: { quiet?: boolean }): Promise<boolean> => {
      if (!opts?.quiet) setPending(event.type);
      const seen = viewEvents.current;
      try {
        const res = await client.invoke('workflow.send', { event });
        if (viewEvents.current === seen) acceptView(res.view);
        // A refused background draft (quiet) is not the operator's action; only say so for clicks.
        if (!res.accepted && !opts?.quiet) setProblem({ action: describeEvent(event), message: res.reason ?? 'The installer did not accept this action in the current state.' });
        else if (!opts?.quiet) setProblem(null);
        return res.accepted;
      } catch (err) {
        setProblem({ action: describeEvent(event), ...errorDetails(err) });
        return false;
      } finally {
        if (!opts?.quiet) setPending(null);
      }
    },
    [client, acceptView, setProblem],
  );

  const request = useCallback(
    async <M extends ApiMethod>(method: M, params: ApiParams<M>, action: string): Promise<ApiResult<M> | null> => {
      setPending(action);
      const seen = viewEvents.current;
      try {
        const result = await client.invoke(method, params);
        // Resume and discard answer with the new view; show it unless an event was newer.
        if ((method === 'workflow.resume' || method === 'workflow.discardResume') && viewEvents.current === seen) acceptView(result as WorkflowView);
        return result;
      } catch (err) {
        setProblem({ action, ...errorDetails(err) });
        return null;
      } finally {
        setPending(null);
      }
    },
    [client, acceptView, setProblem],
  );

  const dismissNotice = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);

  return {
    client,
    connection,
    retryNow: backend.retryNow,
    appInfo,
    view,
    logs: logs.lines,
    logsDropped: logs.dropped,
    notices,
    dismissNotice,
    send,
    request,
    pending,
    sshRecovered,
    problem: scopedProblem !== null && scopedProblem.state === (view?.state ?? null) ? scopedProblem : null,
  };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// API errors (ApiCallError from the WebSocket client, or their IPC equivalent) may name a field.
function errorDetails(err: unknown): { message: string; field?: string } {
  const field = (err as { field?: unknown } | null)?.field;
  return typeof field === 'string' ? { message: errorMessage(err), field } : { message: errorMessage(err) };
}

function describeEvent(event: WorkflowEvent): string {
  return `Sending ${event.type.toLowerCase().replace(/_/g, ' ')}`;
}
