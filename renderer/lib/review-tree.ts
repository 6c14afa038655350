// SPDX-License-Identifier: Apache-2.0
// The rendered files as the review shows them: a folder tree built from their paths (each folder
// counting what changed inside it), and a unified diff split into numbered, typed lines.
import type { ReviewFile } from '../../electron/api/contract.js';

/** A file in the tree. */
export interface TreeFile {
  kind: 'file';
  name: string;
  path: string;
  file: ReviewFile;
}

/** A folder in the tree, with how many files below it were added, changed or removed. */
export interface TreeFolder {
  kind: 'folder';
  name: string;
  path: string;
  children: (TreeFolder | TreeFile)[];
  changes: number;
}

/** The folder tree of `files` (folders first, then files, each by name). */
export function buildTree(files: readonly ReviewFile[]): TreeFolder {
  const root: TreeFolder = { kind: 'folder', name: '', path: '', children: [], changes: 0 };
  for (const file of files) {
    const parts = file.path.split('/');
    let folder = root;
    for (const [i, part] of parts.slice(0, -1).entries()) {
      const path = parts.slice(0, i + 1).join('/');
      let next = folder.children.find((c): c is TreeFolder => c.kind === 'folder' && c.name === part);
      if (!next) {
        next = { kind: 'folder', name: part, path, children: [], changes: 0 };
        folder.children.push(next);
      }
      if (file.change !== 'unchanged') next.changes++;
      folder = next;
    }
    folder.children.push({ kind: 'file', name: parts.at(-1)!, path: file.path, file });
  }
  const sort = (f: TreeFolder): void => {
    f.children.sort((a, b) => (a.kind !== b.kind ? (a.kind === 'folder' ? -1 : 1) : a.name.localeCompare(b.name)));
    for (const c of f.children) if (c.kind === 'folder') sort(c);
  };
  sort(root);
  return root;
}

/** One line of a unified diff, with its line numbers in the old and the new file. */
export interface DiffLine {
  kind: 'add' | 'del' | 'ctx' | 'hunk' | 'meta';
  text: string;
  oldNo?: number;
  newNo?: number;
}

/** Splits a unified diff into lines; file headers (---/+++) are left out, hunks keep their header. */
export function parseDiff(diff: string): DiffLine[] {
  const out: DiffLine[] = [];
  let oldNo = 0;
  let newNo = 0;
  let inHunk = false;
  for (const line of diff.split('\n')) {
    const hunk = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@(.*)$/.exec(line);
    if (hunk) {
      oldNo = Number(hunk[1]);
      newNo = Number(hunk[2]);
      inHunk = true;
      out.push({ kind: 'hunk', text: line });
    } else if (!inHunk) {
      continue; // "Index:", "===", "--- a/…", "+++ b/…"
    } else if (line.startsWith('+')) {
      out.push({ kind: 'add', text: line.slice(1), newNo: newNo++ });
    } else if (line.startsWith('-')) {
      out.push({ kind: 'del', text: line.slice(1), oldNo: oldNo++ });
    } else if (line.startsWith('\\')) {
      out.push({ kind: 'meta', text: line.slice(2) });
    } else if (line.startsWith(' ')) {
      out.push({ kind: 'ctx', text: line.slice(1), oldNo: oldNo++, newNo: newNo++ });
    }
  }
  return out;
}

/** How many lines a diff adds and removes. */
export function diffStat(lines: readonly DiffLine[]): { added: number; removed: number } {
  return { added: lines.filter((l) => l.kind === 'add').length, removed: lines.filter((l) => l.kind === 'del').length };
}
