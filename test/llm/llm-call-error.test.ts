import { describe, expect, it } from 'vitest';
import { isRetryableStatus, retryAfterMs } from '../../src/llm/llm-call-error.js';

const headers = (values: Record<string, string>) => new Headers(values);

describe('retryAfterMs', () => {
  it.each([
    ['seconds', { 'retry-after': '2' }, 2_000],
    ['fractional seconds', { 'retry-after': '0.5' }, 500],
    ['retry-after-ms first', { 'retry-after-ms': '120', 'retry-after': '9' }, 120],
    ['an HTTP date', { 'retry-after': 'Wed, 01 May 2024 10:00:03 GMT' }, 3_000],
    ['a date in the past', { 'retry-after': 'Wed, 01 May 2024 09:00:00 GMT' }, 0],
    ['garbage', { 'retry-after': 'soon' }, undefined],
    ['nothing', {}, undefined],
  ])('reads %s', (_name, values, expected) => {
    expect(retryAfterMs(headers(values), Date.parse('2024-05-01T10:00:00Z'))).toBe(expected);
  });

  it('is undefined without headers (network errors)', () => {
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

describe('isRetryableStatus', () => {
  it.each([
    [408, true],
    [409, true],
    [429, true],
    [500, true],
    [503, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [422, false],
  ])('%i → %s', (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });
});
