// SPDX-License-Identifier: Apache-2.0
// The rendered configuration as a file tree: folders that fold (with how many files changed
// inside), each file with its change badge (added, changed, removed, unchanged) and a lock when it
// is vault-encrypted on disk. Selecting a file shows it beside the tree.
import { useState, type ReactElement } from 'react';
import type { ReviewFile } from '../../electron/api/contract.js';
import { Icon } from '../components/icons.js';
import { buildTree, type TreeFolder } from '../lib/review-tree.js';
import { scrollWithin } from '../lib/scroll-within.js';

const CHANGE_WORD: Record<ReviewFile['change'], string> = { added: 'added', changed: 'changed', removed: 'removed', unchanged: 'unchanged' };

/** The change of a file as a small word badge. */
export function ChangeBadge({ change }: { change: ReviewFile['change'] }): ReactElement {
  return <span className={`review-badge review-badge--${change}`}>{CHANGE_WORD[change]}</span>;
}

/** The lock of a vault-encrypted file, with its meaning for screen readers. */
export function SecretLock(): ReactElement {
  return (
    <span className="review-lock" title="Vault-encrypted on disk; secret values are masked here">
      <Icon name="blocked" />
      <span className="visually-hidden">(vault-encrypted)</span>
    </span>
  );
}

function Chevron({ open }: { open: boolean }): ReactElement {
  return (
    <svg className={`review-tree__chevron${open ? ' review-tree__chevron--open' : ''}`} viewBox="0 0 20 20" aria-hidden="true">
      <path d="M7 4l6 6-6 6" />
    </svg>
  );
}

// The selected file stays in view in the (scrolling) tree.
const scrollIntoView = (el: HTMLButtonElement | null): void => {
  if (el) scrollWithin(el.closest('.review-tree'), el);
};

interface FolderProps {
  folder: TreeFolder;
  depth: number;
  selected: string | null;
  closed: ReadonlySet<string>;
  /** False on a site's first render: every file is new, so badges would only be noise. */
  showChanges: boolean;
  onToggle(path: string): void;
  onSelect(path: string): void;
}

function Folder({ folder, depth, selected, closed, showChanges, onToggle, onSelect }: FolderProps): ReactElement {
  return (
    <ul className="review-tree__list" role={depth === 0 ? undefined : 'group'}>
      {folder.children.map((c) => {
        if (c.kind === 'folder') {
          // The folder of the selected file is always open (a leak link may select a file in a folded one).
          const open = !closed.has(c.path) || (selected?.startsWith(`${c.path}/`) ?? false);
          return (
            <li key={c.path}>
              <button type="button" className="review-tree__row review-tree__folder" data-depth={Math.min(depth, 6)} aria-expanded={open} onClick={() => onToggle(c.path)}>
                <Chevron open={open} />
                <span className="review-tree__name">{c.name}/</span>
                {showChanges && c.changes > 0 && <span className="review-tree__count">{c.changes}</span>}
                {showChanges && c.changes > 0 && <span className="visually-hidden"> ({c.changes} changed)</span>}
              </button>
              {open && <Folder folder={c} depth={depth + 1} selected={selected} closed={closed} showChanges={showChanges} onToggle={onToggle} onSelect={onSelect} />}
            </li>
          );
        }
        const f = c.file;
        return (
          <li key={c.path}>
            <button
              type="button"
              ref={selected === c.path ? scrollIntoView : undefined}
              className={`review-tree__row review-tree__file review-tree__file--${f.change}`}
              data-depth={Math.min(depth, 6)}
              title={c.path}
              aria-current={selected === c.path ? 'true' : undefined}
              onClick={() => onSelect(c.path)}
            >
              <span className="review-tree__name">{c.name}</span>
              {f.secret && <SecretLock />}
              {showChanges && f.change !== 'unchanged' && <ChangeBadge change={f.change} />}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function quietFolders(folder: TreeFolder): string[] {
  return folder.children.flatMap((c) => (c.kind === 'folder' ? (c.changes === 0 ? [c.path] : quietFolders(c)) : []));
}

/** The file tree; `selected` is a file path. */
export function ReviewFiles({ files, selected, showChanges, onSelect }: { files: readonly ReviewFile[]; selected: string | null; showChanges: boolean; onSelect(path: string): void }): ReactElement {
  // Folders where nothing changed start folded, so what changed stands out.
  const [closed, setClosed] = useState<ReadonlySet<string>>(() => new Set(showChanges ? quietFolders(buildTree(files)) : []));
  const toggle = (path: string): void =>
    setClosed((s) => {
      const next = new Set(s);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  return (
    <nav className="review-tree" aria-label="Rendered files">
      <Folder folder={buildTree(files)} depth={0} selected={selected} closed={closed} showChanges={showChanges} onToggle={toggle} onSelect={onSelect} />
    </nav>
  );
}
