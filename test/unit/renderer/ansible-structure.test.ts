// SPDX-License-Identifier: Apache-2.0
// The incremental Ansible parser: lines and escapes split across chunks anywhere, ANSI removed,
// results per host (fatal, unreachable, ignored), failure details, and PLAY RECAP counts.
import { describe, expect, test } from 'vitest';
import { AnsibleParser, isFailure, stripAnsi } from '../../../renderer/lib/ansible-structure.js';

const E = '\x1b[';
const OUTPUT = [
  'PLAY [Apply role ceph-osd] *****************************************************',
  '',
  'TASK [ceph-osd : prepare osd] **************************************************',
  `${E}0;32mok: [node-1]${E}0m`,
  `${E}0;33mchanged: [node-2]${E}0m`,
  'TASK [ceph-osd : gather] *******************************************************',
  `${E}0;36mskipping: [node-1]${E}0m`,
  `${E}0;31mfatal: [node-2]: FAILED! => {"msg": "non-zero return code",${E}0m`,
  `${E}0;31m  "stderr": "Device has a filesystem"}${E}0m`,
  '',
  'RUNNING HANDLER [ceph-osd : restart] *******************************************',
  `${E}0;31mfatal: [node-3]: UNREACHABLE! => {"changed": false, "unreachable": true}${E}0m`,
  `${E}0;31mfailed: [node-1] (item=x) => {"msg": "nope"}${E}0m`,
  '...ignoring',
  'PLAY RECAP *********************************************************************',
  `${E}0;31mnode-2${E}0m                     : ${E}0;32mok=41  ${E}0m changed=6    unreachable=0    ${E}0;31mfailed=1   ${E}0m skipped=18   rescued=0    ignored=2`,
  'node-3 : ok=0 changed=0 unreachable=1 failed=0',
  '',
].join('\r\n');

function parseIn(pieces: string[]): AnsibleParser {
  const p = new AnsibleParser();
  for (const piece of pieces) p.push(piece);
  p.end();
  return p;
}

describe('AnsibleParser', () => {
  test('classifies plays, tasks, handlers, results and the recap', () => {
    const p = parseIn([OUTPUT]);
    const kinds = p.items.map((i) => (i.kind === 'result' ? `${i.kind}:${i.status}:${i.host}` : i.kind));
    expect(kinds).toEqual(['play', 'plain', 'task', 'result:ok:node-1', 'result:changed:node-2', 'task', 'result:skipping:node-1', 'result:fatal:node-2', 'plain', 'plain', 'task', 'result:unreachable:node-3', 'result:failed:node-1', 'plain', 'recap-header', 'recap', 'recap']);
    expect(p.items[0]).toMatchObject({ kind: 'play', name: 'Apply role ceph-osd' });
    expect(p.items[10]).toMatchObject({ kind: 'task', name: 'ceph-osd : restart', handler: true });
    expect(p.items[7]).toMatchObject({ kind: 'result', task: 'ceph-osd : gather' });
    expect(p.summary).toEqual({ plays: 1, tasks: 3, ok: 1, changed: 1, skipped: 1, failed: 2, unreachable: 1 });
  });

  test('strips ANSI and keeps recap counts', () => {
    const p = parseIn([OUTPUT]);
    expect(p.items.every((i) => !i.text.includes('\x1b'))).toBe(true);
    expect(p.items[15]).toMatchObject({ kind: 'recap', host: 'node-2', counts: { ok: 41, changed: 6, unreachable: 0, failed: 1, skipped: 18, rescued: 0, ignored: 2 } });
    expect(p.items[16]).toMatchObject({ kind: 'recap', host: 'node-3', counts: { unreachable: 1, skipped: 0 } });
    expect(isFailure(p.items[15]!)).toBe(true);
  });

  test('the lines after FAILED! => belong to the failure until a blank line', () => {
    const p = parseIn([OUTPUT]);
    expect(p.items[8]).toMatchObject({ kind: 'plain', detail: true, text: '  "stderr": "Device has a filesystem"}' });
    expect(isFailure(p.items[8]!)).toBe(true);
    expect(isFailure(p.items[9]!)).toBe(false);
    expect(isFailure(p.items[3]!)).toBe(false);
  });

  test('gives the same items however the output is cut, inside lines and inside escape sequences', () => {
    const whole = parseIn([OUTPUT]).items;
    for (const size of [1, 2, 3, 7, 64]) {
      const pieces: string[] = [];
      for (let i = 0; i < OUTPUT.length; i += size) pieces.push(OUTPUT.slice(i, i + size));
      expect(parseIn(pieces).items).toEqual(whole);
    }
  });

  test('an unfinished line shows as pending and is parsed at the end', () => {
    const p = new AnsibleParser();
    p.push('TASK [a] ***\r\nok: [h');
    expect(p.items).toHaveLength(1);
    expect(p.pendingLine()).toMatchObject({ kind: 'plain', text: 'ok: [h' });
    p.push('1]');
    p.end();
    expect(p.items.at(-1)).toMatchObject({ kind: 'result', status: 'ok', host: 'h1', task: 'a' });
    expect(p.pendingLine()).toBeNull();
  });

  test('a carriage return redraws the line; control characters and OSC titles go', () => {
    expect(parseIn(['progress 10%\rprogress 100%\n']).items[0]!.text).toBe('progress 100%');
    expect(stripAnsi('\x1b]0;title\x07a\x1b[1;31mb\x1b[0m\x07c')).toBe('abc');
  });
});
