// SPDX-License-Identifier: Apache-2.0
// Splitting probe output into sections: markers with nonces, stderr, cut-off and hostile output.
import { describe, expect, it } from 'vitest';
import { splitSections } from '../../../../../electron/backend/hardware/probe/probe-sections.js';
import { sanitizeProbeOutput } from '../../../../../electron/backend/hardware/probe/sanitize-output.js';

const N = 'abc-123';
const sec = (name: string, out: string, code = 0, err = '') =>
  `\n@@ciab-probe:section:${name}:${N}\n${out}\n@@ciab-probe:exit:${name}:${code}:${N}\n${err ? `@@ciab-probe:stderr:${name}:${N}\n${err}\n` : ''}`;

describe('splitSections', () => {
  it('recovers each command output byte for byte, with or without a final newline', () => {
    const text = `@@ciab-probe:begin:v1:${N}\n${sec('a', 'one\ntwo\n')}${sec('b', 'no newline')}${sec('c', '')}\n@@ciab-probe:end:${N}\n`;
    const s = splitSections(text);
    expect(s.version).toBe('v1');
    expect(s.ended).toBe(true);
    expect(s.sections.get('a')).toMatchObject({ stdout: 'one\ntwo\n', exitCode: 0, stderr: '' });
    expect(s.sections.get('b')?.stdout).toBe('no newline');
    expect(s.sections.get('c')?.stdout).toBe('');
    expect(s.warnings).toEqual([]);
  });

  it('keeps stderr and the exit code of a failed command', () => {
    const s = splitSections(`@@ciab-probe:begin:v1:${N}\n${sec('by-id', '', 2, "ls: cannot access '/dev/disk/by-id': No such file or directory")}`);
    expect(s.sections.get('by-id')?.exitCode).toBe(2);
    expect(s.sections.get('by-id')?.stderr.trim()).toBe("ls: cannot access '/dev/disk/by-id': No such file or directory");
    expect(s.ended).toBe(false);
  });

  it('treats markers with another nonce as plain output (a file cannot forge a section)', () => {
    const forged = `@@ciab-probe:exit:hostname:0:evil\n@@ciab-probe:section:sudo:evil\n`;
    const s = splitSections(`@@ciab-probe:begin:v1:${N}\n${sec('hostname', `real\n${forged}`)}`);
    expect(s.sections.get('hostname')?.stdout).toBe(`real\n${forged}`);
    expect(s.sections.has('sudo')).toBe(false);
  });

  it('marks a section cut off before its exit marker', () => {
    const s = splitSections(`@@ciab-probe:begin:v1:${N}\n\n@@ciab-probe:section:lsblk-json:${N}\n{"blockdevices": [`);
    expect(s.sections.get('lsblk-json')).toMatchObject({ exitCode: null, stdout: '{"blockdevices": [' });
  });

  it('keeps the first copy of a duplicated section and says so', () => {
    const s = splitSections(`@@ciab-probe:begin:v1:${N}\n${sec('kernel', '6.8.0')}${sec('kernel', '9.9.9', 3)}`);
    expect(s.sections.get('kernel')).toMatchObject({ stdout: '6.8.0', exitCode: 0 });
    expect(s.warnings.join()).toMatch(/more than once/);
  });

  it('adopts the nonce of the first marker when the begin line was lost', () => {
    const s = splitSections(`garbage\n${sec('arch', 'x86_64')}`);
    expect(s.sections.get('arch')?.stdout).toBe('x86_64');
    expect(s.version).toBeNull();
    expect(s.warnings.join()).toMatch(/begin marker is missing/);
  });

  it('drops a section larger than the limit but remembers its size', () => {
    const s = splitSections(`@@ciab-probe:begin:v1:${N}\n${sec('ss', 'x'.repeat(5000))}`, 1000);
    expect(s.sections.get('ss')).toMatchObject({ tooLarge: true, stdout: '', size: 5000, exitCode: 0 });
  });
});

describe('sanitizeProbeOutput', () => {
  it('removes NUL and other control bytes, invalid UTF-8 and CR, keeps tabs and newlines', () => {
    const raw = `a\u0000b\r\nc\td\u001b[31m\ufffd\n`;
    expect(sanitizeProbeOutput(raw)).toEqual({ text: 'ab\nc\td[31m\n', originalLength: raw.length, truncated: false, removedChars: 4 });
  });

  it('cuts input beyond the limit', () => {
    const r = sanitizeProbeOutput('x'.repeat(100), 10);
    expect(r).toMatchObject({ text: 'x'.repeat(10), truncated: true, originalLength: 100 });
  });
});
