/** Service selectors as the scoping reads them (the rest of scoping runs on the sim in observer.test.ts). */
import { describe, expect, it } from 'vitest';
import { selects } from '../../src/observe/scope.js';

describe('selects', () => {
  it.each<[string, Record<string, string> | undefined, Record<string, string>, boolean]>([
    ['every pair matches', { app: 'api' }, { app: 'api', tier: 'web' }, true],
    ['several pairs', { app: 'api', tier: 'web' }, { app: 'api', tier: 'web' }, true],
    ['a value differs', { app: 'api-frontend' }, { app: 'api' }, false],
    ['a key is missing', { app: 'api', tier: 'db' }, { app: 'api' }, false],
    ['an empty selector selects nothing', {}, { app: 'api' }, false],
    ['no selector selects nothing', undefined, { app: 'api' }, false],
  ])('%s', (_name, selector, labels, expected) => {
    expect(selects(selector, labels)).toBe(expected);
  });
});
