// SPDX-License-Identifier: Apache-2.0
import { describe, expect, test } from 'vitest';
import { errorsFor, fieldFromApiError, sentence, unplacedErrors } from '../../../renderer/lib/field-errors.js';

describe('placing validation errors under their fields', () => {
  const errors = [
    { field: '/name', message: 'must NOT have fewer than 2 characters' },
    { field: '/name', message: 'Use lower-case letters' },
    { field: '/type', message: 'must be one of: sandbox, edge, kubernetes' },
    { field: '/', message: 'must NOT have additional properties' },
  ];

  test('messages for one field, exactly', () => {
    expect(errorsFor(errors, '/name')).toEqual(['must NOT have fewer than 2 characters', 'Use lower-case letters']);
    expect(errorsFor(errors, '/nam')).toEqual([]);
  });

  test('errors for fields the form does not show are kept, not lost', () => {
    expect(unplacedErrors(errors, ['/name', '/type'])).toEqual([{ field: '/', message: 'must NOT have additional properties' }]);
  });

  test('API error fields map to the form field name', () => {
    expect(fieldFromApiError('/event/target/host')).toBe('host');
    expect(fieldFromApiError('params.event.target.port')).toBe('port');
    expect(fieldFromApiError(undefined)).toBeNull();
    expect(fieldFromApiError('')).toBeNull();
  });

  test('validator wording becomes a sentence', () => {
    expect(sentence('must NOT have fewer than 2 characters')).toBe('Must not have fewer than 2 characters.');
    expect(sentence('Use lower-case letters.')).toBe('Use lower-case letters.');
    expect(sentence('  ')).toBe('');
  });
});
