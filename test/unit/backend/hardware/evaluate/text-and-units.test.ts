// SPDX-License-Identifier: Apache-2.0
// The small helpers under the check texts: templates with optional parts, and human units.
import { describe, expect, it } from 'vitest';
import { fillTemplate, pickText } from '../../../../../electron/backend/hardware/evaluate/text-template.js';
import { cleanText, formatDiskSize, formatGiB, formatSpeed, joinOr, listSome } from '../../../../../electron/backend/hardware/evaluate/units.js';

describe('fillTemplate', () => {
  it('fills placeholders and drops optional parts whose values are missing', () => {
    const t = '{min} cores or more{{ ({recommended} recommended)}}';
    expect(fillTemplate(t, { min: 4, recommended: 8 })).toBe('4 cores or more (8 recommended)');
    expect(fillTemplate(t, { min: 4 })).toBe('4 cores or more');
    expect(fillTemplate(t, { min: 4, recommended: '' })).toBe('4 cores or more');
    expect(fillTemplate('one disk{{ as {names}}}, not root', { names: null })).toBe('one disk, not root');
    expect(fillTemplate('a{{ {x} and {y}}}', { x: 1 })).toBe('a');
  });

  it('leaves unknown placeholders visible and shell syntax alone', () => {
    expect(fillTemplate('{nope} and {ok}', { ok: 'yes' })).toBe('{nope} and yes');
    expect(fillTemplate('mdadm --stop "/dev/${h##*/}"', {})).toBe('mdadm --stop "/dev/${h##*/}"');
  });

  it('picks a variant or falls back to default', () => {
    expect(pickText('plain', 'vm')).toBe('plain');
    expect(pickText({ default: 'd', vm: 'v' }, 'vm')).toBe('v');
    expect(pickText({ default: 'd', vm: 'v' }, 'other')).toBe('d');
    expect(pickText({ default: 'd' }, undefined)).toBe('d');
  });
});

describe('units', () => {
  it('memory in GiB, disks in decimal units as on the label, speeds in b/s', () => {
    expect(formatGiB(31.3 * 1024 ** 3)).toBe('31.3 GiB');
    expect(formatGiB(8 * 1024 ** 3)).toBe('8 GiB');
    expect(formatGiB(125.7 * 1024 ** 3)).toBe('126 GiB');
    expect(formatDiskSize(1.92e12)).toBe('1.92 TB');
    expect(formatDiskSize(1e12)).toBe('1 TB');
    expect(formatDiskSize(480e9)).toBe('480 GB');
    expect(formatDiskSize(100e9)).toBe('100 GB');
    expect(formatDiskSize(2.5e9)).toBe('2.5 GB');
    expect(formatSpeed(10000)).toBe('10 Gb/s');
    expect(formatSpeed(2500)).toBe('2.5 Gb/s');
    expect(formatSpeed(100)).toBe('100 Mb/s');
  });

  it('lists and cleans report strings', () => {
    expect(joinOr(['/dev/sda'])).toBe('/dev/sda');
    expect(joinOr(['a', 'b', 'c'])).toBe('a, b or c');
    expect(listSome(['a', 'b', 'c', 'd'], 2)).toBe('a, b and 2 more');
    expect(cleanText('a\u0000b\n\tc  d')).toBe('a b c d');
    expect(cleanText('x'.repeat(500), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(cleanText(null)).toBe('');
  });
});
