import { describe, expect, it } from 'vitest';
import { bearerMatches } from '../../src/alerts/bearer.js';

const TOKEN = 'a-long-alerts-token-0123456789';

describe('bearerMatches', () => {
  it.each([
    [`Bearer ${TOKEN}`, true],
    [`bearer ${TOKEN}`, true],
    [`Bearer ${TOKEN} `, true],
    [`Bearer ${TOKEN}x`, false],
    [`Bearer ${TOKEN.slice(0, -1)}`, false],
    [TOKEN, false],
    [`Basic ${TOKEN}`, false],
    ['Bearer ', false],
    ['', false],
    [undefined, false],
  ])('%j ⇒ %s', (header, expected) => {
    expect(bearerMatches(header, TOKEN)).toBe(expected);
  });
});
