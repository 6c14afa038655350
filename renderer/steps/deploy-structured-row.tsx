// SPDX-License-Identifier: Apache-2.0
// One row of the structured Ansible view: a play or task header, a host result with its status
// word, a recap line with counts, or a plain line (red when it belongs to a failure).
import type { ReactElement } from 'react';
import { isFailure, type AnsibleItem, type ResultStatus } from '../lib/ansible-structure.js';

const STATUS_WORD: Record<ResultStatus, string> = { ok: 'ok', changed: 'changed', skipping: 'skipped', failed: 'failed', fatal: 'failed', unreachable: 'unreachable', included: 'included', ignored: 'ignored' };

/** The row for `item`; `showTask` names the task beside a result (when a filter hides the headers). */
export function DeployStructuredRow({ item, showTask }: { item: AnsibleItem; showTask: boolean }): ReactElement {
  const failure = isFailure(item);
  const cls = `ans-row ans-row--${item.kind}${failure ? ' ans-row--failure' : ''}`;
  switch (item.kind) {
    case 'play':
      return (
        <div className={cls} role="listitem">
          <span className="ans-row__tag">Play</span>
          <span className="ans-row__name">{item.name || '(unnamed)'}</span>
        </div>
      );
    case 'task':
      return (
        <div className={cls} role="listitem">
          <span className="ans-row__tag">{item.handler ? 'Handler' : 'Task'}</span>
          <span className="ans-row__name">{item.name}</span>
        </div>
      );
    case 'result': {
      const rest = item.text.replace(/^\w+: \[[^\]]+\]:?\s*/, '');
      return (
        <div className={cls} role="listitem">
          <span className={`ans-status ans-status--${item.status}`}>{STATUS_WORD[item.status]}</span>
          <span className="ans-row__host">{item.host}</span>
          {showTask && item.task && <span className="ans-row__task">{item.task}</span>}
          {rest && <span className="ans-row__text mono">{rest}</span>}
        </div>
      );
    }
    case 'recap-header':
      return (
        <div className={cls} role="listitem">
          <span className="ans-row__tag">Recap</span>
        </div>
      );
    case 'recap': {
      const c = item.counts;
      return (
        <div className={cls} role="listitem">
          <span className="ans-row__host">{item.host}</span>
          <span className="ans-recap">
            <span>ok {c.ok}</span>
            <span>changed {c.changed}</span>
            <span className={c.unreachable > 0 ? 'ans-recap__bad' : undefined}>unreachable {c.unreachable}</span>
            <span className={c.failed > 0 ? 'ans-recap__bad' : undefined}>failed {c.failed}</span>
            <span>skipped {c.skipped}</span>
            {c.rescued > 0 && <span>rescued {c.rescued}</span>}
            {c.ignored > 0 && <span>ignored {c.ignored}</span>}
          </span>
        </div>
      );
    }
    default:
      return (
        <div className={cls} role="listitem">
          <span className="ans-row__text mono">{item.text || '\u00a0'}</span>
        </div>
      );
  }
}
